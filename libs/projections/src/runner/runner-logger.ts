/** Where the runner's parts report (Nest's Logger fits). */
export interface RunnerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const SILENT: RunnerLogger = { log: () => {}, warn: () => {}, error: () => {} };

/** An error's message for a log line or a report (never its stack). */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Ready events resolve in microtasks only: lets HTTP and timers run between batches. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
