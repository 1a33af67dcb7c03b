import { RetractableFactType } from '@app/domain';
import { EventStore, RecordedEvent } from '@app/event-store';
import { ProjectedEvent } from '../projection';

/**
 * A FactRetracted as projections receive it: with the fact it withdraws, read from the log.
 * A read model then takes back exactly what that fact added, computed by the same code that
 * added it, and keeps no per-fact state for the rare retraction. The log is immutable, so a
 * rebuild finds the same fact.
 */
export interface RetractionEvent extends RecordedEvent {
  retracted?: RecordedEvent;
}

/** The id field of each retractable fact type (SPEC v2, corrections). */
const FACT_ID_FIELDS: Readonly<Record<string, string>> = {
  StakeholderAssigned: 'stakeholderId',
  ServiceConsumed: 'consumptionId',
  OutputDelivered: 'outputId',
  OutcomeRealized: 'outcomeId',
  CostRecorded: 'costId',
  RiskRecorded: 'riskId',
  ServiceLevelMeasured: 'measurementId',
  RelationshipReviewed: 'reviewId',
};

interface RetractionData {
  factId?: unknown;
  factType?: unknown;
}

/** Whether `candidate` is the fact a FactRetracted names. */
export function isRetractedFact(candidate: RecordedEvent, retraction: RecordedEvent): boolean {
  const { factId, factType } = retraction.data as RetractionData;
  const field = typeof factType === 'string' ? FACT_ID_FIELDS[factType] : undefined;
  return field !== undefined && candidate.type === factType && candidate.data[field] === factId;
}

/**
 * The fact a retraction withdraws, as the projections received it (in the current schema: it
 * is one of the batch's events, which the reader upcast, or read back and upcast by
 * `withRetractedFacts`); undefined if not known.
 */
export function retractedFactOf(
  event: RecordedEvent,
): ProjectedEvent<RetractableFactType> | undefined {
  // `isRetractedFact` matched its type to one of the retractable facts.
  return (event as RetractionEvent).retracted as ProjectedEvent<RetractableFactType> | undefined;
}

/**
 * The events with each FactRetracted carrying its fact: found among the events before it in
 * the same batch or in `earlier` (the batch before: a correction soon after the fact, or a
 * rebuild reading a stream's events together), else read backwards from the retraction in its
 * relationship's stream. Batches without a retraction (nearly all) come back as they are.
 * `upcast` brings a fact read from the store to the current schema, as the subscription does
 * for every event (`earlier` was delivered by it, so is upcast already).
 */
export async function withRetractedFacts(
  events: RecordedEvent[],
  store: Pick<EventStore, 'readStream'>,
  upcast: (event: RecordedEvent) => RecordedEvent = (e) => e,
  earlier: readonly RecordedEvent[] = [],
): Promise<RecordedEvent[]> {
  let copy: RecordedEvent[] | undefined;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    if (event.type !== 'FactRetracted') continue;
    copy ??= [...events];
    const retracted =
      before(events, i, event) ??
      before(earlier, earlier.length, event) ??
      (await fromStore(store, event, upcast));
    copy[i] = { ...event, retracted } as RetractionEvent;
  }
  return copy ?? events;
}

/** The fact `retraction` withdraws among `events[0..end)`, the latest first. */
function before(
  events: readonly RecordedEvent[],
  end: number,
  retraction: RecordedEvent,
): RecordedEvent | undefined {
  for (let i = end - 1; i >= 0; i--) {
    const candidate = events[i];
    if (candidate.streamId === retraction.streamId && isRetractedFact(candidate, retraction)) {
      return candidate;
    }
  }
  return undefined;
}

async function fromStore(
  store: Pick<EventStore, 'readStream'>,
  retraction: RecordedEvent,
  upcast: (event: RecordedEvent) => RecordedEvent,
): Promise<RecordedEvent | undefined> {
  if (retraction.revision === 0) return undefined;
  for await (const candidate of store.readStream(retraction.streamId, {
    direction: 'backwards',
    fromRevision: retraction.revision - 1,
  })) {
    if (isRetractedFact(candidate, retraction)) return upcast(candidate);
  }
  return undefined;
}
