// `@app/event-store/sqlite`: the embedded store and the other SQLite files of a data dir: its
// audit trail (the Merkle log, a followed tree for the stores that keep none, the signed
// checkpoints) and the data dir's lock. Chosen by a composition root (an app), never by a library.
export * from './sqlite-event-store';
// The embedded store's schema and SQL, for the benchmark's raw better-sqlite3 comparison.
export * from './schema';
export * from './sql';
export * from './sqlite-merkle-log';
export * from './sqlite-merkle-node-store';
export * from './sqlite-followed-tree';
export * from './sqlite-checkpoint-store';
export * from './data-dir-lock';
