import { RecordedFact } from './recorded-fact';
import { factRowMembers, factRowsOf, RecordedFacts } from './recorded-facts';

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
    expect(json.ids).toEqual({ width: 6, packed: [...ids].sort().join('') });
    expect(json.occurredAt).toEqual({ width: T.length, packed: T.repeat(50) });
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

  it('keeps a set of fact ids as their rows, and answers membership from them', () => {
    const json = RecordedFacts.packed(RecordedFacts.from(sample()));
    const rows = factRowsOf(json, ['zz-output', 'aa-cost']);
    expect(rows).toBeDefined();
    const members = factRowMembers(json, JSON.parse(JSON.stringify(rows)));
    expect([...members.values()]).toEqual(['aa-cost', 'zz-output']);
    expect(members.has('zz-output')).toBe(true);
    expect(members.has('mm-outcome')).toBe(false);
    expect(members.has('unknown')).toBe(false);
    expect(factRowsOf(json, ['zz-output', 'not-a-fact'])).toBeUndefined();
  });
});
