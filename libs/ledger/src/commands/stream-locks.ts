/**
 * Runs one command at a time per stream inside this process. Commands on one stream would
 * otherwise all load the same revision and all but one fail their append (and retry, or answer
 * 412/409); queued, each one decides on the state the previous one left. Commands on different
 * streams still run concurrently, so the store's group commit can share one fsync among them.
 * Correctness never depends on this: the append's expected revision still guards against other
 * processes.
 *
 * Every command passes here, so a free stream costs no promise of its own: the work starts at
 * once and only a command that finds its stream taken waits in line.
 */
export class StreamLocks {
  /** Streams with work running, each with the turns waiting after it, in order. */
  private readonly waiting = new Map<string, (() => void)[]>();

  run<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    const queue = this.waiting.get(streamId);
    if (queue === undefined) {
      this.waiting.set(streamId, []);
      return this.hold(streamId, work);
    }
    return new Promise<void>((turn) => queue.push(turn)).then(() => this.hold(streamId, work));
  }

  /** Runs `work` on the stream's turn; the next in line starts once it has settled. */
  private hold<T>(streamId: string, work: () => Promise<T>): Promise<T> {
    let running: Promise<T>;
    try {
      running = work();
    } catch (error) {
      // Whatever the work threw reaches its caller unchanged, as an async function's would.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      running = Promise.reject(error);
    }
    const pass = (): void => this.pass(streamId);
    running.then(pass, pass);
    return running;
  }

  private pass(streamId: string): void {
    const next = this.waiting.get(streamId)?.shift();
    if (next === undefined) this.waiting.delete(streamId);
    else next();
  }
}
