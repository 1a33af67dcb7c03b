import { nameBasedUuid } from '@app/domain';

/** Namespace of ids the ledger derives for improvements it proposes itself. */
export const SYSTEM_IMPROVEMENT_NAMESPACE = '6f1e2a54-3c1b-5d8e-9a77-2b4c0e9d1f35';

/**
 * The id of the improvement proposed for a breach streak: name-based on the series (relationship,
 * offering, metric) and the streak's first measurement, so the same streak always gives the same
 * id, which makes the automatic proposal idempotent across restarts, rebuilds and replays.
 */
export function improvementIdForBreachStreak(
  relationshipId: string,
  offeringId: string,
  metric: string,
  firstMeasurementId: string,
): string {
  return nameBasedUuid(
    `breach-streak:${relationshipId}:${offeringId}:${metric}:${firstMeasurementId}`,
    SYSTEM_IMPROVEMENT_NAMESPACE,
  );
}
