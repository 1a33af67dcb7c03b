import { SqliteReadModelStore } from './sqlite-read-model-store';

describe('SQLite read-model writer cache', () => {
  const collections = [
    { name: 'hot' },
    { name: 'many' },
    { name: 'log', cache: false },
    { name: 'rows', indexes: ['group'], cache: false },
  ];

  async function open() {
    const store = SqliteReadModelStore.open({ file: ':memory:' });
    await store.prepare('p', 1, collections);
    await store.publishGeneration('p', 1);
    return { store, writer: await store.writer('p', 1) };
  }

  it('drops the least recently written documents past its limit and still reads every one', async () => {
    const { store, writer } = await open();
    writer.put('hot', 'h', { n: 0 });
    for (let batch = 0; batch < 5; batch++) {
      for (let i = 0; i < 6_000; i++) writer.put('many', `m${batch}-${i}`, { batch, i });
      const hot = writer.get<{ n: number }>('hot', 'h')!;
      writer.put('hot', 'h', { n: hot.n + 1 });
      await store.commit([{ writer }]);
    }
    // The hot document was written in every batch: it counted on, never lost an update.
    expect(writer.get('hot', 'h')).toEqual({ n: 5 });
    // Evicted ones come back from the database; unknown ones stay unknown.
    expect(writer.get('many', 'm0-17')).toEqual({ batch: 0, i: 17 });
    expect(writer.get('many', 'm4-5999')).toEqual({ batch: 4, i: 5999 });
    expect(writer.get('many', 'nothing')).toBeUndefined();
    expect((await store.list('p', 'many', { limit: 1 })).total).toBe(30_000);
    await store.close();
  });

  it('keeps no document of a write-only collection after a commit, yet reads it back', async () => {
    const { store, writer } = await open();
    writer.put('log', 'a', { v: 1 });
    expect(writer.get('log', 'a')).toEqual({ v: 1 });
    await store.commit([{ writer }]);
    expect(writer.get('log', 'a')).toEqual({ v: 1 });
    writer.delete('log', 'a');
    await store.commit([{ writer }]);
    expect(writer.get('log', 'a')).toBeUndefined();
    expect(await store.get('p', 'log', 'a')).toBeUndefined();
    await store.close();
  });

  it('stores the last write of a write-only row within a batch, with its indexed fields', async () => {
    const { store, writer } = await open();
    writer.put('rows', 'a', { group: 'x', v: 1 });
    writer.put('rows', 'a', { group: 'y', v: 2 });
    writer.put('rows', 'b', { group: 'y', v: 3 });
    writer.delete('rows', 'b');
    writer.put('rows', 'c', { group: 'y', v: 4 });
    expect(writer.get('rows', 'a')).toEqual({ group: 'y', v: 2 });
    expect(writer.get('rows', 'b')).toBeUndefined();
    await store.commit([{ writer }]);
    const ys = await store.list<{ v: number }>('p', 'rows', { where: { group: 'y' }, limit: 10 });
    expect(ys.items.map((r) => r.v)).toEqual([2, 4]);
    expect((await store.list('p', 'rows', { where: { group: 'x' }, limit: 10 })).total).toBe(0);
    await store.close();
  });

  it('writes a document put again after a commit, though it was the last one touched', async () => {
    const { store, writer } = await open();
    const doc = { n: 1 };
    writer.put('hot', 'h', doc);
    await store.commit([{ writer }]);
    // Projections change a document in place and put the same object back.
    doc.n = 2;
    expect(writer.get('hot', 'h')).toBe(doc);
    writer.put('hot', 'h', doc);
    await store.commit([{ writer }]);
    expect(await store.get('p', 'hot', 'h')).toEqual({ n: 2 });
    writer.delete('hot', 'h');
    expect(writer.get('hot', 'h')).toBeUndefined();
    // Dropped uncommitted: the stored document again, not the deletion remembered.
    writer.discard();
    expect(writer.get('hot', 'h')).toEqual({ n: 2 });
    await store.close();
  });
});
