import { MetricMonth } from '../projections/trend-month';

/** A warranty metric over some months: how often measured and breached, the values achieved. */
export interface MetricSummary {
  measurements: number;
  breaches: number;
  /** The target in force (see the answer that carries it); null if none is known. */
  target: number | null;
  comparison: 'at-least' | 'at-most';
  unit: string;
  /** Mean, lowest and highest actual value (4 decimals); null without measurements. */
  mean: number | null;
  min: number | null;
  max: number | null;
}

/** Rounds a mean for display; sums stay exact in the read model (a value multiset). */
export function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/**
 * Sums the months of one metric. Count, mean, min and max come from the multiset of achieved
 * values, so they are the same whatever was retracted before.
 */
export function summarizeMetric(
  parts: readonly MetricMonth[],
  target: number | null,
): MetricSummary {
  let measurements = 0;
  let breaches = 0;
  let sum = 0;
  let min: number | null = null;
  let max: number | null = null;
  for (const part of parts) {
    breaches += part.breaches;
    const values = part.values;
    for (let i = 0; i < values.length; i += 2) {
      const value = values[i];
      const count = values[i + 1];
      measurements += count;
      sum += value * count;
      if (min === null || value < min) min = value;
      if (max === null || value > max) max = value;
    }
  }
  const last = parts[parts.length - 1];
  return {
    measurements,
    breaches,
    target,
    comparison: last?.comparison ?? 'at-least',
    unit: last?.unit ?? 'unspecified',
    mean: measurements === 0 ? null : round(sum / measurements, 4),
    min,
    max,
  };
}

/** The target the month's latest measured period was judged against. */
export function latestTarget(metric: MetricMonth): number | null {
  const starts = Object.keys(metric.targets).sort(
    (a, b) => Date.parse(a) - Date.parse(b) || (a < b ? -1 : 1),
  );
  const last = starts[starts.length - 1];
  return last === undefined ? null : metric.targets[last].target;
}
