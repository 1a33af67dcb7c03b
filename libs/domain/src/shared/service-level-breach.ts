import { TargetComparison } from './vocabulary';

/** A measurement breaches its target when actual falls on the wrong side of it. */
export function isServiceLevelBreach(m: {
  target: number;
  actual: number;
  comparison: TargetComparison;
}): boolean {
  return m.comparison === 'at-least' ? m.actual < m.target : m.actual > m.target;
}
