/**
 * An event-at-a-time read cut into pages of up to `pageSize` (none empty): `readAllPages` for
 * an adapter whose client reads one event at a time anyway (EventStoreDB).
 */
export async function* pagesOf<T>(
  items: AsyncIterable<T>,
  pageSize: number,
): AsyncGenerator<T[], void, undefined> {
  let page: T[] = [];
  for await (const item of items) {
    page.push(item);
    if (page.length >= pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}
