import type { RecordedEvent } from '../recorded-event';
import { type EventRow, toRecordedEvent } from './event-row';

/** Events kept for this process's subscribers: about a live batch's worth, then they read. */
const MAX_EVENTS = 512;

interface Group {
  first: bigint;
  last: bigint;
  rows: readonly EventRow[];
  /** Converted on first take, then shared by every subscriber that takes the group. */
  events?: readonly RecordedEvent[];
}

/**
 * The groups this process committed last, with their events as the log stores them, so its
 * own subscribers take them without reading them back. A group's events stand at consecutive
 * positions, and every position before its first was committed before it (both given out
 * under the append lock, see append-function.ts): a subscriber whose next position is in a
 * group has seen everything before it, and nothing lies between.
 * Anything else (another process's commits, a subscriber further behind) is read as before.
 */
export class OwnCommits {
  /** Oldest first, positions increasing. */
  private groups: Group[] = [];
  private kept = 0;

  /** A committed group's events, in position order (consecutive positions). */
  add(rows: readonly EventRow[]): void {
    if (rows.length === 0) return;
    const first = BigInt(rows[0][0]);
    const last = BigInt(rows[rows.length - 1][0]);
    const newest = this.groups[this.groups.length - 1];
    // Groups of one process commit one after another; anything else starts the list anew.
    if (newest !== undefined && first <= newest.last) this.clear();
    if (last - first + 1n !== BigInt(rows.length)) return;
    this.groups.push({ first, last, rows });
    this.kept += rows.length;
    while (this.kept > MAX_EVENTS && this.groups.length > 1) {
      this.kept -= this.groups.shift()!.rows.length;
    }
  }

  /**
   * Up to `limit` events right after position `after`, from the kept group that holds the next
   * position and the ones following it without a gap; undefined when no kept group holds it
   * (read the log then).
   */
  after(after: string, limit: number): readonly RecordedEvent[] | undefined {
    const next = BigInt(after) + 1n;
    let i = this.groups.findIndex((group) => group.first <= next && next <= group.last);
    if (i < 0) return undefined;
    const from = Number(next - this.groups[i].first);
    const events = this.eventsOf(this.groups[i]);
    if (events.length - from >= limit) return events.slice(from, from + limit);
    const page = events.slice(from);
    for (i += 1; i < this.groups.length && page.length < limit; i += 1) {
      const group = this.groups[i];
      if (group.first !== this.groups[i - 1].last + 1n) break;
      for (const event of this.eventsOf(group)) {
        if (page.length >= limit) break;
        page.push(event);
      }
    }
    return page;
  }

  clear(): void {
    this.groups = [];
    this.kept = 0;
  }

  private eventsOf(group: Group): readonly RecordedEvent[] {
    group.events ??= group.rows.map(toRecordedEvent);
    return group.events;
  }
}
