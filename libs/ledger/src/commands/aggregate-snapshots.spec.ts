import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EstablishedRelationship, relationshipSnapshotCodec } from '@app/domain';
import { EventStore, FoldableEvent, RecordedEvent } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { Clock } from '../clock';
import { InMemoryIdempotencyStore } from '../idempotency/in-memory-idempotency-store';
import { IdSource } from '../ids/id-source';
import { AggregateSnapshots } from './aggregate-snapshots';
import { AggregateStateCache } from './aggregate-state-cache';
import { CommandAnswer } from './command-answer';
import { CommandPipeline } from './command-pipeline';
import { CommandContext } from './command-context';
import { ExecuteOrganizationCommand } from './organization.command';
import { OrganizationCommandHandler } from './organization.handler';
import { ExecuteRelationshipCommand, RelationshipIntent } from './relationship.command';
import { RelationshipCommandHandler } from './relationship.handler';

const EVERY = 5;
const fixedClock: Clock = { now: () => new Date('2026-03-01T10:00:00.000Z') };

/** Ids 1, 2, 3, … under a prefix of their own: every process gets its own. */
function sequentialIds(process = 0): IdSource {
  let n = 0;
  return { newId: () => `0000000${process}-0000-4000-8000-${String(++n).padStart(12, '0')}` };
}

/** Counts the events reads hand out, to show what a command folded. */
class CountingStore {
  read = 0;
  constructor(readonly inner: SqliteEventStore) {}
  asEventStore(): EventStore {
    const inner = this.inner;
    return Object.assign(Object.create(inner) as EventStore, {
      readStream: (...args: Parameters<EventStore['readStream']>) => this.counted(inner, args),
      readStreamForFold: (...args: Parameters<EventStore['readStreamForFold']>) =>
        this.countedPages(inner, args),
    });
  }
  private async *countedPages(
    inner: SqliteEventStore,
    args: Parameters<EventStore['readStreamForFold']>,
  ): AsyncGenerator<readonly FoldableEvent[]> {
    for await (const page of inner.readStreamForFold(...args)) {
      this.read += page.length;
      yield page;
    }
  }
  private async *counted(
    inner: SqliteEventStore,
    args: Parameters<EventStore['readStream']>,
  ): AsyncGenerator<RecordedEvent> {
    for await (const event of inner.readStream(...args)) {
      this.read += 1;
      yield event;
    }
  }
}

/** One process of the command side on a data dir: its own cache, ids and idempotency index. */
function commandSide(
  store: EventStore,
  ids: IdSource,
  idempotency = new InMemoryIdempotencyStore(),
  every = EVERY,
) {
  const cache = new AggregateStateCache();
  const pipeline = CommandPipeline.create({
    store,
    clock: fixedClock,
    idempotency,
    cache,
    snapshots: new AggregateSnapshots(store, every, cache),
  });
  const organizations = new OrganizationCommandHandler(pipeline, ids);
  const relationships = new RelationshipCommandHandler(pipeline, ids, fixedClock);
  const context = (extra: Partial<CommandContext> = {}): CommandContext => ({
    actor: 'crm:service',
    requestHash: 'hash',
    ...extra,
  });
  const run = (id: string | undefined, intent: RelationshipIntent, ctx = context()) =>
    relationships.execute(new ExecuteRelationshipCommand(id, intent, ctx));
  /** The answer, or the refusal's rule: what a client would see. */
  const attempt = (id: string, intent: RelationshipIntent, ctx = context()) =>
    run(id, intent, ctx).then(
      (answer: CommandAnswer) => answer,
      (error: { rule?: string; name?: string }) => ({ refused: error.rule ?? error.name }),
    );
  return {
    cache,
    pipeline,
    store,
    run,
    attempt,
    context,
    async relationship(): Promise<string> {
      const register = (name: string) =>
        organizations.execute(
          new ExecuteOrganizationCommand(
            undefined,
            { type: 'RegisterOrganization', data: { name } },
            context(),
          ),
        );
      const provider = await register('P');
      const consumer = await register('C');
      const answer = await run(undefined, {
        type: 'EstablishRelationship',
        data: { providerId: provider.id, consumerId: consumer.id },
      });
      await run(answer.id, { type: 'AssignStakeholder', data: { role: 'customer', name: 'Dana' } });
      return answer.id;
    },
  };
}

const deliver = (): RelationshipIntent => ({
  type: 'DeliverOutput',
  data: { description: 'report' },
});
const outcome = (enabledBy: string[]): RelationshipIntent => ({
  type: 'RealizeOutcome',
  data: { stakeholderRole: 'customer', description: 'faster closing', enabledBy },
});

