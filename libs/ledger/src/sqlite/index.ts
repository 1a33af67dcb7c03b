// `@app/ledger/sqlite`: the Idempotency-Key index of one process, in its data dir. Chosen by a
// composition root, never by a library.
export * from '../idempotency/sqlite-idempotency-store';
