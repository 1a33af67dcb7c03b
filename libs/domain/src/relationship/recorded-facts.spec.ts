import { RecordedFact } from './recorded-fact';
import { RecordedFacts } from './recorded-facts';

const T = '2026-01-01T00:00:00.000Z';

function sample(): [string, RecordedFact][] {
  return [
    ['zz-output', { factType: 'OutputDelivered', occurredAt: T, retracted: false }],
    ['aa-cost', { factType: 'CostRecorded', occurredAt: '', retracted: true }],
    [
      'mm-outcome',
      { factType: 'OutcomeRealized', occurredAt: T, retracted: false, enabledBy: ['zz-output'] },
    ],
    [
      'bb-measure',
      {
        factType: 'ServiceLevelMeasured',
        occurredAt: T,
        retracted: false,
        offeringId: 'o',
        metric: 'availability',
        period: { start: T, end: '2026-02-01T00:00:00.000Z' },
      },
    ],
  ];
}

function throughJson(facts: RecordedFacts): RecordedFacts {
  return RecordedFacts.fromPacked(JSON.parse(JSON.stringify(RecordedFacts.packed(facts))));
}

describe('RecordedFacts', () => {
  it('keeps every fact, in the order recorded, through the packed form', () => {
    const restored = throughJson(RecordedFacts.from(sample()));
    expect([...restored.entries()]).toEqual(sample());
    expect(restored.size).toBe(4);
    for (const [factId, fact] of sample()) expect(restored.get(factId)).toEqual(fact);
    expect(restored.get('nope')).toBeUndefined();
  });

  it('packs ids of one width into one string per column', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `id-${String(49 - i).padStart(3, '0')}`);
    const facts = RecordedFacts.from(
      ids.map((id) => [id, { factType: 'OutputDelivered', occurredAt: T, retracted: false }]),
    );
    const json = RecordedFacts.packed(facts);
    expect(json.ids).toEqual({ width: 6, packed: ids.join('') });
    expect(json.occurredAt).toEqual({ width: T.length, packed: T.repeat(50) });
    // Recorded in reverse id order: the index by id lists the positions backwards.
    const backwards = ids.map((_, i) => (49 - i).toString(36).padStart(4, '0'));
    expect(json.byId).toEqual({ width: 4, packed: backwards.join('') });
    expect([...throughJson(facts).entries()].map(([id]) => id)).toEqual(ids);
  });

  it('records and retracts on top of restored facts, leaving the restored state as it was', () => {
    const restored = throughJson(RecordedFacts.from(sample()));
    const next = restored
      .set('zz-output', { factType: 'OutputDelivered', occurredAt: T, retracted: true })
      .set('new', { factType: 'RiskRecorded', occurredAt: T, retracted: false });
    expect(next.size).toBe(5);
    expect(next.get('zz-output')?.retracted).toBe(true);
    expect(restored.get('zz-output')?.retracted).toBe(false);
    expect([...next.entries()].map(([id]) => id)).toEqual([
      'zz-output',
      'aa-cost',
      'mm-outcome',
      'bb-measure',
      'new',
    ]);
    expect([...throughJson(next).entries()]).toEqual([...next.entries()]);
  });

  it('hands out copies: changing a fact read from it changes nothing stored', () => {
    const restored = throughJson(RecordedFacts.from(sample()));
    restored.get('mm-outcome')?.enabledBy?.push('other');
    expect(restored.get('mm-outcome')?.enabledBy).toEqual(['zz-output']);
  });

  it('refuses JSON it did not write', () => {
    expect(() => RecordedFacts.fromPacked({} as never)).toThrow(TypeError);
    const json = RecordedFacts.packed(RecordedFacts.from(sample()));
    expect(() => RecordedFacts.fromPacked({ ...json, types: 'x' })).toThrow(TypeError);
  });

  it('extends a restored packing with what changed since: the same JSON as packing it all', () => {
    let facts = throughJson(RecordedFacts.from(sample()));
    for (let round = 0; round < 3; round += 1) {
      facts = facts
        .set(`new-${round}-b`, { factType: 'RiskRecorded', occurredAt: T, retracted: false })
        .set(`aa-${round}`, { factType: 'CostRecorded', occurredAt: '', retracted: round === 1 })
        .set(`zz-${round}`, {
          factType: 'OutcomeRealized',
          occurredAt: T,
          retracted: false,
          enabledBy: ['zz-output'],
        });
      if (round === 1) {
        facts = facts
          .set('zz-output', { factType: 'OutputDelivered', occurredAt: T, retracted: true })
          .set('aa-cost', { factType: 'CostRecorded', occurredAt: '', retracted: false })
          .set('mm-outcome', {
            factType: 'OutcomeRealized',
            occurredAt: T,
            retracted: true,
            enabledBy: ['zz-output'],
          })
          .set('bb-measure', { factType: 'ServiceLevelMeasured', occurredAt: T, retracted: false });
      }
      const extended = RecordedFacts.packed(facts);
      expect(extended).toEqual(RecordedFacts.packed(RecordedFacts.from([...facts.entries()])));
      facts = RecordedFacts.fromPacked(JSON.parse(JSON.stringify(extended)));
    }
    expect(facts.size).toBe(13);
    expect(facts.get('mm-outcome')).toMatchObject({ retracted: true, enabledBy: ['zz-output'] });
    expect(facts.get('aa-1')?.retracted).toBe(true);
    expect(facts.get('bb-measure')).toEqual({
      factType: 'ServiceLevelMeasured',
      occurredAt: T,
      retracted: false,
    });
    expect(facts.get('new-2-b')?.factType).toBe('RiskRecorded');
  });
});

