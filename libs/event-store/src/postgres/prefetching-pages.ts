/** Reads the page after `after` (an exclusive position), at most `limit` rows. */
export type PageQuery<Row> = (after: string, limit: number) => Promise<Row[]>;

/**
 * The rows after `from`, page by page, as an async iterable of converted items: the next page
 * is asked for as soon as one arrives, so the server reads it while this process converts and
 * hands out the one before (at most two pages held), and each row is converted only when it is
 * handed out, so a converted item lives only as long as its reader keeps it. A hand-written
 * iterator rather than an async generator: a generator costs several promise turns per item,
 * which showed in a read of the whole log.
 */
export function prefetchingPages<Row, Item>(
  query: PageQuery<Row>,
  positionOf: (row: Row) => string,
  convert: (row: Row) => Item,
  from: () => string,
  maxCount: number,
  pageSize: number,
): AsyncIterable<Item> {
  return {
    [Symbol.asyncIterator]: () =>
      new PrefetchingIterator(query, positionOf, convert, from, maxCount, pageSize),
  };
}

class PrefetchingIterator<Row, Item> implements AsyncIterator<Item> {
  private page: Row[] = [];
  private index = 0;
  /** The page on its way, if another is due; none once the last one arrived. */
  private coming: Promise<Row[]> | undefined;
  private asked = 0;
  private started = false;

  constructor(
    private readonly query: PageQuery<Row>,
    private readonly positionOf: (row: Row) => string,
    private readonly convert: (row: Row) => Item,
    private readonly from: () => string,
    private remaining: number,
    private readonly pageSize: number,
  ) {}

  next(): Promise<IteratorResult<Item>> {
    if (this.index < this.page.length) {
      return Promise.resolve({ value: this.convert(this.page[this.index++]), done: false });
    }
    return this.nextPage();
  }

  /** A reader that stops early: a page still on its way is dropped. */
  return(): Promise<IteratorResult<Item>> {
    this.started = true;
    this.coming = undefined;
    this.page = [];
    return Promise.resolve({ value: undefined, done: true });
  }

  private async nextPage(): Promise<IteratorResult<Item>> {
    if (!this.started) {
      this.started = true;
      // Parsed on first iteration, where every other read error surfaces too.
      const from = this.from();
      if (this.remaining > 0) this.request(from);
    }
    while (this.index >= this.page.length) {
      if (this.coming === undefined) return { value: undefined, done: true };
      this.page = await this.coming;
      this.index = 0;
      this.coming = undefined;
      this.remaining -= this.page.length;
      if (this.page.length === this.asked && this.remaining > 0) {
        this.request(this.positionOf(this.page[this.page.length - 1]));
      }
    }
    return { value: this.convert(this.page[this.index++]), done: false };
  }

  private request(after: string): void {
    this.asked = Math.min(this.pageSize, this.remaining);
    const coming = this.query(after, this.asked);
    // Handled where it is awaited; this only keeps a dropped one from being reported.
    coming.catch(() => undefined);
    this.coming = coming;
  }
}
