import { addDecimal } from '@app/domain';

/** Exact amounts per ISO 4217 currency, e.g. `{ EUR: "1250.5" }`. */
export type AmountsByCurrency = Record<string, string>;

export interface CostsByEffect {
  removed: AmountsByCurrency;
  imposed: AmountsByCurrency;
}

export function emptyCosts(): CostsByEffect {
  return { removed: {}, imposed: {} };
}

/** Adds an amount exactly (decimal strings, never floats). */
export function addCost(
  costs: CostsByEffect,
  effect: 'removed' | 'imposed',
  currency: string,
  amount: string,
): void {
  const totals = costs[effect];
  totals[currency] = addDecimal(totals[currency] ?? '0', amount);
}
