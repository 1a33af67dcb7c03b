import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { EVENT_STORE, EventStore, RecordedEvent, StreamNotFound } from '@app/event-store';
import { bearer, TEST_KEYS, TestApp } from './test-app';

export type Role = keyof typeof TEST_KEYS;

export interface PostOptions {
  role?: Role | 'none';
  headers?: Record<string, string>;
}

/** POSTs a JSON command as a role (service by default). */
export function post(t: TestApp, path: string, body?: object, options: PostOptions = {}) {
  const role = options.role ?? 'service';
  let req = request(t.server).post(path);
  if (role !== 'none') req = req.set('Authorization', bearer(role));
  for (const [name, value] of Object.entries(options.headers ?? {})) req = req.set(name, value);
  return body === undefined ? req : req.send(body);
}

/** Every event of a stream, read through the EventStore port ([] when it has none). */
export async function streamEvents(t: TestApp, streamId: string): Promise<RecordedEvent[]> {
  const store = t.app.get<EventStore>(EVENT_STORE);
  const events: RecordedEvent[] = [];
  try {
    for await (const event of store.readStream(streamId)) events.push(event);
  } catch (error) {
    if (!(error instanceof StreamNotFound)) throw error;
  }
  return events;
}

export async function streamTypes(t: TestApp, streamId: string): Promise<string[]> {
  return (await streamEvents(t, streamId)).map((e) => e.type);
}

/** When the tests' offerings take effect and their relationships are established. */
export const EPOCH_OF_TESTS = '2025-01-01T00:00:00Z';

export function offeringBody(providerId: string, overrides: object = {}) {
  return {
    providerId,
    name: 'Managed PostgreSQL',
    targetConsumerGroup: 'product teams',
    goods: ['database licence'],
    resourceAccess: ['managed cluster'],
    serviceActions: ['backups', 'patching'],
    utility: ['stores relational data'],
    warranty: { availabilityTarget: 99.9 },
    // Backdated, so tests can measure periods of the past.
    effectiveFrom: EPOCH_OF_TESTS,
    ...overrides,
  };
}

/** Registers two organizations, publishes an offering and establishes a relationship. */
export async function establishedRelationship(t: TestApp) {
  const providerId = randomUUID();
  const consumerId = randomUUID();
  await post(t, '/v1/organizations', { id: providerId, name: 'Provider' }).expect(201);
  await post(t, '/v1/organizations', { id: consumerId, name: 'Consumer' }).expect(201);
  const offering = await post(t, '/v1/offerings', offeringBody(providerId)).expect(201);
  const offeringId = offering.body.id as string;
  const rel = await post(t, '/v1/relationships', {
    providerId,
    consumerId,
    occurredAt: EPOCH_OF_TESTS,
  }).expect(201);
  const relationshipId = rel.body.id as string;
  return { providerId, consumerId, offeringId, relationshipId };
}
