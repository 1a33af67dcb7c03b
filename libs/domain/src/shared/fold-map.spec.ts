import fc from 'fast-check';
import { FoldMap } from './fold-map';
import { FoldSet } from './fold-set';

/** A write to a map, as the model (a JS Map copied per write) and FoldMap both take it. */
type Write = { kind: 'set' | 'with'; key: number; value: number } | { kind: 'delete'; key: number };

const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.nat(8), value: fc.nat(99) }),
  // Few values, so `with` often finds the key holding it already.
  fc.record({ kind: fc.constant('with' as const), key: fc.nat(8), value: fc.nat(2) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.nat(8) }),
);

const apply = (map: FoldMap<number, number>, w: Write) => {
  if (w.kind === 'delete') return map.delete(w.key);
  if (w.kind === 'set') return map.set(w.key, w.value);
  const next = map.with(w.key, w.value);
  // Unchanged exactly when the key already held that value.
  expect(next === map).toBe(map.has(w.key) && map.get(w.key) === w.value);
  return next;
};
const applyModel = (model: Map<number, number>, w: Write) => {
  const copy = new Map(model);
  if (w.kind === 'delete') copy.delete(w.key);
  else copy.set(w.key, w.value);
  return copy;
};

function expectSame(map: FoldMap<number, number>, model: Map<number, number>): void {
  expect(map.size).toBe(model.size);
  for (let key = 0; key <= 8; key += 1) {
    expect(map.get(key)).toBe(model.get(key));
    expect(map.has(key)).toBe(model.has(key));
  }
  // In the model's order too: a key deleted and set again comes last, as in a Map.
  expect([...map.entries()]).toEqual([...model.entries()]);
}

describe('FoldMap', () => {
  it('behaves as a Map copied on every write, for every version, across forks', () => {
    fc.assert(
      fc.property(
        fc.array(write, { maxLength: 60 }),
        fc.array(write, { maxLength: 30 }),
        fc.nat(),
        (writes, forkWrites, at) => {
          const versions = [FoldMap.empty<number, number>()];
          const models = [new Map<number, number>()];
          for (const w of writes) {
            versions.push(apply(versions[versions.length - 1], w));
            models.push(applyModel(models[models.length - 1], w));
          }
          const from = at % versions.length;
          let forked = versions[from];
          let forkedModel = models[from];
          for (const w of forkWrites) {
            forked = apply(forked, w);
            forkedModel = applyModel(forkedModel, w);
            expectSame(forked, forkedModel);
          }
          versions.forEach((version, i) => expectSame(version, models[i]));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('serializes as its entries in first-write order', () => {
    const map = FoldMap.from([
      ['b', 1],
      ['a', 2],
      ['b', 3],
    ] as const);
    expect(JSON.parse(JSON.stringify(map))).toEqual([
      ['b', 3],
      ['a', 2],
    ]);
  });
});

describe('FoldSet', () => {
  it('adds and deletes without changing the version it was given', () => {
    const one = FoldSet.from(['x']);
    const two = one.add('y');
    const back = two.delete('x');
    expect([...one.values()]).toEqual(['x']);
    expect([...two.values()]).toEqual(['x', 'y']);
    expect([...back.values()]).toEqual(['y']);
    expect([one.size, two.size, back.size]).toEqual([1, 2, 1]);
    expect(one.add('x')).toBe(one);
    expect(JSON.stringify(two)).toBe('["x","y"]');
  });
});

describe('FoldSet, as a Set copied on every change', () => {
  it('answers like the model for every version, across forks', () => {
    const change = fc.record({ add: fc.boolean(), value: fc.nat(6) });
    type Change = { add: boolean; value: number };
    const applySet = (set: FoldSet<number>, c: Change) =>
      c.add ? set.add(c.value) : set.delete(c.value);
    const applyModel = (model: Set<number>, c: Change) => {
      const copy = new Set(model);
      if (c.add) copy.add(c.value);
      else copy.delete(c.value);
      return copy;
    };
    const expectSameSet = (set: FoldSet<number>, model: Set<number>) => {
      expect(set.size).toBe(model.size);
      for (let value = 0; value <= 6; value += 1) expect(set.has(value)).toBe(model.has(value));
      expect(new Set(set.values())).toEqual(model);
    };
    fc.assert(
      fc.property(
        fc.array(change, { maxLength: 60 }),
        fc.array(change, { maxLength: 30 }),
        fc.nat(),
        (changes, forkChanges, at) => {
          const versions = [FoldSet.empty<number>()];
          const models = [new Set<number>()];
          for (const c of changes) {
            versions.push(applySet(versions[versions.length - 1], c));
            models.push(applyModel(models[models.length - 1], c));
          }
          let forked = versions[at % versions.length];
          let forkedModel = models[at % versions.length];
          for (const c of forkChanges) {
            forked = applySet(forked, c);
            forkedModel = applyModel(forkedModel, c);
            expectSameSet(forked, forkedModel);
          }
          versions.forEach((version, i) => expectSameSet(version, models[i]));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('FoldSet restored from its packed form', () => {
  it('packs ids of one width into one string and others into a sorted list', () => {
    expect(FoldSet.packed(FoldSet.from(['bb', 'aa', 'cc']))).toEqual({
      width: 2,
      packed: 'aabbcc',
    });
    expect(FoldSet.packed(FoldSet.from(['b', 'aa']))).toEqual({ sorted: ['aa', 'b'] });
  });

  it('answers like the set it was packed from, and changes like any FoldSet', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 })),
        fc.array(fc.tuple(fc.boolean(), fc.string({ minLength: 1, maxLength: 3 }))),
        (members, changes) => {
          let set = FoldSet.fromPacked(
            JSON.parse(JSON.stringify(FoldSet.packed(FoldSet.from(members)))),
          );
          const model = new Set(members);
          const before = set;
          for (const [add, value] of changes) {
            set = add ? set.add(value) : set.delete(value);
            if (add) model.add(value);
            else model.delete(value);
          }
          expect(set.size).toBe(model.size);
          expect(new Set(set.values())).toEqual(model);
          for (const value of [...members, ...changes.map(([, v]) => v)]) {
            expect(set.has(value)).toBe(model.has(value));
            expect(before.has(value)).toBe(members.includes(value));
          }
        },
      ),
    );
  });

  it('refuses JSON it did not write', () => {
    expect(() => FoldSet.fromPacked({ width: 3, packed: 'abcd' })).toThrow(TypeError);
    expect(() => FoldSet.fromPacked({ sorted: 'ab' } as never)).toThrow(TypeError);
  });
});
