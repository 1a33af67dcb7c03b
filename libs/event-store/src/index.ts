export * from './json';
export * from './expected-revision';
export * from './event-metadata';
export * from './new-event';
export * from './recorded-event';
export * from './append-result';
export * from './revision-conflict.error';
export * from './stream-not-found.error';
export * from './event-store.port';
export * from './integrity/canonical-json';
export * from './integrity/event-hash';
export * from './integrity/chain-events';
export * from './integrity/verify-chain';
export * from './sqlite/sqlite-event-store';
// The embedded store's schema and SQL, for the benchmark's raw better-sqlite3 comparison.
export * from './sqlite/schema';
export * from './sqlite/sql';
export * from './eventstoredb/eventstoredb-event-store';
