import { connect, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { startTestApp, TEST_KEYS, TestApp } from '../support/test-app';

/** Reads everything the server sends until it closes the connection. */
function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('graceful shutdown', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.dispose();
  });

  it('finishes a request in flight, then closes the stores', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const body = JSON.stringify({ name: 'Registered during shutdown' });
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const answer = readAll(socket);
    // Headers and half the body now: the request is in flight when the shutdown starts.
    socket.write(
      'POST /v1/organizations HTTP/1.1\r\nHost: ledger\r\nConnection: close\r\n' +
        `Authorization: Bearer ${TEST_KEYS.service}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const store = t.app.get<EventStore>(EVENT_STORE);
    let closed = false;
    const closing = t.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false); // it waits for the request
    socket.write(body.slice(10));
    const text = await answer;
    expect(text).toMatch(/^HTTP\/1\.1 201/);
    const position = /"position":"(\d+)"/.exec(text)?.[1];
    expect(position).toBeDefined();
    await closing;
    // The store is closed after the answer: a closed store refuses to read.
    await expect(store.headPosition()).rejects.toThrow();
    // And what was answered is durable: a new app on the same data sees it.
    const reopened = await startTestApp({ dataDir: t.dataDir });
    try {
      expect(await reopened.app.get<EventStore>(EVENT_STORE).headPosition()).toBe(position);
    } finally {
      await reopened.close();
    }
  });
});
