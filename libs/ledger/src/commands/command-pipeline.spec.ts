import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RuleViolated } from '@app/domain';
import { AppendOptions, EventStore, NewEvent, RecordedEvent } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { Clock } from '../clock';
import { IdempotencyKeyReused } from '../idempotency/idempotency-key-reused.error';
import { InMemoryIdempotencyStore } from '../idempotency/in-memory-idempotency-store';
import { IdSource } from '../ids/id-source';
import { AggregateSnapshots } from './aggregate-snapshots';
import { AggregateStateCache } from './aggregate-state-cache';
import { CommandPipeline } from './command-pipeline';
import { CommandContext } from './command-context';
import { ConcurrentModification } from './concurrent-modification.error';
import { MAX_DECIDE_ATTEMPTS } from './conflict-retry';
import { OrganizationCommandHandler } from './organization.handler';
import { ExecuteOrganizationCommand } from './organization.command';
import { PreconditionFailed } from './precondition-failed.error';
import { ExecuteRelationshipCommand } from './relationship.command';
import { RelationshipCommandHandler } from './relationship.handler';

const AT = new Date('2026-03-01T10:00:00.000Z');
const fixedClock: Clock = { now: () => AT };

function sequentialIds(): IdSource {
  let n = 0;
  return { newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };
}

/** Lets a test slip a foreign append in front of the handler's append, like another process. */
class InterferingStore implements EventStore {
  interferences = 0;
  /** Runs once right after the next event-id lookup, as another instance would meanwhile. */
  afterLookup: (() => Promise<unknown>) | undefined;
  constructor(readonly inner: SqliteEventStore) {}
  async append(streamId: string, events: NewEvent[], options: AppendOptions) {
    if (this.interferences > 0) {
      this.interferences -= 1;
      await this.inner.append(streamId, [foreignEvent(streamId)], { expectedRevision: 'any' });
    }
    return this.inner.append(streamId, events, options);
  }
  readStream = (...args: Parameters<EventStore['readStream']>) => this.inner.readStream(...args);
  readStreamForFold = (...args: Parameters<EventStore['readStreamForFold']>) =>
    this.inner.readStreamForFold(...args);
  readAll = (...args: Parameters<EventStore['readAll']>) => this.inner.readAll(...args);
  readAllPages = (...args: Parameters<EventStore['readAllPages']>) =>
    this.inner.readAllPages(...args);
  subscribeToAll = (...args: Parameters<EventStore['subscribeToAll']>) =>
    this.inner.subscribeToAll(...args);
  async findEvent(...args: Parameters<EventStore['findEvent']>) {
    const found = await this.inner.findEvent(...args);
    const meanwhile = this.afterLookup;
    this.afterLookup = undefined;
    await meanwhile?.();
    return found;
  }
  readSnapshot = (...args: Parameters<EventStore['readSnapshot']>) =>
    this.inner.readSnapshot(...args);
  writeSnapshot = (...args: Parameters<EventStore['writeSnapshot']>) =>
    this.inner.writeSnapshot(...args);
  deleteSnapshots = (...args: Parameters<EventStore['deleteSnapshots']>) =>
    this.inner.deleteSnapshots(...args);
  headPosition = () => this.inner.headPosition();
  health = () => this.inner.health();
  close = () => this.inner.close();
}

let counter = 0;
function foreignEvent(streamId: string): NewEvent {
  counter += 1;
  return {
    eventId: `f0000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    type: 'OutputDelivered',
    data: {
      relationshipId: streamId.slice('relationship-'.length),
      outputId: `f1000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
      description: 'delivered by another process',
      offeringId: null,
    },
    metadata: { actor: 'other:service' },
  };
}

