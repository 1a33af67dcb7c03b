import { RecordedEvent } from '@app/event-store';
import { effectiveFromOf, ServiceLevelV2, serviceLevelsOf } from './v2-event-data';

/** A warranty as one publication or revision stated it, in force from `effectiveFrom`. */
export interface WarrantyRevisionEntry {
  effectiveFrom: string;
  serviceLevels: ServiceLevelV2[];
}

/** The warranty an OfferingPublished or OfferingRevised event states. */
export function warrantyRevisionOf(event: RecordedEvent): WarrantyRevisionEntry {
  return {
    effectiveFrom: effectiveFromOf(event),
    serviceLevels: serviceLevelsOf((event.data as { warranty?: unknown }).warranty ?? {}),
  };
}

/**
 * The revision in force at an instant: the latest `effectiveFrom` at or before it (among equal
 * ones the later recorded; `history` is in recorded order); undefined before the first. Instants
 * compare as ISO text when both are UTC `toISOString()` forms, so both are normalized.
 */
export function warrantyInForceAt(
  history: readonly WarrantyRevisionEntry[],
  at: string,
): WarrantyRevisionEntry | undefined {
  const when = Date.parse(at);
  let inForce: WarrantyRevisionEntry | undefined;
  for (const revision of history) {
    const from = Date.parse(revision.effectiveFrom);
    if (from > when) continue;
    if (inForce === undefined || from >= Date.parse(inForce.effectiveFrom)) inForce = revision;
  }
  return inForce;
}
