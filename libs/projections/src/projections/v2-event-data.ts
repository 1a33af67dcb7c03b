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
