/** Pages kept for sharing: about one per subscriber of a process (each up to a page size). */
const MAX_PAGES = 4;

/**
 * One query for the subscribers of a process that read the same page of the log (the
 * projections and the Merkle log, woken by one NOTIFY): a page asked again, while it is read or
 * after, is answered from that read. Only while no commit notification came in between
 * (`generation`, see CommitListener): a subscriber that saw a later one may be waiting for a
 * commit the read predates, so it reads anew; one that saw none would wait for that
 * notification after reading either way, so it misses nothing.
 */
export class SharedPageReads<T> {
  private generation: number | undefined;
  /** This generation's pages by "after limit", oldest first. */
  private readonly pages = new Map<string, Promise<readonly T[]>>();

  constructor(private readonly readPage: (after: string, limit: number) => Promise<readonly T[]>) {}

  read(after: string, limit: number, generation: number): Promise<readonly T[]> {
    if (generation !== this.generation) {
      this.pages.clear();
      this.generation = generation;
    }
    const key = `${after} ${limit}`;
    const shared = this.pages.get(key);
    if (shared) return shared;
    const page = this.readPage(after, limit);
    if (this.pages.size >= MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, page);
    // A failed read is not shared with later askers: they try again.
    page.catch(() => {
      if (this.pages.get(key) === page) this.pages.delete(key);
    });
    return page;
  }
}
