import type { CommitDurability } from './group-commit';
import { GroupSync } from './group-sync';
import type { WalSync } from './wal-sync';

/**
 * `synchronous=FULL` with the fsync off the event loop: the connection commits at NORMAL (the
 * COMMIT writes the WAL and returns) and this syncs the WAL afterwards in libuv's thread pool
 * (WalSync), one fsync for every commit made while the previous one ran (GroupSync). A write is
 * acknowledged only once its fsync completed, as at FULL.
 *
 * What changes is visibility: SQLite shows a commit to readers when COMMIT returns, before the
 * fsync. A power loss in between loses the commit (never an acknowledged one), and the next
 * events take its positions again. So what hands the log on by position — subscriptions (the
 * projections, the saga), readAll, headPosition — reads only up to `position`: the head as it
 * was before an fsync that has completed. Reads of one stream see every commit at once, as a
 * command must to decide on the latest state; a command that decided on a commit not yet synced
 * is acknowledged after a later fsync, which covers that commit too.
 *
 * A process that only reads another's file (the projector beside the API) sees its commits
 * before they are synced too: `othersCommitted` syncs them itself before letting them through.
 */
export class DurableHead implements CommitDurability {
  private head: number;
  private readonly groupSync: GroupSync;

  /** @param readHead the highest position committed (visible to this connection) */
  constructor(
    private readonly wal: WalSync,
    private readonly readHead: () => number,
  ) {
    // A process killed before its fsync left commits that only the page cache holds.
    wal.syncNow();
    this.head = readHead();
    this.groupSync = new GroupSync(() => wal.sync());
  }

  /** The highest position known to be on disk. */
  get position(): number {
    return this.head;
  }

  get failure(): Error | undefined {
    return this.groupSync.failure;
  }

  afterCommit(durable: () => void, failed: (error: unknown) => void): void {
    const head = this.readHead();
    this.groupSync.afterCommit(() => {
      this.advance(head);
      durable();
    }, failed);
  }

  /**
   * Undefined when `position` is on disk; else resolves once it is (a read that found a commit
   * whose fsync still runs, its own or another process's, waits for the next fsync).
   */
  covering(position: number): Promise<void> | undefined {
    if (position <= this.head) return undefined;
    return new Promise((resolve, reject) => this.afterCommit(resolve, reject));
  }

  afterRunningSync(next: () => void): void {
    this.groupSync.afterRunningSync(next);
  }

  /** Another process committed: `durable` runs once that is on disk too. */
  othersCommitted(durable: () => void): void {
    this.afterCommit(durable, () => undefined);
  }

  /** Resolves once no commit waits for its fsync. */
  drain(): Promise<void> {
    return this.groupSync.drain();
  }

  close(): void {
    this.wal.close();
  }

  private advance(head: number): void {
    if (head > this.head) this.head = head;
  }
}
