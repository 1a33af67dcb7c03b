import { CommandSender, SentCommand } from './command-sender';

/** A running API, by its base URL and an API key (role `service`, or `admin` for improvements). */
export class HttpCommandSender implements CommandSender {
  readonly target: string;

  constructor(
    private readonly baseUrl: URL,
    private readonly key: string,
  ) {
    this.target = `the API at ${baseUrl.origin}`;
  }

  async send(path: string, body: object, idempotencyKey: string): Promise<SentCommand> {
    const res = await fetch(new URL(path, this.baseUrl), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.key}`,
        'content-type': 'application/json',
        'idempotency-key': idempotencyKey,
      },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON: reported as text.
    }
    const retryAfter = Number(res.headers.get('retry-after'));
    return {
      status: res.status,
      body: parsed,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
