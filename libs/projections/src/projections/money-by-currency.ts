import { addDecimal, compareDecimal } from '@app/domain';

/** Exact amounts per ISO 4217 currency, e.g. `{ EUR: "1250.5" }`. */
export type AmountsByCurrency = Record<string, string>;

export interface CostsByEffect {
  removed: AmountsByCurrency;
  imposed: AmountsByCurrency;
  /**
   * Removed minus imposed, per currency that has any unretracted cost: what the service saves
   * the consumer, net (negative when it costs more than it removes).
   */
  net: AmountsByCurrency;
}

export function emptyCosts(): CostsByEffect {
  return { removed: {}, imposed: {}, net: {} };
}

/**
 * Adds (`sign` 1) or takes back (`sign` -1, a retraction) an amount exactly: decimal strings,
 * never floats. A currency whose costs were all retracted disappears from the totals.
 */
export function addCost(
  costs: CostsByEffect,
  effect: 'removed' | 'imposed',
  currency: string,
  amount: string,
  sign: 1 | -1 = 1,
): void {
  const signed = sign === 1 ? amount : negate(amount);
  const totals = costs[effect];
  totals[currency] = addDecimal(totals[currency] ?? '0', signed);
  if (compareDecimal(totals[currency], '0') === 0) delete totals[currency];
  const toNet = effect === 'removed' ? signed : negate(signed);
  costs.net[currency] = addDecimal(costs.net[currency] ?? '0', toNet);
  if (costs.removed[currency] === undefined && costs.imposed[currency] === undefined) {
    delete costs.net[currency];
  }
}

/** Sums several cost totals (e.g. months into a range) exactly. */
export function sumCosts(all: Iterable<CostsByEffect>): CostsByEffect {
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
