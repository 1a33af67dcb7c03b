import { RecordedEvent } from '@app/event-store';

/*
 * Shapes of SPEC v2 events the projections read before the domain exports them (the command
 * side lands them in parallel); fields a v1 event lacks are optional.
 */

/** What a FactRetracted event says (SPEC v2, corrections). */
export interface FactRetractedData {
  relationshipId: string;
  factId: string;
  factType: string;
  reason: string;
  occurredAt?: string;
}

/** What a ServiceDeprovisioned event says (SPEC v2, deprovisioning). */
export interface ServiceDeprovisionedData {
  relationshipId: string;
  offeringId: string;
  occurredAt?: string;
}

/** Service level fields v2 adds to a measurement (older events derive them). */
export interface MeasurementV2Fields {
  unit?: string | null;
  breached?: boolean;
}

/** The data of an event, read as the shape given. */
export function dataAs<T>(event: RecordedEvent): T {
  const data: unknown = event.data;
  return data as T;
}

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
