import { ListPage, ListQuery } from '../read-model/read-model-store';

/** How a client pages through a list: by cursor (stable while rows are added) or by offset. */
export interface PageRequest {
  limit: number;
  cursor?: string;
  offset?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** Cursors are opaque to clients: the last key, base64url-encoded. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8');
}

export function toListQuery(
  page: PageRequest,
  where: Record<string, string | undefined>,
): ListQuery {
  const filters: Record<string, string> = {};
  for (const [field, value] of Object.entries(where))
    if (value !== undefined) filters[field] = value;
  return {
    where: filters,
    limit: page.limit,
    offset: page.offset,
    afterKey: page.cursor === undefined ? undefined : decodeCursor(page.cursor),
  };
}

export function toPage<T extends object, R>(
  list: ListPage<T>,
  limit: number,
  map: (doc: T) => R,
): Page<R> {
  return {
    items: list.items.map(map),
    total: list.total,
    limit,
    nextCursor: list.lastKey === undefined ? null : encodeCursor(list.lastKey),
  };
}

/** Mean of a running total, two decimals; null when nothing was counted. */
export function average(total: number, count: number): number | null {
  return count === 0 ? null : Math.round((total / count) * 100) / 100;
}

export const DAY_MS = 86_400_000;

/** Milliseconds as days with two decimals. */
export function toDays(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / DAY_MS) * 100) / 100;
}
