import { closeSync, fdatasync, fdatasyncSync, openSync, realpathSync } from 'node:fs';

/**
 * Flushes a database's write-ahead log to disk from libuv's thread pool, so the event loop goes
 * on while the disk works. In WAL mode a COMMIT at `synchronous=NORMAL` writes its frames to the
 * WAL file without syncing it; one fdatasync of that file afterwards makes every frame written
 * before it durable, whoever wrote them (the page cache is the file's, not the descriptor's).
 * This is what `synchronous=FULL` does inside COMMIT, only not on the event loop.
 *
 * The descriptor stays open while the store is: SQLite keeps the WAL file (and its inode) as
 * long as one connection is open, and takes no POSIX lock on it, so this descriptor can release
 * none of SQLite's locks when it closes.
 */
export class WalSync {
  private closed = false;

  private constructor(private readonly fd: number) {}

  /** The WAL of `databaseFile`, which must be open in WAL mode already (the file exists). */
  static open(databaseFile: string): WalSync {
    // SQLite resolves a symbolic link and keeps the WAL beside the real file.
    return new WalSync(openSync(`${realpathSync(databaseFile)}-wal`, 'r'));
  }

  /** Resolves once everything written to the WAL before this call is on disk. */
  sync(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the WAL sync is closed'));
    return new Promise((resolve, reject) =>
      fdatasync(this.fd, (error) => (error ? reject(error) : resolve())),
    );
  }

  /** The same, blocking (once at open: what an earlier process left unsynced). */
  syncNow(): void {
    fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
