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

/** The data dir's own lock; the read models' writer takes another one (`projector`). */
const DATA_DIR_LOCK = 'ledger';

/** A second process wanted a data dir another one holds. */
export class DataDirLocked extends Error {
  override readonly name = 'DataDirLocked';

  constructor(
    readonly dataDir: string,
    readonly holder: DataDirHolder | undefined,
    readonly lockName = DATA_DIR_LOCK,
  ) {
    const by = holder
      ? `${holder.holder} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt})`
      : 'another process';
    super(
      lockName === DATA_DIR_LOCK
        ? `the data dir ${dataDir} is in use by ${by}; one process per data dir`
        : `the ${lockName} lock of the data dir ${dataDir} is held by ${by}`,
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

  /**
   * Takes the data dir or throws {@link DataDirLocked} at once (it never waits). `lockName`
   * other than the default takes another lock of the same kind in the data dir (the projector's).
   */
  static acquire(dataDir: string, holder: string, lockName = DATA_DIR_LOCK): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, `${lockName}.lock`), { timeout: 0 });
    const holderFile = join(dataDir, `${lockName}.lock.json`);
    try {
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY') {
        throw new DataDirLocked(dataDir, readHolder(holderFile), lockName);
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
