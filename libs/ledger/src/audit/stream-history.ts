import { Inject, Injectable, Optional } from '@nestjs/common';
import { NotFound } from '@app/domain';
import { EVENT_STORE, EventStore, MERKLE_LOG, MerkleLog, StreamNotFound } from '@app/event-store';
import { AuditEvent, toAuditEvent } from './audit-event';

/** Largest page of a stream's history one call returns. */
export const MAX_HISTORY_PAGE = 1000;
export const DEFAULT_HISTORY_PAGE = 100;

/** A history event with its leaf in the Merkle log (null while a follower has not added it). */
export interface HistoryEvent extends AuditEvent {
  leafIndex: number | null;
}

export interface StreamHistoryPage {
  streamId: string;
  events: HistoryEvent[];
  /** The `fromRevision` of the next page, or null when this page reaches the stream's end. */
  nextRevision: number | null;
}

/** A stream's events with metadata and hashes, in revision order, a page at a time. */
@Injectable()
export class StreamHistory {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(MERKLE_LOG) private readonly merkle?: MerkleLog,
  ) {}

  /** Throws {@link NotFound} for a stream with no events. */
  async page(
    streamId: string,
    fromRevision = 0,
    limit = DEFAULT_HISTORY_PAGE,
  ): Promise<StreamHistoryPage> {
    const bounded = Math.min(Math.max(1, limit), MAX_HISTORY_PAGE);
    const events: AuditEvent[] = [];
    let more = false;
    try {
      // One more than asked tells whether a next page exists without a second read.
      for await (const event of this.store.readStream(streamId, {
        fromRevision,
        maxCount: bounded + 1,
      })) {
        if (events.length === bounded) {
          more = true;
          break;
        }
        events.push(toAuditEvent(event));
      }
    } catch (error) {
      if (error instanceof StreamNotFound) throw new NotFound('stream', streamId);
      throw error;
    }
    const last = events[events.length - 1];
    const withLeaves = await Promise.all(
      events.map(async (event) => ({
        ...event,
        leafIndex: (await this.merkle?.leafIndexOf(event.position)) ?? null,
      })),
    );
    return {
      streamId,
      events: withLeaves,
      nextRevision: more && last ? last.revision + 1 : null,
    };
  }
}
