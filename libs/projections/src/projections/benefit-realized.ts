/**
 * How much of the intended change was realized: (actual − baseline) / (target − baseline).
 * 1 means the target was met exactly, 0 no change, negative a change for the worse.
 * Undefined when target equals baseline (no change was intended, so no ratio exists).
 */
export function benefitRealized(baseline: number, target: number, actual: number): number | null {
  if (target === baseline) return null;
  return (actual - baseline) / (target - baseline);
}
