// `@app/ledger/postgres`: the Idempotency-Key index every API instance shares, in PostgreSQL.
// Chosen by a composition root. Not the adapter itself: connectPostgresIdempotency loads it and
// `pg` on first use.
export * from '../idempotency/connect-postgres-idempotency';
export type { PostgresIdempotencyStore } from '../idempotency/postgres-idempotency-store';
