/**
 * The store could not write because its disk (or its size limit) is full. The write was rolled
 * back, nothing of it is stored; reads go on, and writes work again once space is freed.
 */
export class StorageFull extends Error {
  override readonly name = 'StorageFull';

  constructor(readonly where: string) {
    super(`the ${where} cannot write: the disk is full`);
  }
}

/** SQLite's codes for a write that found no space: disk full, or the page limit reached. */
export function isStorageFullError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}