describe('CommandPipeline through the command handlers', () => {
  let dir: string;
  let sqlite: SqliteEventStore;
  let store: InterferingStore;
  let idempotency: InMemoryIdempotencyStore;
  let organizations: OrganizationCommandHandler;
  let relationships: RelationshipCommandHandler;

  const context = (extra: Partial<CommandContext> = {}): CommandContext => ({
    actor: 'crm:service',
    correlationId: 'corr-1',
    requestHash: 'hash-1',
    ...extra,
  });

  function build(ids = sequentialIds()) {
    const pipeline = CommandPipeline.create({
      store,
      clock: fixedClock,
      idempotency,
      cache: new AggregateStateCache(),
      snapshots: new AggregateSnapshots(store),
    });
    organizations = new OrganizationCommandHandler(pipeline, ids);
    relationships = new RelationshipCommandHandler(pipeline, ids, fixedClock);
  }

  async function events(streamId: string): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for await (const e of sqlite.readStream(streamId)) out.push(e);
    return out;
  }

  const register = (id: string | undefined, name: string, ctx = context()) =>
    organizations.execute(
      new ExecuteOrganizationCommand(id, { type: 'RegisterOrganization', data: { name } }, ctx),
    );

  async function relationship(): Promise<string> {
    const provider = await register(undefined, 'P');
    const consumer = await register(undefined, 'C');
    const answer = await relationships.execute(
      new ExecuteRelationshipCommand(
        undefined,
        {
          type: 'EstablishRelationship',
          data: { providerId: provider.id, consumerId: consumer.id },
        },
        context(),
      ),
    );
    return answer.id;
  }

  const deliver = (relationshipId: string, ctx = context()) =>
    relationships.execute(
      new ExecuteRelationshipCommand(
        relationshipId,
        { type: 'DeliverOutput', data: { description: 'report' } },
        ctx,
      ),
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-repo-'));
    sqlite = SqliteEventStore.open({ file: join(dir, 'events.db'), synchronous: 'NORMAL' });
    store = new InterferingStore(sqlite);
    idempotency = new InMemoryIdempotencyStore();
    build();
  });

  afterEach(async () => {
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stamps ids, time and metadata from the injected clock and id source', async () => {
    const answer = await register(undefined, 'Acme');
    // id 1: the organization, id 2: the command (causation), id 3: the event.
    expect(answer).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      streamId: 'organization-00000000-0000-4000-8000-000000000001',
      revision: 0,
      position: expect.stringMatching(/^\d+$/),
    });
    const [event] = await events(answer.streamId);
    expect(event).toMatchObject({
      eventId: '00000000-0000-4000-8000-000000000003',
      type: 'OrganizationRegistered',
      data: { organizationId: answer.id, name: 'Acme' },
      recordedAt: AT.toISOString(),
      metadata: {
        actor: 'crm:service',
        correlationId: 'corr-1',
        causationId: '00000000-0000-4000-8000-000000000002',
        recordedAt: AT.toISOString(),
        schemaVersion: 1,
        requestHash: 'hash-1',
      },
    });
  });

  it('refuses a stale If-Match without appending', async () => {
    const id = await relationship();
    await expect(deliver(id, context({ expectedRevision: 3 }))).rejects.toBeInstanceOf(
      PreconditionFailed,
    );
    expect(await events(`relationship-${id}`)).toHaveLength(1);
    const ok = await deliver(id, context({ expectedRevision: 0 }));
    expect(ok.revision).toBe(1);
  });

  it('folds in events another writer appended after the state was cached', async () => {
    const id = await relationship();
    await sqlite.append(`relationship-${id}`, [foreignEvent(`relationship-${id}`)], {
      expectedRevision: 0,
    });
    const answer = await deliver(id);
    expect(answer.revision).toBe(2);
  });

  it('re-checks on the stream before refusing on a cached state', async () => {
    const id = await relationship();
    await relationships.execute(
      new ExecuteRelationshipCommand(
        id,
        { type: 'AssignStakeholder', data: { role: 'customer', name: 'C' } },
        context(),
      ),
    );
    // Another process delivers an output and the cache does not know it yet.
    const foreign = foreignEvent(`relationship-${id}`);
    await sqlite.append(`relationship-${id}`, [foreign], { expectedRevision: 1 });
    const outcome = await relationships.execute(
      new ExecuteRelationshipCommand(
        id,
        {
          type: 'RealizeOutcome',
          data: {
            stakeholderRole: 'customer',
            description: 'd',
            enabledBy: [foreign.data.outputId as string],
          },
        },
        context({ expectedRevision: 2 }),
      ),
    );
    expect(outcome.revision).toBe(3);
  });

  it('decides again when another process appends in between (no If-Match)', async () => {
    const id = await relationship();
    store.interferences = MAX_DECIDE_ATTEMPTS - 1;
    const answer = await deliver(id);
    expect(answer.revision).toBe(MAX_DECIDE_ATTEMPTS);
    expect(await events(`relationship-${id}`)).toHaveLength(MAX_DECIDE_ATTEMPTS + 1);
  });

  it('gives up with ConcurrentModification after MAX_DECIDE_ATTEMPTS', async () => {
    const id = await relationship();
    store.interferences = MAX_DECIDE_ATTEMPTS;
    await expect(deliver(id)).rejects.toBeInstanceOf(ConcurrentModification);
  });

  it('answers 412 (not a retry) when the interference meets an If-Match', async () => {
    const id = await relationship();
    store.interferences = 1;
    await expect(deliver(id, context({ expectedRevision: 0 }))).rejects.toBeInstanceOf(
      PreconditionFailed,
    );
    expect(await events(`relationship-${id}`)).toHaveLength(2);
  });

  it('answers a keyed create from the events its twin through another instance appended meanwhile', async () => {
    const keyed = context({ idempotencyKey: 'k-twin', requestHash: 'h-twin' });
    const otherInstance = new OrganizationCommandHandler(
      CommandPipeline.create({
        store: sqlite,
        clock: fixedClock,
        idempotency: new InMemoryIdempotencyStore(),
        cache: new AggregateStateCache(),
        snapshots: new AggregateSnapshots(sqlite),
      }),
      sequentialIds(),
    );
    const command = { type: 'RegisterOrganization', data: { name: 'Twin' } } as const;
    let twin: unknown;
    // Its lookup finds nothing; then the twin appends; then it loads a stream that exists.
    store.afterLookup = async () =>
      (twin = await otherInstance.execute(
        new ExecuteOrganizationCommand(undefined, command, keyed),
      ));
    const answer = await register(undefined, 'Twin', keyed);
    expect(answer).toEqual(twin);
    expect(await events(answer.streamId)).toHaveLength(1);
  });

  it('an idempotent retry answers the first result, from the index or from the stream', async () => {
    const id = await relationship();
    const keyed = context({ idempotencyKey: 'k-1', requestHash: 'h-deliver' });
    const first = await deliver(id, keyed);
    expect(await deliver(id, keyed)).toEqual(first);
    // Index lost (e.g. a crash before it was written) and a fresh process: the events answer.
    idempotency = new InMemoryIdempotencyStore();
    build();
    expect(await deliver(id, keyed)).toEqual(first);
    expect(await events(`relationship-${id}`)).toHaveLength(2);
    await expect(deliver(id, { ...keyed, requestHash: 'h-other' })).rejects.toBeInstanceOf(
      IdempotencyKeyReused,
    );
  });

  it('checks other streams: both parties must be registered', async () => {
    const provider = await register(undefined, 'P');
    const refused = relationships.execute(
      new ExecuteRelationshipCommand(
        undefined,
        {
          type: 'EstablishRelationship',
          data: { providerId: provider.id, consumerId: '11111111-1111-4111-8111-111111111111' },
        },
        context(),
      ),
    );
    await expect(refused).rejects.toThrow(RuleViolated);
    await expect(refused).rejects.toMatchObject({ rule: 'organization-not-registered' });
  });
});
