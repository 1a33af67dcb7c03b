/**
 * Runs one command at a time per stream inside this process. Commands on one stream would
 * otherwise all load the same revision and all but one fail their append (and retry, or answer
 * 412/409); queued, each one decides on the state the previous one left. Commands on different
 * streams still run concurrently, so the store's group commit can share one fsync among them.
 * Correctness never depends on this: the append's expected revision still guards against other
 * processes.
 */
export class StreamLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(streamId) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.tails.set(streamId, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(streamId) === tail) this.tails.delete(streamId);
    }
  }
}
