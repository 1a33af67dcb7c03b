/**
 * An async iterable over a read done in pages: `readPage` runs one bounded, synchronous query
 * and returns its rows, or `undefined` once the read is finished. No statement iterator stays
 * open between pages (better-sqlite3 refuses writes on a connection with an open iterator), and
 * memory holds one page whatever the length of the read.
 *
 * Hand-written rather than an async generator: a million-event read pays the iterator
 * protocol per event, and a generator's suspend/resume costs a measurable share of it.
 */
export class PagedRead<Row, Item> implements AsyncIterableIterator<Item> {
  private page: Row[] = [];
  private index = 0;
  private finished = false;

  /**
   * @param awaitPage what to wait for before a page is handed on, if anything (the store's
   *   durability: a page holding a commit whose fsync is still running)
   */
  constructor(
    private readonly readPage: () => Row[] | undefined,
    private readonly toItem: (row: Row) => Item,
    private readonly awaitPage?: (page: Row[]) => Promise<void> | undefined,
  ) {}

  [Symbol.asyncIterator](): AsyncIterableIterator<Item> {
    return this;
  }

  async next(): Promise<IteratorResult<Item>> {
    while (this.index >= this.page.length) {
      let page: Row[] | undefined;
      try {
        page = this.finished ? undefined : this.readPage();
      } catch (error) {
        this.end();
        throw error;
      }
      if (page === undefined || page.length === 0) return this.end();
      const wait = this.awaitPage?.(page);
      if (wait) await wait;
      this.page = page;
      this.index = 0;
    }
    const row = this.page[this.index];
    this.index += 1;
    return { done: false, value: this.toItem(row) };
  }

  /** Called by `for await` on `break`: drop the page, read no more. */
  async return(): Promise<IteratorResult<Item>> {
    return this.end();
  }

  private end(): IteratorResult<Item> {
    this.finished = true;
    this.page = [];
    this.index = 0;
    return { done: true, value: undefined };
  }
}
