/**
 * Which projections this process may write: each projection is owned by one projector at a
 * time through a lock in the shared database. A process that gets no lock waits as standby and
 * claims again; the lock of a process that dies goes with it (its session or file lock ends).
 */
import type { OwnershipFence } from './ownership-fence';

export interface ProjectionOwnership {
  /** Takes, without waiting, each of `names` not held yet; answers every name held now. */
  claim(names: readonly string[]): Promise<ReadonlySet<string>>;
  /**
   * Called once if the locks were lost while the process lives (the lock's connection
   * ended): whatever it held may be owned by another projector now, so it must stop writing.
   */
  onLost(listener: () => void): void;
  /** Gives every lock back (the process ending does the same). */
  release(): Promise<void>;
  /**
   * The owner tokens the read models' commits check, for a lock that can be lost while the
   * process lives (a database session); none for one that goes only with the process.
   */
  readonly fence?: OwnershipFence;
}
