// `@app/projections/sqlite`: the embedded read models (one SQLite file in the data dir) and their
// ownership (the data dir's projector lock). Chosen by a composition root, never by a library.
export * from '../read-model/sqlite-read-model-store';
export * from './file-lock-ownership';
