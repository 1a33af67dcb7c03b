import { get, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestApp } from './test-app';

export interface SseMessage {
  id?: string;
  data: string;
}

/** A minimal server-sent-events reader over node:http, for the e2e tests of the event stream. */
export class SseClient {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  ended = false;
  private buffer = '';
  private waiters: (() => void)[] = [];

  private constructor(readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.take(chunk));
    response.on('end', () => {
      this.ended = true;
      this.notify();
    });
  }

  /** Opens the stream and resolves once the server's first comment (subscription ready) is in. */
  static async open(
    t: TestApp,
    path: string,
    headers: Record<string, string>,
  ): Promise<SseClient | IncomingMessage> {
    const { port } = addressOf(t);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path, headers }, resolve).on('error', reject);
    });
    if (response.statusCode !== 200) return response;
    const client = new SseClient(response);
    await client.until(() => client.comments.length > 0);
    return client;
  }

  /** Resolves when `done()` holds (checked after every chunk); jest's timeout bounds the wait. */
  async until(done: () => boolean): Promise<void> {
    while (!done()) {
      if (this.ended) throw new Error('the stream ended before the expected messages arrived');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): void {
    this.response.destroy();
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf('\n\n')) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const message: SseMessage = { data: '' };
      let isMessage = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
        else if (line.startsWith('id: ')) message.id = line.slice(4);
        else if (line.startsWith('data: ')) {
          message.data += line.slice(6);
          isMessage = true;
        }
      }
      if (isMessage) this.messages.push(message);
    }
    this.notify();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** Reads an error answer's body (for a stream that answered 4xx). */
export async function bodyOf(response: IncomingMessage): Promise<string> {
  let body = '';
  response.setEncoding('utf8');
  for await (const chunk of response) body += chunk as string;
  return body;
}

function addressOf(t: TestApp): AddressInfo {
  const address = t.app.getHttpServer().address();
  if (address === null || typeof address === 'string') {
    throw new Error('the test app is not listening: call listen() first');
  }
  return address;
}
