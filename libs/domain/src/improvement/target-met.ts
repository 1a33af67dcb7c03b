import { ImprovementDirection } from '../shared/vocabulary';

/** Whether the actual reached the target, in the improvement's direction (the target itself counts). */
export function targetMet(
  direction: ImprovementDirection,
  actual: number,
  target: number,
): boolean {
  return direction === 'increase' ? actual >= target : actual <= target;
}
