import { IndexValue } from '../read-model/read-model-store';

/** Where a sorted page ended: the sort it belongs to and the last (value, key). */
export interface SortedCursor {
  sort: string;
  value: IndexValue;
  key: string;
}

/** Opaque to clients: base64url of a small JSON object. */
export function encodeSortedCursor(cursor: SortedCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.value, cursor.key]), 'utf8').toString(
    'base64url',
  );
}

/** The cursor a previous page gave, or undefined when `text` is not one. */
export function decodeSortedCursor(text: string): SortedCursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return undefined;
    const [sort, value, key] = parsed as unknown[];
    if (typeof sort !== 'string' || typeof key !== 'string') return undefined;
    if (value !== null && typeof value !== 'string' && typeof value !== 'number') return undefined;
    return { sort, value, key };
  } catch {
    return undefined;
  }
}
