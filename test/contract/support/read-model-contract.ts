import type {
  CollectionSpec,
  ProjectionCheckpoint,
  ProjectionWriter,
  ReadModelStore,
} from '@app/projections';

/** How a suite opens the adapter under test; every case uses projection names of its own. */
export interface ReadModelContractOptions {
  open(): Promise<ReadModelStore>;
}

interface Item {
  id: string;
  status?: string;
  score?: number | null;
  search?: string;
  tags?: string[];
  note?: string;
}

const COLLECTIONS: readonly CollectionSpec[] = [
  { name: 'items', indexes: ['status', 'score', 'search'] },
  { name: 'log', cache: false },
];

let counter = 0;
/** A projection name no other case (or earlier run on the same database) uses. */
function uniqueProjection(): string {
  counter += 1;
  return `contract-${process.pid}-${Date.now().toString(36)}-${counter}`;
}

function checkpointOf(
  name: string,
  generation: number,
  position: string | undefined,
  eventsApplied = 0,
): ProjectionCheckpoint {
  return {
    name,
    version: 1,
    generation,
    position,
    eventsApplied,
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

/**
 * The read-model port's contract: what the runner and the query handlers rely on, the same for
 * every adapter (embedded SQLite, PostgreSQL).
 */
export function describeReadModelContract(name: string, options: ReadModelContractOptions): void {
  describe(`read-model store contract: ${name}`, () => {
    const opened: ReadModelStore[] = [];
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    async function open(): Promise<ReadModelStore> {
      const store = await options.open();
      opened.push(store);
      return store;
    }

    /** A store with one projection prepared and published at generation 1. */
    async function prepared(): Promise<{
      store: ReadModelStore;
      projection: string;
      writer: ProjectionWriter;
    }> {
      const store = await open();
      const projection = uniqueProjection();
      await store.prepare(projection, 1, COLLECTIONS);
      await store.commit([{ checkpoint: checkpointOf(projection, 1, undefined) }]);
      await store.publishGeneration(projection, 1);
      return { store, projection, writer: await store.writer(projection, 1) };
    }

    /** Puts items through the writer and commits them with a checkpoint. */
    async function seed(
      store: ReadModelStore,
      projection: string,
      writer: ProjectionWriter,
      items: Item[],
    ): Promise<void> {
      for (const item of items) writer.put('items', item.id, item);
      await store.commit([{ writer, checkpoint: checkpointOf(projection, 1, '10', items.length) }]);
    }

    it('shows committed documents with their checkpoint, and nothing before the commit', async () => {
      const { store, projection, writer } = await prepared();
      writer.put('items', 'a', { id: 'a', status: 'open' });
      expect(writer.get('items', 'a')).toEqual({ id: 'a', status: 'open' });
      expect(await store.get(projection, 'items', 'a')).toBeUndefined();
      expect((await store.list(projection, 'items', { limit: 10 })).total).toBe(0);

      await store.commit([{ writer, checkpoint: checkpointOf(projection, 1, '7', 1) }]);
      expect(await store.get(projection, 'items', 'a')).toEqual({ id: 'a', status: 'open' });
      expect(await store.checkpoint(projection)).toEqual(checkpointOf(projection, 1, '7', 1));
      expect((await store.checkpoints()).map((c) => c.name)).toContain(projection);
      expect(await store.checkpoint(`${projection}-none`)).toBeUndefined();
    });

    it('keeps the key order of a document and every JSON value as written', async () => {
      const { store, projection, writer } = await prepared();
      const doc = {
        zeta: 1,
        alpha: 'é ✓ "quoted" \\ back',
        nested: { b: [1.5, null, true], a: {} },
      };
      writer.put('items', 'k', doc);
      await store.commit([{ writer }]);
      const read = await store.get<typeof doc>(projection, 'items', 'k');
      expect(read).toEqual(doc);
      expect(Object.keys(read!)).toEqual(['zeta', 'alpha', 'nested']);
      expect(Object.keys(read!.nested)).toEqual(['b', 'a']);
    });

    it('commits several writers and checkpoints all or nothing', async () => {
      const store = await open();
      const [p, q] = [uniqueProjection(), uniqueProjection()];
      for (const projection of [p, q]) {
        await store.prepare(projection, 1, COLLECTIONS);
        await store.commit([{ checkpoint: checkpointOf(projection, 1, '1') }]);
        await store.publishGeneration(projection, 1);
      }
      const first = await store.writer(p, 1);
      const second = await store.writer(q, 1);
      first.put('items', 'x', { id: 'x' });
      // A document that cannot be stored fails the commit after the first writer's rows.
      second.put('items', 'y', { id: 'y', bad: BigInt(1) });
      await expect(
        store.commit([
          { writer: first, checkpoint: checkpointOf(p, 1, '2', 1) },
          { writer: second, checkpoint: checkpointOf(q, 1, '2', 1) },
        ]),
      ).rejects.toThrow();
      expect(await store.get(p, 'items', 'x')).toBeUndefined();
      expect((await store.checkpoint(p))?.position).toBe('1');
      expect((await store.checkpoint(q))?.position).toBe('1');
    });

    it('forgets a discarded batch, even a document changed in place', async () => {
      const { store, projection, writer } = await prepared();
      await seed(store, projection, writer, [{ id: 'a', status: 'open', tags: ['t1'] }]);
      const doc = writer.get<Item>('items', 'a')!;
      doc.status = 'closed';
      doc.tags!.push('t2');
      writer.put('items', 'a', doc);
      writer.put('items', 'b', { id: 'b' });
      writer.delete('log', 'gone');
      writer.discard();
      expect(writer.get('items', 'a')).toEqual({ id: 'a', status: 'open', tags: ['t1'] });
      expect(writer.get('items', 'b')).toBeUndefined();
      await store.commit([{ writer }]);
      expect(await store.get(projection, 'items', 'a')).toEqual({
        id: 'a',
        status: 'open',
        tags: ['t1'],
      });
      expect(await store.get(projection, 'items', 'b')).toBeUndefined();
    });

    it('deletes, and a write-only collection is written and deleted by key', async () => {
      const { store, projection, writer } = await prepared();
      writer.put('items', 'a', { id: 'a' });
      writer.put('log', 'l1', { id: 'l1' });
      writer.put('log', 'l2', { id: 'l2' });
      await store.commit([{ writer }]);
      writer.delete('items', 'a');
      writer.delete('log', 'l1');
      expect(writer.get('items', 'a')).toBeUndefined();
      await store.commit([{ writer }]);
      expect(await store.get(projection, 'items', 'a')).toBeUndefined();
      expect(await store.get(projection, 'log', 'l1')).toBeUndefined();
      expect(await store.get(projection, 'log', 'l2')).toEqual({ id: 'l2' });
      expect(writer.get('items', 'a')).toBeUndefined();
    });

    it('serves a new writer (another process after a restart) what was committed', async () => {
      const { store, projection, writer } = await prepared();
      await seed(store, projection, writer, [{ id: 'a', status: 'open' }, { id: 'b' }]);
      const reopened = await open();
      await reopened.prepare(projection, 1, COLLECTIONS);
      const next = await reopened.writer(projection, 1);
      expect(next.get('items', 'a')).toEqual({ id: 'a', status: 'open' });
      expect(next.get('items', 'c')).toBeUndefined();
      // Readers of another store instance see the committed generation and checkpoint.
      const reader = await open();
      expect(await reader.get(projection, 'items', 'b')).toEqual({ id: 'b' });
      expect((await reader.checkpoint(projection))?.position).toBe('10');
    });

    it('filters on indexed fields, array elements, lower-case text and key prefixes', async () => {
      const { store, projection, writer } = await prepared();
      await seed(store, projection, writer, [
        { id: 'a:1', status: 'open', search: 'acme it', tags: ['x', 'y'] },
        { id: 'a:2', status: 'closed', search: 'bakery', tags: ['y'] },
        { id: 'b:1', status: 'open', search: 'acme foods', tags: [] },
        { id: 'b:2', status: 'open' },
      ]);
      const ids = async (query: Parameters<ReadModelStore['list']>[2]) => {
        const page = await store.list<Item>(projection, 'items', query);
        return { ids: page.items.map((i) => i.id), total: page.total };
      };
      expect(await ids({ where: { status: 'open' }, limit: 10 })).toEqual({
        ids: ['a:1', 'b:1', 'b:2'],
        total: 3,
      });
      expect(await ids({ contains: { tags: 'y' }, limit: 10 })).toEqual({
        ids: ['a:1', 'a:2'],
        total: 2,
      });
      expect(await ids({ search: { field: 'search', text: 'ACME' }, limit: 10 })).toEqual({
        ids: ['a:1', 'b:1'],
        total: 2,
      });
      expect(await ids({ search: { field: 'search', text: 's' }, limit: 10 })).toEqual({
        ids: ['b:1'],
        total: 1,
      });
      expect(await ids({ keyPrefix: 'a:', limit: 10 })).toEqual({ ids: ['a:1', 'a:2'], total: 2 });
      expect(await ids({ keyPrefix: 'b:', where: { status: 'open' }, limit: 1 })).toEqual({
        ids: ['b:1'],
        total: 2,
      });
      expect(await ids({ where: { status: 'none' }, limit: 10 })).toEqual({ ids: [], total: 0 });
      await expect(
        store.list(projection, 'items', { where: { note: 'x' }, limit: 1 }),
      ).rejects.toThrow(/cannot be filtered or sorted by note/);
    });

    it('orders keys byte-wise, pages by key, and by offset', async () => {
      const { store, projection, writer } = await prepared();
      const keys = ['b', 'B', 'a', 'Z', 'é', 'a-', 'a0', '10', '9'];
      await seed(
        store,
        projection,
        writer,
        keys.map((id) => ({ id })),
      );
      const sorted = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
      const seen: string[] = [];
      let afterKey: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store.list<Item>(projection, 'items', { afterKey, limit: 2 });
        expect(page.total).toBe(keys.length);
        seen.push(...page.items.map((i) => i.id));
        if (page.lastKey === undefined) break;
        afterKey = page.lastKey;
      }
      expect(seen).toEqual(sorted);
      const offset = await store.list<Item>(projection, 'items', { offset: 3, limit: 2 });
      expect(offset.items.map((i) => i.id)).toEqual(sorted.slice(3, 5));
    });

    it('orders by an indexed field, numbers before text, nulls last, and pages by its cursor', async () => {
      const { store, projection, writer } = await prepared();
      const items: Item[] = [
        { id: 'k1', score: 3 },
        { id: 'k2', score: -1.5 },
        { id: 'k3', score: null },
        { id: 'k4', score: 10 },
        { id: 'k5', score: 3 },
        { id: 'k6' },
        { id: 'k7', score: 0 },
        { id: 'k8', score: 2.25 },
        { id: 'k9', score: -20 },
      ];
      await seed(store, projection, writer, items);
      for (const descending of [false, true]) {
        const seen: string[] = [];
        let after: { value: string | number | null; key: string } | undefined;
        for (let pages = 0; pages < 20; pages++) {
          const page = await store.list<Item>(projection, 'items', {
            orderBy: { field: 'score', descending },
            after,
            limit: 2,
          });
          expect(page.total).toBe(items.length);
          seen.push(...page.items.map((i) => i.id));
          if (page.lastKey === undefined) break;
          const last = page.items[page.items.length - 1];
          expect(page.lastSortValue).toEqual(last.score ?? null);
          after = { value: page.lastSortValue!, key: page.lastKey };
        }
        const valued = items.filter((i) => typeof i.score === 'number');
        valued.sort((x, y) =>
          x.score === y.score
            ? x.id.localeCompare(y.id)
            : (descending ? -1 : 1) * (x.score! - y.score!),
        );
        expect(seen).toEqual([...valued.map((i) => i.id), 'k3', 'k6']);
      }
    });

    it('orders mixed numbers and text as SQLite does: every number first', async () => {
      const { store, projection, writer } = await prepared();
      for (const [id, status] of [
        ['m1', 'beta'],
        ['m2', 5],
        ['m3', 'Alpha'],
        ['m4', -3],
      ] as const) {
        writer.put('items', id, { id, status });
      }
      await store.commit([{ writer }]);
      const page = await store.list<Item>(projection, 'items', {
        orderBy: { field: 'status' },
        limit: 10,
      });
      expect(page.items.map((i) => i.id)).toEqual(['m4', 'm2', 'm3', 'm1']);
      const fives = await store.list<Item>(projection, 'items', {
        where: { status: 5 },
        limit: 10,
      });
      expect(fives.items.map((i) => i.id)).toEqual(['m2']);
    });

    it('readers move to a new generation once its checkpoint is committed and published', async () => {
      const { store, projection, writer } = await prepared();
      await seed(store, projection, writer, [{ id: 'old' }]);
      await store.prepare(projection, 2, COLLECTIONS);
      const next = await store.writer(projection, 2);
      next.put('items', 'new', { id: 'new' });
      await store.commit([{ writer: next }]);
      // Built aside: readers still see generation 1.
      expect(await store.get(projection, 'items', 'old')).toEqual({ id: 'old' });
      expect(await store.get(projection, 'items', 'new')).toBeUndefined();
      await store.commit([{ checkpoint: checkpointOf(projection, 2, '10', 1) }]);
      await store.publishGeneration(projection, 2);
      await store.drop(projection, 1);
      expect(await store.get(projection, 'items', 'new')).toEqual({ id: 'new' });
      expect(await store.get(projection, 'items', 'old')).toBeUndefined();
      expect((await store.list(projection, 'items', { limit: 10 })).total).toBe(1);
      // Another instance (a reopened store, another process) reads generation 2 too.
      const reader = await open();
      expect(await reader.get(projection, 'items', 'new')).toEqual({ id: 'new' });
    });

    it('a reader in another process follows a swap at once and filters without preparing', async () => {
      const { store, projection, writer } = await prepared();
      await seed(store, projection, writer, [{ id: 'a', status: 'open', score: 1 }]);
      // A reader that never prepared anything (an API beside a projector), having read gen 1.
      const reader = await open();
      expect(await reader.get(projection, 'items', 'a')).toMatchObject({ id: 'a' });
      await store.prepare(projection, 2, COLLECTIONS);
      const next = await store.writer(projection, 2);
      next.put('items', 'b', { id: 'b', status: 'open', score: 2 });
      await store.commit([{ writer: next }]);
      await store.commit([{ checkpoint: checkpointOf(projection, 2, '11', 1) }]);
      await store.publishGeneration(projection, 2);
      // Generation 1 is not dropped yet: the reader must still move on.
      expect(await reader.get(projection, 'items', 'a')).toBeUndefined();
      const page = await reader.list<Item>(projection, 'items', {
        where: { status: 'open' },
        orderBy: { field: 'score', descending: true },
        limit: 5,
      });
      expect(page).toMatchObject({ items: [{ id: 'b' }], total: 1 });
      await store.drop(projection, 1);
      expect(await reader.get(projection, 'items', 'b')).toMatchObject({ id: 'b' });
      await expect(
        reader.list(projection, 'items', { where: { note: 'x' }, limit: 1 }),
      ).rejects.toThrow(/cannot be filtered or sorted by note/);
    });

    it('a projection without a checkpoint has no read model to query', async () => {
      const store = await open();
      await expect(store.get(uniqueProjection(), 'items', 'a')).rejects.toThrow(/no read model/);
    });

    it("keeps each projection's last recorded status, for a process that only reads", async () => {
      const runner = await open();
      const reader = await open();
      const projection = uniqueProjection();
      const statusOf = async () =>
        (await reader.statuses()).filter((status) => status.name === projection);
      expect(await statusOf()).toEqual([]);
      const failure = {
        position: '7',
        eventId: 'e7',
        type: 'CostRecorded',
        error: 'not an exact decimal: "1e3"',
        at: '2026-01-01T00:00:01.000Z',
      };
      const failed = {
        name: projection,
        status: 'failed' as const,
        failure,
        updatedAt: failure.at,
      };
      await runner.recordStatus({ ...failed, status: 'running', failure: null });
      await runner.recordStatus(failed);
      expect(await statusOf()).toEqual([failed]);
      const running = {
        name: projection,
        status: 'running' as const,
        failure: null,
        updatedAt: '2026-01-01T00:00:02.000Z',
      };
      await runner.recordStatus(running);
      expect(await statusOf()).toEqual([running]);
    });
  });
}
