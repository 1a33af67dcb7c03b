/**
 * How much of the intended change was realized, in percent of it:
 * (actual − baseline) / (target − baseline) · 100. 100 means the target was met exactly, 0 no
 * change, negative a change for the worse. It is per improvement, so improvements of unrelated
 * metrics are compared as shares of their own intent, never as raw values.
 * Null when target equals baseline (no change was intended, so no share exists).
 */
export function benefitRealizedPercent(
  baseline: number,
  target: number,
  actual: number,
): number | null {
  if (target === baseline) return null;
  return ((actual - baseline) / (target - baseline)) * 100;
}
