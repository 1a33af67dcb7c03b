import { RecordedEvent } from '@app/event-store';

/*
 * Fields SPEC v2 added, read so that an event still in its v1 shape (as the projection tests
 * feed them; the runner upcasts what it reads) gives the same answer as its upcast form.
 */

/** One service level of a v2 warranty. */
export interface ServiceLevelV2 {
  metric: string;
  target: number;
  comparison: 'at-least' | 'at-most';
  unit: string;
}

/**
 * The service levels of a warranty in either shape: v2 lists them; a v1 warranty (only an
 * availability target) means availability at least that many percent, as SPEC v2 says.
 */
export function serviceLevelsOf(warranty: unknown): ServiceLevelV2[] {
  const w = warranty as { serviceLevels?: ServiceLevelV2[]; availabilityTarget?: number };
  if (Array.isArray(w.serviceLevels)) return w.serviceLevels.map((l) => ({ ...l }));
  if (typeof w.availabilityTarget === 'number') {
    return [
      {
        metric: 'availability',
        target: w.availabilityTarget,
        comparison: 'at-least',
        unit: 'percent',
      },
    ];
  }
  return [];
}

/** When an offering description takes effect: v2 carries it; v1 meant when recorded. */
export function effectiveFromOf(event: RecordedEvent): string {
  const effectiveFrom = (event.data as { effectiveFrom?: unknown }).effectiveFrom;
  return typeof effectiveFrom === 'string' ? effectiveFrom : event.metadata.recordedAt;
}
