import Database from 'better-sqlite3';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Who holds a data dir: named in the refusal of a second process. */
export interface DataDirHolder {
  /** What holds it: `ledger-api`, `ledger rebuild`, … */
  holder: string;
  pid: number;
  host: string;
  startedAt: string;
}

const LOCK_FILE = 'ledger.lock';
const HOLDER_FILE = 'ledger.lock.json';

/** A second process wanted a data dir another one holds. */
export class DataDirLocked extends Error {
  override readonly name = 'DataDirLocked';

  constructor(
    readonly dataDir: string,
    readonly holder: DataDirHolder | undefined,
  ) {
    super(
      `the data dir ${dataDir} is in use by ` +
        (holder
          ? `${holder.holder} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`
          : 'another process') +
        '; one process per data dir',
    );
  }
}

/**
 * One process per data dir (the embedded store, read models and idempotency keys are not made
 * to be shared). The lock is SQLite's own exclusive lock on `<dataDir>/ledger.lock`, held by a
 * transaction that stays open while the process runs: an fcntl lock, which the kernel drops
 * when the process ends in any way, kill -9 included, so a lock is never stale. Who holds it is
 * written beside it (`ledger.lock.json`) for the refusal to name; on a full disk that note may
 * be missing, the lock itself needs no space.
 */
export class DataDirLock {
  private constructor(
    private readonly db: Database.Database,
    private readonly holderFile: string,
  ) {}

  /** Takes the data dir or throws {@link DataDirLocked} at once (it never waits). */
  static acquire(dataDir: string, holder: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
    const holderFile = join(dataDir, HOLDER_FILE);
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new DataDirLocked(dataDir, readHolder(holderFile));
      }
      throw error;
    }
    const note: DataDirHolder = {
      holder,
      pid: process.pid,
      host: hostname(),
      startedAt: new Date().toISOString(),
    };
    try {
      writeFileSync(holderFile, `${JSON.stringify(note)}\n`);
    } catch {
      // No space for the note: better no note than one naming an earlier holder.
      try {
        unlinkSync(holderFile);
      } catch {
        /* there was none */
      }
    }
    return new DataDirLock(db, holderFile);
  }

  /** Gives the data dir back (the process ending does the same). */
  release(): void {
    if (!this.db.open) return;
    try {
      unlinkSync(this.holderFile);
    } catch {
      /* already gone */
    }
    this.db.close();
  }
}

function readHolder(file: string): DataDirHolder | undefined {
  try {
    const note = JSON.parse(readFileSync(file, 'utf8')) as Partial<DataDirHolder>;
    if (
      typeof note.holder === 'string' &&
      typeof note.pid === 'number' &&
      typeof note.host === 'string' &&
      typeof note.startedAt === 'string'
    ) {
      return note as DataDirHolder;
    }
  } catch {
    /* no note: a holder that could not write one */
  }
  return undefined;
}
