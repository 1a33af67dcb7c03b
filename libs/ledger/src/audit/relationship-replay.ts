import { Inject, Injectable } from '@nestjs/common';
import {
  asLedgerEvent,
  evolveRelationship,
  fold,
  initialRelationshipState,
  NotFound,
  parseIsoInstant,
  RelationshipEvent,
  RelationshipView,
  streamIdOf,
  viewRelationship,
} from '@app/domain';
import {
  ChainFailure,
  ChainVerifier,
  EVENT_STORE,
  EventStore,
  RecordedEvent,
  StreamNotFound,
} from '@app/event-store';
import { AuditEvent, toAuditEvent } from './audit-event';

/** Up to where to replay: an instant or a revision (both inclusive; at most one), else everything. */
export interface ReplayPoint {
  asOf?: string;
  revision?: number;
}

export interface RelationshipReplayAnswer {
  relationshipId: string;
  streamId: string;
  /** The instant asked for, if any. */
  asOf: string | null;
  /** The last revision folded, or null when no event was recorded by then. */
  revision: number | null;
  /** The folded state as plain JSON. */
  state: RelationshipView;
  /** Exactly the events folded into `state`, in order. */
  events: AuditEvent[];
  /** The hash chain of those events, checked as they were read. */
  integrity: { valid: boolean; failures: ChainFailure[] };
}

/** A time that is not a strict ISO-8601 instant. */
export class InvalidInstant extends Error {
  override readonly name = 'InvalidInstant';

  constructor(readonly text: string) {
    super(`"${text}" is not an ISO-8601 instant (e.g. 2026-01-31T12:00:00Z)`);
  }
}

/**
 * Replays a relationship "as of" an instant or a revision: the state folded with the domain's
 * `evolve` from exactly the stream's events up to that point. An as-of replay takes the events
 * in stream order and stops at the first one recorded after the instant, so the answer is a
 * state the relationship really had (a prefix of its history), even if clocks were skewed.
 */
@Injectable()
export class RelationshipReplay {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async replay(relationshipId: string, point: ReplayPoint = {}): Promise<RelationshipReplayAnswer> {
    const streamId = streamIdOf('relationship', relationshipId);
    const { asOf, revision: lastRevision } = point;
    if (asOf !== undefined && lastRevision !== undefined) {
      throw new RangeError('replay up to an instant or up to a revision, not both');
    }
    const limit = asOf === undefined ? undefined : parseIsoInstant(asOf);
    if (asOf !== undefined && limit === undefined) throw new InvalidInstant(asOf);
    if (lastRevision !== undefined && !(Number.isSafeInteger(lastRevision) && lastRevision >= 0)) {
      throw new RangeError(`revision must be a whole number ≥ 0, not ${lastRevision}`);
    }

    const recorded: RecordedEvent[] = [];
    try {
      const history = this.store.readStream(streamId, {
        maxCount: lastRevision === undefined ? undefined : lastRevision + 1,
      });
      for await (const event of history) {
        if (limit !== undefined && recordedAfter(event, limit)) break;
        recorded.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFound) throw new NotFound('relationship', relationshipId);
      throw error;
    }
    if (lastRevision !== undefined && recorded[recorded.length - 1]?.revision !== lastRevision) {
      throw new NotFound('relationship revision', `${relationshipId}@${lastRevision}`);
    }

    const verifier = new ChainVerifier();
    const failures = recorded.flatMap((event) => verifier.check(event));
    const state = fold(
      { initialState: () => initialRelationshipState, evolve: evolveRelationship },
      // Checked above on the stored bytes; folded in the current schema (upcast on read).
      recorded.map(
        (event) => asLedgerEvent(event.type, event.data, event.metadata) as RelationshipEvent,
      ),
    );
    return {
      relationshipId,
      streamId,
      asOf: asOf ?? null,
      revision: recorded.length === 0 ? null : recorded[recorded.length - 1].revision,
      state: viewRelationship(state),
      events: recorded.map(toAuditEvent),
      integrity: { valid: failures.length === 0, failures },
    };
  }
}

function recordedAfter(event: RecordedEvent, limit: number): boolean {
  const at = parseIsoInstant(event.metadata.recordedAt);
  // An unreadable time cannot be placed before the instant; the replay stops there.
  return at === undefined || at > limit;
}
