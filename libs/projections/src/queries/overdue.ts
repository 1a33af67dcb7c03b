import { CLOSED_IMPROVEMENT_STATUSES, ImprovementStatus, parseIsoInstant } from '@app/domain';

/**
 * Overdue: still open (not rejected, withdrawn or evaluated) and its target date has passed.
 * Depends on the moment of asking, so it is computed at query time, never stored.
 */
export function isOverdue(
  improvement: { status: ImprovementStatus; targetDate: string | null },
  now: Date,
): boolean {
  if (CLOSED_IMPROVEMENT_STATUSES.includes(improvement.status)) return false;
  if (improvement.targetDate === null) return false;
  const due = parseIsoInstant(improvement.targetDate);
  return due !== undefined && due < now.getTime();
}
