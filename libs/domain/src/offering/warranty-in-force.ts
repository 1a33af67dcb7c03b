import { ServiceLevel } from './offering.events';

/** A warranty as one publication or revision stated it, in force from `effectiveFrom`. */
export interface WarrantyRevision {
  /** UTC ISO-8601 instant. */
  effectiveFrom: string;
  serviceLevels: readonly ServiceLevel[];
}

/**
 * The warranty in force at an instant: the one of the revision with the latest
 * `effectiveFrom` at or before it (among equal ones, the later recorded); undefined before the
 * first. `history` is in recorded order. effectiveFrom strings are all UTC `toISOString()`
 * forms, so they compare as text.
 */
export function warrantyInForce(
  history: readonly WarrantyRevision[],
  at: string,
): WarrantyRevision | undefined {
  let inForce: WarrantyRevision | undefined;
  for (const revision of history) {
    if (revision.effectiveFrom > at) continue;
    if (inForce === undefined || revision.effectiveFrom >= inForce.effectiveFrom)
      inForce = revision;
  }
  return inForce;
}
