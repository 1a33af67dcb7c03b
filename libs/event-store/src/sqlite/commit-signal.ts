/**
 * In-process notification that new events were committed: live subscriptions wait on it
 * instead of polling the database.
 */
export class CommitSignal {
  private readonly listeners = new Set<() => void>();

  /** Calls `listener` after every commit until the returned function is called. */
  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
