import { randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { post } from '../support/commands';
import { bodyOf, SseClient } from '../support/sse-client';
import { bearer, startTestApp, TestApp } from '../support/test-app';

interface Streamed {
  position: string;
  streamId: string;
  type: string;
  occurredAt: string;
  recordedAt: string;
}

const STREAM = '/v1/events/stream';

function parsed(client: SseClient): Streamed[] {
  return client.messages.map((m) => JSON.parse(m.data) as Streamed);
}

async function open(
  t: TestApp,
  path = STREAM,
  headers: Record<string, string> = {},
): Promise<SseClient> {
  const client = await SseClient.open(t, path, { authorization: bearer('analyst'), ...headers });
  if (!(client instanceof SseClient)) throw new Error(`stream answered ${client.statusCode}`);
  return client;
}

/** Registers organizations one after another; answers their stream ids in order. */
async function register(t: TestApp, count: number): Promise<string[]> {
  const streamIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const id = randomUUID();
    await post(t, '/v1/organizations', { id, name: `Org ${i}` }).expect(201);
    streamIds.push(`organization-${id}`);
  }
  return streamIds;
}

describe('GET /v1/events/stream (server-sent events)', () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp({ env: { LEDGER_EVENT_STREAM_HEARTBEAT_MS: '20' } });
    await t.app.listen(0, '127.0.0.1');
  });

  afterEach(async () => {
    await t.dispose();
  });

  it('sends each event appended after connecting once, in order, id = position', async () => {
    const before = await register(t, 2);
    const client = await open(t);
    const appended = await register(t, 5);
    await client.until(() => client.messages.length >= 5);
    // A marker appended last: everything before it has arrived, so a repeat would show.
    const [marker] = await register(t, 1);
    await client.until(() => client.messages.length >= 6);
    client.close();

    const events = parsed(client);
    expect(events.map((e) => e.streamId)).toEqual([...appended, marker]);
    expect(events.map((e) => e.streamId)).not.toContain(before[0]);
    expect(client.messages.map((m) => m.id)).toEqual(events.map((e) => e.position));
    const positions = events.map((e) => BigInt(e.position));
    for (let i = 1; i < positions.length; i += 1) {
      expect(positions[i] > positions[i - 1]).toBe(true);
    }
    for (const event of events) {
      expect(event).toEqual({
        position: expect.stringMatching(/^\d+$/),
        streamId: expect.stringMatching(/^organization-/),
        type: 'OrganizationRegistered',
        occurredAt: event.recordedAt,
        recordedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    }
  });

  it('carries the correlation id and the security headers every other answer has', async () => {
    const client = await open(t, STREAM, { 'x-correlation-id': 'dashboard-42' });
    const headers = client.response.headers;
    client.close();
    expect(headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(headers['x-correlation-id']).toBe('dashboard-42');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-security-policy']).toEqual(expect.any(String));
  });

  it('resumes after Last-Event-ID without gaps or repeats', async () => {
    const first = await open(t);
    const streamIds = await register(t, 6);
    await first.until(() => first.messages.length >= 6);
    first.close();
    const all = parsed(first);

    // The client got the first three, then lost the connection.
    const resumed = await open(t, STREAM, { 'last-event-id': all[2].position });
    const later = await register(t, 2);
    await resumed.until(() => resumed.messages.length >= 5);
    const [marker] = await register(t, 1);
    await resumed.until(() => resumed.messages.length >= 6);
    resumed.close();

    expect(parsed(resumed).map((e) => e.streamId)).toEqual([
      ...streamIds.slice(3),
      ...later,
      marker,
    ]);
  });

  it('?fromPosition=0 replays the log from the start; Last-Event-ID wins over it', async () => {
    const streamIds = await register(t, 3);
    const replay = await open(t, `${STREAM}?fromPosition=0`);
    await replay.until(() => replay.messages.length >= 3);
    const positions = parsed(replay).map((e) => e.position);
    expect(parsed(replay).map((e) => e.streamId)).toEqual(streamIds);
    replay.close();

    const both = await open(t, `${STREAM}?fromPosition=0`, { 'last-event-id': positions[1] });
    await both.until(() => both.messages.length >= 1);
    const [marker] = await register(t, 1);
    await both.until(() => both.messages.length >= 2);
    both.close();
    expect(parsed(both).map((e) => e.streamId)).toEqual([streamIds[2], marker]);
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const client = await open(t);
    await client.until(() => client.comments.includes('heartbeat'));
    client.close();
    expect(client.messages).toEqual([]);
  });

  it('ends open streams cleanly when the app shuts down', async () => {
    const client = await open(t);
    await t.close();
    await client.until(() => client.ended);
    expect(client.ended).toBe(true);
  });

  it('refuses a bad position, no key and a role without access with problem+json', async () => {
    const answers: [IncomingMessage, number][] = [];
    for (const [path, headers, status] of [
      [`${STREAM}?fromPosition=-1`, { authorization: bearer('analyst') }, 400],
      [STREAM, { authorization: bearer('auditor'), 'last-event-id': 'abc' }, 400],
      [STREAM, {}, 401],
      [STREAM, { authorization: bearer('service') }, 403],
    ] as const) {
      const answer = await SseClient.open(t, path, headers);
      if (answer instanceof SseClient) throw new Error(`${path} was streamed`);
      answers.push([answer, status]);
    }
    for (const [answer, status] of answers) {
      expect(answer.statusCode).toBe(status);
      expect(answer.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(JSON.parse(await bodyOf(answer))).toMatchObject({ status });
    }
  });
});
