import { DataDirLock, DataDirLocked } from '@app/event-store/sqlite';
import { ProjectionOwnership } from '../projector/projection-ownership.port';

/** The lock in the data dir held by whoever writes the embedded read models. */
export const PROJECTOR_LOCK = 'projector';

/**
 * The embedded store's ownership: the read models are one SQLite file, which has one writer at
 * a time, so one lock (`<dataDir>/projector.lock`, an fcntl lock the kernel drops when the
 * process dies) owns every projection at once. Readers in other processes poll the checkpoints.
 */
export class FileLockOwnership implements ProjectionOwnership {
  private lock: DataDirLock | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly holder: string,
  ) {}

  async claim(names: readonly string[]): Promise<ReadonlySet<string>> {
    if (!this.lock) {
      try {
        this.lock = DataDirLock.acquire(this.dataDir, this.holder, PROJECTOR_LOCK);
      } catch (error) {
        if (!(error instanceof DataDirLocked)) throw error;
      }
    }
    return new Set(this.lock ? names : []);
  }

  onLost(): void {
    // A file lock is only lost with the process.
  }

  async release(): Promise<void> {
    this.lock?.release();
    this.lock = undefined;
  }
}
