import { bearer, TEST_KEYS } from './test-keys';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the text when the answer is not JSON. */
  body: unknown;
}

export interface SendOptions {
  role?: keyof typeof TEST_KEYS;
  headers?: Record<string, string>;
}

/** Requests to a ledger process over real HTTP (the test keys of test-app.ts). */
export class HttpClient {
  constructor(readonly baseUrl: string) {}

  post(path: string, body: object, options: SendOptions = {}): Promise<HttpAnswer> {
    return this.send('POST', path, options, JSON.stringify(body));
  }

  get(path: string, options: SendOptions = {}): Promise<HttpAnswer> {
    return this.send('GET', path, { role: 'analyst', ...options });
  }

  /** GET that fails unless it answers 200; returns the body. */
  async read<T = unknown>(path: string, options: SendOptions = {}): Promise<T> {
    const answer = await this.get(path, options);
    if (answer.status !== 200) {
      throw new Error(
        `GET ${this.baseUrl}${path}: ${answer.status} ${JSON.stringify(answer.body)}`,
      );
    }
    return answer.body as T;
  }

  private async send(
    method: string,
    path: string,
    options: SendOptions,
    body?: string,
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = {
      authorization: bearer(options.role ?? 'service'),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    };
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: the text is the body.
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }
}

/** Fails with the answer's status and body unless it is 200 or 201. */
export function expectAccepted(answer: HttpAnswer, what: string): void {
  if (answer.status !== 200 && answer.status !== 201) {
    throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  }
}
