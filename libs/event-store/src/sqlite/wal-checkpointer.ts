import { Worker } from 'node:worker_threads';

/**
 * Copies the write-ahead log into the database file from a worker thread, on its own
 * connection, so the commit path never pays for it. better-sqlite3 is synchronous: an automatic
 * checkpoint runs inside the COMMIT that crosses the WAL's threshold and blocks the event loop
 * while it writes back every page the WAL holds and syncs the database file; the number of
 * distinct pages grows with the database (a stream's event ids land on random index pages).
 * The writer keeps SQLite's automatic checkpoint as a safety net: when this thread has already
 * copied the frames, it finds nothing to do. A checkpoint is safe at any moment (SQLite's own
 * locks order it with the writer and the readers), so stopping or losing this thread loses
 * nothing: the WAL is only copied later.
 */
export class WalCheckpointer {
  private constructor(private readonly worker: Worker) {}

  static start(file: string, everyMs: number): WalCheckpointer {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, everyMs, driver: require.resolve('better-sqlite3') },
    });
    // A failed checkpoint thread costs only speed: the writer's own checkpoints go on.
    worker.on('error', () => undefined);
    worker.unref();
    return new WalCheckpointer(worker);
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 0');
db.pragma('synchronous = FULL');
setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next tick tries again */ }
}, workerData.everyMs);
`;