describe('RecordedFacts recorded by a fold (the fact log)', () => {
  const output = (at = T): RecordedFact => ({
    factType: 'OutputDelivered',
    occurredAt: at,
    retracted: false,
  });

  it('records by column, and keeps every version as it was while later ones are extended or forked', () => {
    const v1 = RecordedFacts.empty().record('a', 'OutputDelivered', T);
    const v2 = v1.record('b', 'OutcomeRealized', T, { enabledBy: ['a'] });
    const v3 = v2.set('a', { ...output(), retracted: true });
    // A fork off v1 (deciding again on a state an append has moved past): its own lineage.
    const fork = v1.record('c', 'CostRecorded', T).record('b', 'RiskRecorded', '');
    const main = v3.record('d', 'OutputDelivered', T);

    expect([...v1.entries()]).toEqual([['a', output()]]);
    expect(v1.get('b')).toBeUndefined();
    expect(v2.get('a')).toEqual(output());
    expect(v3.get('a')?.retracted).toBe(true);
    expect([...fork.entries()].map(([id, fact]) => [id, fact.factType])).toEqual([
      ['a', 'OutputDelivered'],
      ['c', 'CostRecorded'],
      ['b', 'RiskRecorded'],
    ]);
    expect([...main.entries()].map(([id, fact]) => [id, fact.factType, fact.retracted])).toEqual([
      ['a', 'OutputDelivered', true],
      ['b', 'OutcomeRealized', false],
      ['d', 'OutputDelivered', false],
    ]);
    expect([v1.size, v2.size, v3.size, fork.size, main.size]).toEqual([1, 2, 2, 3, 3]);
    expect(main.get('c')).toBeUndefined();
    expect(fork.get('d')).toBeUndefined();
  });

  it('a fact recorded again under a known id is a new version of it, in its first place', () => {
    const facts = RecordedFacts.empty()
      .record('x', 'ServiceConsumed', T)
      .record('y', 'OutputDelivered', T)
      .record('x', 'CostRecorded', '2026-02-01T00:00:00.000Z');
    expect(facts.size).toBe(2);
    expect([...facts.entries()]).toEqual([
      ['x', { factType: 'CostRecorded', occurredAt: '2026-02-01T00:00:00.000Z', retracted: false }],
      ['y', output()],
    ]);
    expect([...throughJson(facts).entries()]).toEqual([...facts.entries()]);
  });

  it('hands out copies of what a logged fact holds beyond its type and time', () => {
    const facts = RecordedFacts.empty().record('o', 'OutcomeRealized', T, { enabledBy: ['a'] });
    facts.get('o')?.enabledBy?.push('b');
    expect(facts.get('o')?.enabledBy).toEqual(['a']);
  });

  it('extends a restored packing with facts logged and rewritten since, as packing it all would', () => {
    const restored = throughJson(RecordedFacts.from(sample()));
    const next = restored
      .record('new-1', 'OutputDelivered', T)
      .set('new-1', { ...output(), retracted: true })
      .set('aa-cost', { factType: 'CostRecorded', occurredAt: '', retracted: false })
      .record('new-2', 'ServiceLevelMeasured', T, {
        offeringId: 'o',
        metric: 'm',
        period: { start: T, end: T },
      });
    expect(next.restored).toBe(true);
    expect(RecordedFacts.packed(next)).toEqual(
      RecordedFacts.packed(RecordedFacts.from([...next.entries()])),
    );
    expect([...throughJson(next).entries()]).toEqual([...next.entries()]);
  });
});
