/**
 * Formats an exact decimal amount (the API sends strings such as "1250.5" or "-30") with its
 * ISO 4217 code, without ever going through a float: "EUR 1,250.50", "EUR −30.00". The number
 * of fraction digits is the currency's own (JPY none, EUR two), never fewer than the amount has.
 */
export function formatMoney(amount: string, currency: string): string {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (match === null) return `${currency} ${amount}`;
  const [, sign, whole, fraction = ''] = match;
  const digits = Math.max(minorUnits(currency), fraction.replace(/0+$/, '').length);
  const grouped = whole.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const paddedFraction = fraction.padEnd(digits, '0').slice(0, digits);
  const isZero = /^0*$/.test(whole + fraction);
  const minus = sign === '-' && !isZero ? '\u2212' : '';
  return `${currency} ${minus}${grouped}${digits > 0 ? `.${paddedFraction}` : ''}`;
}

/** One line per currency, in code order: "EUR 10.00 · USD 3.50"; "—" when there is none. */
export function formatMoneyByCurrency(byCurrency: Record<string, string> | undefined): string {
  const entries = Object.entries(byCurrency ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return '—';
  return entries.map(([currency, amount]) => formatMoney(amount, currency)).join(' · ');
}

/** True when an exact decimal amount is below zero. */
export function isNegative(amount: string): boolean {
  return /^-\d*\.?\d*[1-9]/.test(amount.trim());
}

function minorUnits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}
