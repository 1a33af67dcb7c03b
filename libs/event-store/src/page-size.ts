import { ReadAllOptions } from './event-store.port';

/** The page size a read asked for (`ReadAllOptions.pageSize`), else the adapter's own. */
export function pageSizeOf(options: ReadAllOptions, fallback: number): number {
  const asked = options.pageSize;
  if (asked === undefined) return fallback;
  if (!Number.isInteger(asked) || asked < 1) {
    throw new RangeError(`pageSize must be a positive integer, not ${String(asked)}`);
  }
  return asked;
}
