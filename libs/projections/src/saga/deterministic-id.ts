import { nameBasedUuid } from '@app/domain';

/** Namespace of ids the ledger derives for improvements it proposes itself. */
export const SYSTEM_IMPROVEMENT_NAMESPACE = '6f1e2a54-3c1b-5d8e-9a77-2b4c0e9d1f35';

/**
 * The id of the improvement proposed because of the measurement event `measurementEventId`:
 * a name-based UUID, so the same trigger always gives the same id, which makes the automatic
 * proposal idempotent across restarts, rebuilds and replays.
 */
export function improvementIdForBreachStreak(measurementEventId: string): string {
  return nameBasedUuid(
    `availability-breach-streak:${measurementEventId}`,
    SYSTEM_IMPROVEMENT_NAMESPACE,
  );
}
