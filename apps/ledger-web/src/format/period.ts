// Dates are shown in UTC, like the ledger buckets them (SPEC: UTC months `YYYY-MM`).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03" → "Mar 2026". */
export function formatMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (match === null) return month;
  const index = Number(match[2]) - 1;
  return index >= 0 && index < 12 ? `${MONTHS[index]} ${match[1]}` : month;
}

/** "2026-03-01T10:04:05.120Z" → "2026-03-01 10:04 UTC"; "—" for none. */
export function formatInstant(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

/** "2026-03-01T00:00:00Z" → "2026-03-01"; "—" for none. */
export function formatDate(iso: string | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 10);
}

/** A measured period: a whole UTC month reads "Mar 2026", anything else "2026-03-01 – 2026-03-15". */
export function formatPeriod(period: { start: string; end: string }): string {
  const start = new Date(period.start);
  const end = new Date(period.end);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) {
    return `${period.start} – ${period.end}`;
  }
  const nextMonth = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
  const startsMonth = start.getTime() === Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), 1);
  if (startsMonth && end.getTime() === nextMonth) return formatMonth(monthOf(period.start));
  return `${formatDate(period.start)} – ${formatDate(new Date(end.getTime() - 1).toISOString())}`;
}

/** The UTC month `YYYY-MM` of an instant. */
export function monthOf(iso: string): string {
  return new Date(iso).toISOString().slice(0, 7);
}

/** Every month from `from` to `to` inclusive (`YYYY-MM`), oldest first; [] when from > to. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number);
  const [toYear, toMonth] = to.split('-').map(Number);
  while (year < toYear || (year === toYear && month <= toMonth)) {
    months.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** The month `count − 1` months before `month`: the start of a window of `count` months. */
export function monthsBack(month: string, count: number): string {
  const [year, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(year, m - 1 - (count - 1), 1));
  return date.toISOString().slice(0, 7);
}

/** True when a target date lies before today (UTC) and the improvement is still open. */
export function isPast(isoDate: string | null | undefined, now: Date): boolean {
  if (isoDate === null || isoDate === undefined) return false;
  const time = new Date(isoDate).getTime();
  return !Number.isNaN(time) && time < now.getTime();
}

/** An instant typed by the auditor; without a zone it is read as UTC, as the dashboard shows times. */
export function toUtcInstant(text: string): string | undefined {
  const trimmed = text.trim();
  if (
    !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?(Z|[+-]\d{2}:\d{2})?$/.test(trimmed)
  ) {
    return undefined;
  }
  const zoned =
    /(Z|[+-]\d{2}:\d{2})$/.test(trimmed) || !trimmed.includes('T') ? trimmed : `${trimmed}Z`;
  const date = new Date(zoned);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
