/** What the ledger answered one command. */
export interface SentCommand {
  status: number;
  body: unknown;
  /** Seconds to wait before sending again (a 429's Retry-After), if any. */
  retryAfterSeconds?: number;
}

/** Sends commands through the HTTP API: in this process (data dir) or to a running API (URL). */
export interface CommandSender {
  /** Where the commands go, for the first line of output. */
  readonly target: string;
  send(path: string, body: object, idempotencyKey: string): Promise<SentCommand>;
  close(): Promise<void>;
}
