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
export * from './event-store.port';
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
export * from './sqlite/sqlite-event-store';
// The embedded store's schema and SQL, for the benchmark's raw better-sqlite3 comparison.
export * from './sqlite/schema';
export * from './sqlite/sql';
// Not the EventStoreDB adapter itself: it loads the gRPC client (about 200 ms at start), which a
// SQLite ledger never needs; connectEventStoreDb loads it on first use.
export * from './eventstoredb/connect-eventstoredb';
export type { EventStoreDbEventStore } from './eventstoredb/eventstoredb-event-store';
