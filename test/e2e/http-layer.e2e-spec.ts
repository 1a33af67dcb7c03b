import { connect, Socket } from 'node:net';
import { AddressInfo } from 'node:net';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { establishedRelationship } from '../support/commands';
import { startTestApp, TEST_KEYS, TestApp } from '../support/test-app';

/**
 * Issue 8 cases 4, 9 and 11 on a real socket: a trickled body ends in 408 within
 * LEDGER_REQUEST_TIMEOUT_MS, an aborted upload is not logged as an error, and a request Node
 * cannot parse still gets a problem+json answer.
 */
describe('the HTTP layer on a real socket', () => {
  let t: TestApp;
  let port: number;
  let outputs: string;
  /** Every JSON log line the app writes. */
  const logLines: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      env: { LEDGER_REQUEST_TIMEOUT_MS: '600' },
      logDestination: { write: (line: string) => void logLines.push(line) },
    });
    const f = await establishedRelationship(t);
    outputs = `/v1/relationships/${f.relationshipId}/outputs`;
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });

  afterAll(async () => {
    await t.dispose();
  });

  function open(): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(socket));
      socket.on('error', reject);
    });
  }

  /** Everything the server sends until it closes the connection. */
  function answer(socket: Socket): Promise<string> {
    return new Promise((resolve) => {
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('close', () => resolve(text));
      socket.on('error', () => undefined);
    });
  }

  function head(): Promise<string | undefined> {
    return t.app.get<EventStore>(EVENT_STORE).headPosition();
  }

  it('4: a body trickled past LEDGER_REQUEST_TIMEOUT_MS → 408 problem+json, socket closed', async () => {
    const before = await head();
    const socket = await open();
    const closed = answer(socket);
    socket.write(
      `POST ${outputs} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        `Content-Length: 60000\r\nAuthorization: Bearer ${TEST_KEYS.service}\r\n\r\n{"description":"`,
    );
    // One byte every 100 ms, for ever: only the server's timeout can end this.
    const trickle = setInterval(() => socket.writable && socket.write('a'), 100);
    const text = await closed;
    clearInterval(trickle);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 408,
      type: 'urn:ledger:problem:request-timeout',
    });
    expect(await head()).toBe(before);
  });

  it('9: an aborted upload is not logged as an error, and nothing is appended', async () => {
    const before = await head();
    const from = logLines.length;
    for (let i = 0; i < 20; i++) {
      const socket = await open();
      const closed = answer(socket);
      socket.write(
        `POST ${outputs} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
          `Content-Length: 1000\r\nAuthorization: Bearer ${TEST_KEYS.service}\r\n\r\n{"descr`,
      );
      await new Promise((resolve) => setTimeout(resolve, 20));
      socket.destroy();
      await closed;
    }
    // The requests' own log lines (at most one each) are written once Fastify has seen the end.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = logLines.slice(from).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => ['error', 'fatal'].includes(String(line.level)))).toEqual([]);
    expect(lines.filter((line) => /\n\s+at /.test(JSON.stringify(line)))).toEqual([]);
    expect(await head()).toBe(before);
  });

  it.each([
    ['a NUL in a header', `GET /health HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\n\r\n`],
    ['a request line that is not HTTP', 'HELLO\r\n\r\n'],
    ['a header without a colon', 'GET /health HTTP/1.1\r\nHost: x\r\nbroken\r\n\r\n'],
  ])('11: %s → 400 problem+json', async (_case, raw) => {
    const socket = await open();
    const closed = answer(socket);
    socket.write(raw);
    const text = await closed;
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect(text).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400 });
  });

  it('11: headers over the limit → 431 problem+json', async () => {
    const socket = await open();
    const closed = answer(socket);
    socket.write(`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    const text = await closed;
    expect(text).toMatch(/^HTTP\/1\.1 431 /);
    expect(text).toMatch(/content-type: application\/problem\+json/i);
  });
});
