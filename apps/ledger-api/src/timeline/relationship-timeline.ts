import type { JsonObject, RecordedEvent } from '@app/event-store';
import { occurredAtOf } from '../events/streamed-event';

/** The fields by which a fact's answer named it (SPEC v2 corrections: what a retraction names). */
const FACT_ID_FIELDS = [
  'stakeholderId',
  'consumptionId',
  'outputId',
  'outcomeId',
  'costId',
  'riskId',
  'measurementId',
  'reviewId',
] as const;

export interface Retraction {
  reason: string;
  recordedAt: string;
  actor: string | null;
}

export interface TimelineFact {
  factId: string | null;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: string | null;
  position: string;
  revision: number;
  data: JsonObject;
  retracted: Retraction | null;
}

/**
 * A relationship's facts in the order they happened (`occurredAt`, then log order), each with
 * who recorded it and when. A retracted fact stays in the timeline, marked with the retraction;
 * the retraction is a fact of its own too. Pure: the events in, the timeline out.
 */
export function relationshipTimeline(events: readonly RecordedEvent[]): TimelineFact[] {
  const retractions = new Map<string, Retraction>();
  for (const event of events) {
    if (event.type === 'FactRetracted' && typeof event.data.factId === 'string') {
      retractions.set(event.data.factId, {
        reason: typeof event.data.reason === 'string' ? event.data.reason : '',
        recordedAt: event.recordedAt,
        actor: event.metadata.actor ?? null,
      });
    }
  }
  return events
    .map((event): TimelineFact => {
      const factId = factIdOf(event.data);
      return {
        factId,
        type: event.type,
        occurredAt: occurredAtOf(event),
        recordedAt: event.recordedAt,
        actor: event.metadata.actor ?? null,
        position: event.position,
        revision: event.revision,
        data: event.data,
        retracted: factId === null ? null : (retractions.get(factId) ?? null),
      };
    })
    .sort((a, b) => compareInstants(a.occurredAt, b.occurredAt) || a.revision - b.revision);
}

function factIdOf(data: JsonObject): string | null {
  for (const field of FACT_ID_FIELDS) {
    const value = data[field];
    if (typeof value === 'string') return value;
  }
  return null;
}

/** Instants may be written with offsets: compare the moments, not the strings. */
function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}
