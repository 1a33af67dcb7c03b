import type { RecordedEvent } from '../recorded-event';
import type { CommitParticipant } from './commit-participant';
import { type EventRow, toRecordedEvent } from './event-row';

/** Events kept for this process's subscribers: about a live batch's worth, then they read. */
const MAX_EVENTS = 512;

interface Group {
  first: number;
  last: number;
  rows: readonly EventRow[];
  /** Converted on first take, then shared by every subscriber that takes the group. */
  events?: readonly RecordedEvent[];
}

/**
 * The events this store's group commits wrote, as the rows they inserted, so its own
 * subscribers take them without reading them back. They follow the transaction as the Merkle
 * log's leaves do (a write rolled back takes its rows back), and reach the subscribers only once
 * their commit is durable (`durable`, called in commit order by the store: never a commit whose
 * fsync still runs). Positions are the rowid given out by the one writer, so a commit's events
 * stand at consecutive positions after everything committed before it: a subscriber whose next
 * position is in a kept group has seen everything before it, and nothing lies between. Anything
 * else (another process's commits, a subscriber further behind) is read from the file as before.
 */
export class OwnCommits implements CommitParticipant {
  /** Rows written by the open transaction. */
  private staged: EventRow[] = [];
  /** Committed, waiting for their fsync; oldest first. */
  private pending: EventRow[][] = [];
  /** Durable, oldest first, positions increasing. */
  private groups: Group[] = [];
  private kept = 0;

  /** Rows an append inserted, in position order; inside the group commit's transaction. */
  record(rows: readonly EventRow[]): void {
    for (const row of rows) this.staged.push(row);
  }

  mark(): number {
    return this.staged.length;
  }

  rewind(mark: number): void {
    this.staged.length = mark;
  }

  beforeCommit(): void {}

  rolledBack(): void {
    this.staged = [];
  }

  /** The transaction's COMMIT returned: its rows wait for `durable`. */
  committed(): void {
    this.pending.push(this.staged);
    this.staged = [];
  }

  /** The oldest commit not yet durable is now on disk: its events may be handed on. */
  durable(): void {
    const rows = this.pending.shift();
    if (rows !== undefined) this.keep(rows);
  }

  /**
   * Up to `limit` events right after position `after`, from the kept group that holds the next
   * position and the ones following it without a gap; undefined when no kept group holds it
   * (read the log then).
   */
  after(after: number, limit: number): RecordedEvent[] | undefined {
    const next = after + 1;
    let i = this.groups.findIndex((group) => group.first <= next && next <= group.last);
    if (i < 0) return undefined;
    const from = next - this.groups[i].first;
    const page = this.eventsOf(this.groups[i]).slice(from, from + limit);
    for (i += 1; i < this.groups.length && page.length < limit; i += 1) {
      const group = this.groups[i];
      if (group.first !== this.groups[i - 1].last + 1) break;
      for (const event of this.eventsOf(group)) {
        if (page.length >= limit) break;
        page.push(event);
      }
    }
    return page;
  }

  private keep(rows: readonly EventRow[]): void {
    if (rows.length === 0) return;
    const first = rows[0][0];
    const last = rows[rows.length - 1][0];
    const newest = this.groups[this.groups.length - 1];
    // Commits of one writer follow one another; anything else starts the list anew.
    if (newest !== undefined && first <= newest.last) this.clear();
    if (last - first + 1 !== rows.length) return;
    this.groups.push({ first, last, rows });
    this.kept += rows.length;
    while (this.kept > MAX_EVENTS && this.groups.length > 1) {
      this.kept -= this.groups.shift()!.rows.length;
    }
  }

  private clear(): void {
    this.groups = [];
    this.kept = 0;
  }

  private eventsOf(group: Group): readonly RecordedEvent[] {
    group.events ??= group.rows.map(toRecordedEvent);
    return group.events;
  }
}
