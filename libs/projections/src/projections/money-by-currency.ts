import { addDecimal } from '@app/domain';

/** Exact amounts per ISO 4217 currency, e.g. `{ EUR: "1250.5" }`. */
export type AmountsByCurrency = Record<string, string>;

/** Costs as read models keep them: removed from and imposed on the consumer. */
export interface CostTotals {
  removed: AmountsByCurrency;
  imposed: AmountsByCurrency;
}

/** Costs as answered: with removed − imposed per currency. */
export interface CostsByEffect extends CostTotals {
  /**
   * Removed minus imposed, per currency that has any unretracted cost: what the service saves
   * the consumer, net (negative when it costs more than it removes).
   */
  net: AmountsByCurrency;
}

export function emptyCosts(): CostTotals {
  return { removed: {}, imposed: {} };
}

/**
 * Adds (`sign` 1) or takes back (`sign` -1, a retraction) an amount exactly: decimal strings,
 * never floats. A currency whose costs were all retracted disappears from the totals.
 */
export function addCost(
  costs: CostTotals,
  effect: 'removed' | 'imposed',
  currency: string,
  amount: string,
  sign: 1 | -1 = 1,
): void {
  const totals = costs[effect];
  const sum = addDecimal(totals[currency] ?? '0', sign === 1 ? amount : negate(amount));
  // addDecimal answers the canonical form: nothing left is exactly "0".
  if (sum === '0') delete totals[currency];
  else totals[currency] = sum;
}

/** The totals with their net per currency (computed when answered, not kept). */
export function withNet(costs: CostTotals): CostsByEffect {
  const net: AmountsByCurrency = {};
  for (const [currency, amount] of Object.entries(costs.removed)) net[currency] = amount;
  for (const [currency, amount] of Object.entries(costs.imposed)) {
    net[currency] = addDecimal(net[currency] ?? '0', negate(amount));
  }
  return { removed: costs.removed, imposed: costs.imposed, net };
}

/** Sums several cost totals (e.g. months into a range) exactly. */
export function sumCosts(all: Iterable<CostTotals>): CostTotals {
  const sum = emptyCosts();
  for (const costs of all) {
    for (const effect of ['removed', 'imposed'] as const) {
      for (const [currency, amount] of Object.entries(costs[effect])) {
        addCost(sum, effect, currency, amount);
      }
    }
  }
  return sum;
}

function negate(amount: string): string {
  return amount.startsWith('-') ? amount.slice(1) : `-${amount}`;
}
