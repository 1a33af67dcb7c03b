import { FactPositions } from './fact-positions';
import { PackedFacts } from './packed-facts';
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

  it('keeps a set of fact ids as their positions, and answers membership from them', () => {
    const facts = PackedFacts.unpack(RecordedFacts.packed(RecordedFacts.from(sample())));
    const json = FactPositions.of(facts, ['zz-output', 'aa-cost']);
    expect(json).toEqual({ positions: { width: 4, packed: '00000001' } });
    const members = FactPositions.unpack(facts, JSON.parse(JSON.stringify(json)));
    expect([...members.values()]).toEqual(['zz-output', 'aa-cost']);
    expect(members.has('zz-output')).toBe(true);
    expect(members.has('mm-outcome')).toBe(false);
    expect(members.has('unknown')).toBe(false);
    expect(FactPositions.of(facts, ['zz-output', 'not-a-fact'])).toBeUndefined();
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

  it('extends a set of fact positions with what was added and removed since', () => {
    const facts = PackedFacts.unpack(RecordedFacts.packed(RecordedFacts.from(sample())));
    const members = FactPositions.unpack(facts, FactPositions.of(facts, ['aa-cost'])!);
    const more = PackedFacts.unpack(
      RecordedFacts.packed(
        RecordedFacts.fromPacked(facts).set('new', {
          factType: 'OutputDelivered',
          occurredAt: T,
          retracted: false,
        }),
      ),
    );
    const appended = members.appended(more, [['new', true]]);
    expect([...FactPositions.unpack(more, appended!).values()]).toEqual(['aa-cost', 'new']);
    const rewritten = members.appended(more, [
      ['zz-output', true],
      ['aa-cost', false],
    ]);
    expect([...FactPositions.unpack(more, rewritten!).values()]).toEqual(['zz-output']);
    expect(members.appended(more, [['not-a-fact', true]])).toBeUndefined();
  });
});