/** Lets the snapshot scheduled after a command be written (it rides the next commit). */
async function snapshotsSettled(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

describe('AggregateSnapshots with the command handlers', () => {
  let dirs: string[] = [];
  let stores: SqliteEventStore[] = [];

  function open(): SqliteEventStore {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-snapshots-'));
    dirs.push(dir);
    const store = SqliteEventStore.open({ file: join(dir, 'events.db'), synchronous: 'NORMAL' });
    stores.push(store);
    return store;
  }

  afterEach(async () => {
    for (const store of stores) await store.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs = [];
    stores = [];
  });

  /** A relationship with 12 outputs; answers its id and the output ids. */
  async function grow(side: ReturnType<typeof commandSide>) {
    const id = await side.relationship();
    const outputs: string[] = [];
    for (let i = 0; i < 12; i += 1)
      outputs.push((await side.run(id, deliver())).outputId as string);
    await snapshotsSettled();
    return { id, outputs };
  }

  it('writes one every N events; a cold process starts from it and folds only the events after it', async () => {
    const store = open();
    const { id } = await grow(commandSide(store, sequentialIds()));
    const snapshot = await store.readSnapshot(`relationship-${id}`);
    // Revisions 0..13 (established, stakeholder, 12 outputs): due at 4 and 9, each written of
    // the newest state once no command is on the stream (a command or two later).
    expect(snapshot).toMatchObject({ shape: relationshipSnapshotCodec.shape });
    const revision = snapshot?.revision ?? -1;
    expect(revision).toBeGreaterThanOrEqual(9);
    expect(revision).toBeLessThan(13);

    const counting = new CountingStore(store);
    const cold = commandSide(counting.asEventStore(), sequentialIds(1));
    const answer = await cold.run(id, deliver());
    expect(answer.revision).toBe(14);
    expect(counting.read).toBe(13 - revision); // the revisions after it, not 0..13
  });

  it('deleting every snapshot changes no answer', async () => {
    // Two identical histories (same ids, same clock); one loses its snapshots before a restart.
    const answers: unknown[][] = [];
    for (const deleteSnapshots of [false, true]) {
      const store = open();
      const ids = sequentialIds();
      const { id, outputs } = await grow(commandSide(store, ids));
      if (deleteSnapshots) await store.deleteSnapshots(`relationship-${id}`);
      expect(await store.readSnapshot(`relationship-${id}`)).toEqual(
        deleteSnapshots
          ? undefined
          : expect.objectContaining({ shape: relationshipSnapshotCodec.shape }),
      );
      const cold = commandSide(store, sequentialIds(1));
      answers.push([
        await cold.attempt(id, outcome([outputs[0], outputs[11]])),
        await cold.attempt(id, outcome([outputs[3], '99999999-0000-4000-8000-000000000000'])),
        await cold.attempt(id, { type: 'AssignStakeholder', data: { role: 'sponsor', name: 'S' } }),
        await cold.attempt(id, {
          type: 'ReviewRelationship',
          data: { stakeholderRole: 'user', valueScore: 4 },
        }),
        await cold.attempt(id, deliver()),
      ]);
    }
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[0]).toContainEqual({ refused: 'unknown-output' });
    expect(answers[0]).toContainEqual({ refused: 'stakeholder-role-not-assigned' });
  });

  it('goes on from the state its snapshot restores, answering as a process without snapshots', async () => {
    const answers: unknown[][] = [];
    for (const every of [EVERY, 0]) {
      const side = commandSide(open(), sequentialIds(), undefined, every);
      const { id, outputs } = await grow(side);
      const streamId = `relationship-${id}`;
      if (every > 0) {
        // The cached state was replaced by the one its latest snapshot restores, and folded on.
        const cached = side.cache.peek<EstablishedRelationship>(streamId);
        const snapshot = await side.store.readSnapshot(streamId);
        expect(cached?.revision).toBe(13);
        expect(cached?.snapshotRevision).toBe(snapshot?.revision);
        expect(cached!.state.facts.restored).toBe(true);
      }
      const run: unknown[] = [];
      const commands: RelationshipIntent[] = [
        outcome([outputs[0], outputs[11]]),
        { type: 'RetractFact', data: { factId: outputs[2], reason: 'sent twice' } },
        { type: 'RetractFact', data: { factId: outputs[0], reason: 'enables an outcome' } },
        outcome([outputs[2]]),
        deliver(),
      ];
      for (let round = 0; round < 3; round += 1) {
        for (const command of commands) run.push(await side.attempt(id, command));
        await snapshotsSettled();
      }
      answers.push(run);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toContainEqual({ refused: 'output-enables-outcome' });
  });

  it('decides on a snapshot of its shape, and ignores one of another shape', async () => {
    const store = open();
    const { id, outputs } = await grow(commandSide(store, sequentialIds()));
    const streamId = `relationship-${id}`;
    const real = await store.readSnapshot(streamId);
    if (real === undefined) throw new Error('expected a snapshot');
    const head = (await commandSide(store, sequentialIds(1)).attempt(
      id,
      outcome([outputs[0]]),
    )) as CommandAnswer;
    await snapshotsSettled();
    // A doctored snapshot at the head in which every fact is retracted, so no output is
    // delivered: a cold process believes it…
    const state = real.state as { facts: { types: string } };
    const forgetful = {
      ...state,
      facts: { ...state.facts, retracted: [...state.facts.types].map((_, position) => position) },
    };
    const at = { revision: head.revision, position: head.position };
    await store.writeSnapshot(streamId, {
      ...at,
      shape: relationshipSnapshotCodec.shape,
      state: forgetful,
    });
    expect(await commandSide(store, sequentialIds(2)).attempt(id, outcome([outputs[1]]))).toEqual({
      refused: 'unknown-output',
    });
    // …but not once its shape is another one: then the whole stream is folded.
    await store.deleteSnapshots(streamId);
    await store.writeSnapshot(streamId, { ...at, shape: 'relationship/0', state: forgetful });
    const answer = await commandSide(store, sequentialIds(3)).attempt(id, outcome([outputs[1]]));
    expect(answer).toMatchObject({ revision: head.revision + 1 });
  });

  it('when the process stops, a state well past its snapshot is written: a restart folds nothing', async () => {
    const store = open();
    // Marks every 1,000 events: 150 commands leave a tail of 100 or more (worth a write when
    // stopping), 30 more a tail of fewer (not worth one).
    const side = commandSide(store, sequentialIds(), undefined, 1000);
    const id = await side.relationship();
    const streamId = `relationship-${id}`;
    const outputs: string[] = [];
    for (let i = 0; i < 150; i += 1)
      outputs.push((await side.run(id, deliver())).outputId as string);
    expect(await store.readSnapshot(streamId)).toBeUndefined();
    await side.pipeline.writeSnapshotsBeforeStop();
    expect(await store.readSnapshot(streamId)).toMatchObject({ revision: 151 });

    const counting = new CountingStore(store);
    const restarted = commandSide(counting.asEventStore(), sequentialIds(1), undefined, 1000);
    for (let i = 0; i < 30; i += 1) await restarted.run(id, deliver());
    expect(counting.read).toBe(0);
    await restarted.pipeline.writeSnapshotsBeforeStop();
    expect(await store.readSnapshot(streamId)).toMatchObject({ revision: 151 });

    // Deleting it changes no answer (the stream folded whole instead).
    const answers: unknown[] = [];
    for (const deleteSnapshots of [false, true]) {
      if (deleteSnapshots) await store.deleteSnapshots(streamId);
      const cold = commandSide(store, sequentialIds(2), undefined, 1000);
      answers.push(
        await cold.attempt(id, outcome([outputs[7], '99999999-0000-4000-8000-000000000000'])),
        await cold.attempt(id, outcome([outputs[7], outputs[149]])),
      );
    }
    // (the second time, the same outcome id and request: answered as the first, not appended)
    expect(answers.slice(0, 2)).toMatchObject([{ refused: 'unknown-output' }, { revision: 182 }]);
    expect(answers.slice(2)).toEqual(answers.slice(0, 2));
  });

  it('a keyed retry after the index is lost is answered through the event-id index, without a fold', async () => {
    const store = open();
    const side = commandSide(store, sequentialIds());
    const { id } = await grow(side);
    const keyed = side.context({ idempotencyKey: 'k-1', requestHash: 'h-deliver' });
    const first = await side.run(id, deliver(), keyed);
    for (let i = 0; i < 4; i += 1) await side.run(id, deliver());

    const counting = new CountingStore(store);
    const fresh = commandSide(counting.asEventStore(), sequentialIds(1));
    expect(await fresh.run(id, deliver(), keyed)).toEqual(first);
    expect(counting.read).toBeLessThanOrEqual(1); // the event after it, to see the append ended
    expect(await fresh.attempt(id, deliver(), { ...keyed, requestHash: 'h-other' })).toEqual({
      refused: 'IdempotencyKeyReused',
    });
  });
});
