// `@app/projections/postgres`: the read models in a shared PostgreSQL database, the advisory
// locks that give each projection one owner, and the checkpoint signal (LISTEN/NOTIFY) an API
// waits on for `?minPosition`. Chosen by a composition root. Not the read-model store itself:
// connectPostgresReadModels loads it on first use; the others load `pg` when they connect.
export * from '../read-model/postgres/connect-postgres-read-models';
export { READ_MODEL_CHANNEL, READ_MODEL_SCHEMA } from '../read-model/postgres/read-model-tables';
export type { PostgresReadModelStore } from '../read-model/postgres/postgres-read-model-store';
export * from './postgres-advisory-ownership';
export * from './postgres-checkpoint-signal';
