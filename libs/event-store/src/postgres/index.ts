// `@app/event-store/postgres`: the PostgreSQL store, chosen by a composition root. Not the
// adapter itself: connectPostgres loads it and the `pg` driver on first use, so an app that
// can open any store loads the driver only when the configuration names this one.
export * from './connect-postgres';
export type { PostgresEventStore } from './postgres-event-store';
