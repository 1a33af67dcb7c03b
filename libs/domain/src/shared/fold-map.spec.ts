import fc from 'fast-check';
import { FoldMap } from './fold-map';
import { FoldSet } from './fold-set';

/** A write to a map, as the model (a JS Map copied per write) and FoldMap both take it. */
type Write = { kind: 'set'; key: number; value: number } | { kind: 'delete'; key: number };

const write: fc.Arbitrary<Write> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.nat(8), value: fc.nat(99) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.nat(8) }),
);

const apply = (map: FoldMap<number, number>, w: Write) =>
  w.kind === 'set' ? map.set(w.key, w.value) : map.delete(w.key);
const applyModel = (model: Map<number, number>, w: Write) => {
  const copy = new Map(model);
  if (w.kind === 'set') copy.set(w.key, w.value);
  else copy.delete(w.key);
  return copy;
};

function expectSame(map: FoldMap<number, number>, model: Map<number, number>): void {
  expect(map.size).toBe(model.size);
  for (let key = 0; key <= 8; key += 1) {
    expect(map.get(key)).toBe(model.get(key));
    expect(map.has(key)).toBe(model.has(key));
  }
  expect(new Map(map.entries())).toEqual(model);
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
