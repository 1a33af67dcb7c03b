/**
 * Runs work in file order with some of it side by side: work in a lane waits for the earlier
 * work of its lane; work without a lane (a barrier) waits for all earlier work, and all later
 * work waits for it. At most `limit` run at once.
 */
export class ImportLanes {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly running = new Set<Promise<unknown>>();
  private barrier: Promise<unknown> = Promise.resolve();

  constructor(private readonly limit: number) {}

  schedule<T>(lane: string | undefined, work: () => Promise<T>): Promise<T> {
    const after =
      lane === undefined
        ? Promise.allSettled([...this.running])
        : Promise.allSettled([this.barrier, this.tails.get(lane)]);
    const started = after.then(work);
    const settled = started.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    if (lane === undefined) {
      this.barrier = settled;
      this.tails.clear();
    } else {
      this.tails.set(lane, settled);
    }
    return started;
  }

  /** Resolves when fewer than `limit` are scheduled and unfinished. */
  async room(): Promise<void> {
    while (this.running.size >= this.limit) await Promise.race(this.running);
  }

  async drained(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
