/**
 * Turns a burst of notifications into one call: `flush` runs `quietMs` after the last
 * notification, and at the latest `maxWaitMs` after the first of a burst (so a steady stream of
 * events still refreshes the screen now and then). One refresh per burst, not one per event.
 */
export class Coalescer {
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private maxTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly flush: () => void,
    private readonly quietMs = 400,
    private readonly maxWaitMs = 2000,
  ) {}

  notify(): void {
    clearTimeout(this.quietTimer);
    this.quietTimer = setTimeout(() => this.fire(), this.quietMs);
    this.maxTimer ??= setTimeout(() => this.fire(), this.maxWaitMs);
  }

  cancel(): void {
    clearTimeout(this.quietTimer);
    clearTimeout(this.maxTimer);
    this.quietTimer = undefined;
    this.maxTimer = undefined;
  }

  private fire(): void {
    this.cancel();
    this.flush();
  }
}
