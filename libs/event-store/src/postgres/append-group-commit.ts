import { isConnectionLostError } from '../store-unavailable.error';
import type { AppendOutcome, ChainedAppend } from './append-events';

interface PendingAppend {
  append: ChainedAppend;
  resolve: (outcome: AppendOutcome) => void;
  reject: (reason: unknown) => void;
}

/** Most events in one group: bounds the statement's size (a larger append goes alone). */
const MAX_GROUP_EVENTS = 2_000;

/**
 * Group commit for the PostgreSQL store: appends submitted while a group is being committed
 * (in practice, while its WAL flush is awaited) go together in the next group, one statement
 * and one flush for all of them. One group at a time per process: groups of all processes
 * take the one append lock in turn anyway.
 *
 * Each append keeps its own outcome (a conflict fails that append only). An error of the
 * statement itself fails the group; then each append is tried again alone, so an append the
 * server refuses (its data) takes none of the others down. A lost connection fails every
 * append of the group, the outcome unknown: the store retries them (idempotent by event id).
 */
export class AppendGroupCommit {
  private queue: PendingAppend[] = [];
  private draining = false;

  constructor(
    private readonly commit: (group: readonly ChainedAppend[]) => Promise<AppendOutcome[]>,
  ) {}

  /** Queues `append` for the next group; settles once that group committed (or failed). */
  submit(append: ChainedAppend): Promise<AppendOutcome> {
    return new Promise<AppendOutcome>((resolve, reject) => {
      this.queue.push({ append, resolve, reject });
      if (this.draining) return;
      this.draining = true;
      // One turn of the event loop first: appends submitted together go together.
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) await this.commitGroup(this.takeGroup());
    this.draining = false;
  }

  private takeGroup(): PendingAppend[] {
    let events = this.queue[0].append.events.length;
    let size = 1;
    while (size < this.queue.length) {
      events += this.queue[size].append.events.length;
      if (events > MAX_GROUP_EVENTS) break;
      size += 1;
    }
    return this.queue.splice(0, size);
  }

  private async commitGroup(group: PendingAppend[]): Promise<void> {
    let outcomes: AppendOutcome[];
    try {
      outcomes = await this.commit(group.map((pending) => pending.append));
    } catch (error) {
      if (group.length > 1 && !isConnectionLostError(error)) {
        for (const pending of group) await this.commitGroup([pending]);
      } else {
        for (const pending of group) pending.reject(error);
      }
      return;
    }
    group.forEach((pending, i) => pending.resolve(outcomes[i]));
  }
}
