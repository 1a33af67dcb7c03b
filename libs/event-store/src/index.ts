export * from './json';
export * from './expected-revision';
export * from './event-metadata';
export * from './new-event';
export * from './recorded-event';
export * from './append-result';
export * from './revision-conflict.error';
export * from './stream-not-found.error';
export * from './position-out-of-range.error';
export * from './storage-full.error';
export * from './data-dir-lock';
export * from './event-store.port';
export * from './stream-snapshot';
export * from './integrity/canonical-json';
export * from './integrity/event-hash';
export * from './integrity/chain-events';
export * from './integrity/verify-chain';
export * from './merkle/merkle-hash';
export * from './merkle/merkle-node';
export * from './merkle/merkle-node-store.port';
export * from './merkle/merkle-ranges';
export * from './merkle/merkle-tree';
export * from './merkle/merkle-log.port';
export * from './merkle/in-memory-merkle-node-store';
export * from './merkle/sqlite-merkle-node-store';
export * from './merkle/tree-backed-merkle-log';
export * from './merkle/verify-proofs';
export * from './merkle/streaming-root';
export * from './merkle/post-order';
export * from './merkle/followed-tree.port';
export * from './merkle/sqlite-followed-tree';
export * from './merkle/merkle-log-follower';
export * from './checkpoint/note-keys';
export * from './checkpoint/signed-note';
export * from './checkpoint/tlog-checkpoint';
export * from './checkpoint/checkpoint-store';
export * from './checkpoint/signing-key-file';
export * from './sqlite/sqlite-event-store';
// The embedded store's schema and SQL, for the benchmark's raw better-sqlite3 comparison.
export * from './sqlite/schema';
export * from './sqlite/sql';
export * from './sqlite/sqlite-merkle-log';
// Not the EventStoreDB adapter itself: it loads the gRPC client (about 200 ms at start), which a
// SQLite ledger never needs; connectEventStoreDb loads it on first use.
export * from './eventstoredb/connect-eventstoredb';
export type { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
// Likewise the PostgreSQL adapter: connectPostgres loads it and the `pg` driver on first use.
export * from './postgres/connect-postgres';
export type { PostgresEventStore } from './postgres/postgres-event-store';
