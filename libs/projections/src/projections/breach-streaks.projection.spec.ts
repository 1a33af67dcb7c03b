import { LedgerEvent } from '@app/domain';
import { measuredPeriodsOf } from '../queries/measured-periods-of';
import { improvementIdForBreachStreak } from './breach-streak-improvement-id';
import { BreachStreaksProjection, BreachStreakTrigger } from './breach-streaks.projection';
import { ProjectionHarness } from './projection-harness';

const RELATIONSHIP = '44444444-4444-4444-8444-444444444444';
const OTHER_RELATIONSHIP = '66666666-6666-4666-8666-666666666666';
const OFFERING = '33333333-3333-4333-8333-333333333333';

/** A measurement of month `month` of 2026 (1–12), breached when under 99.5 (at-least). */
function measured(
  id: string,
  month: number,
  actual: number,
  options: { metric?: string; relationshipId?: string; offeringId?: string } = {},
): LedgerEvent {
  const metric = options.metric ?? 'availability';
  const atMost = metric === 'resolution-hours';
  const target = atMost ? 6 : 99.5;
  return {
    type: 'ServiceLevelMeasured',
    data: {
      relationshipId: options.relationshipId ?? RELATIONSHIP,
      measurementId: id,
      offeringId: options.offeringId ?? OFFERING,
      metric,
      actual,
      period: {
        start: new Date(Date.UTC(2026, month - 1, 1)).toISOString(),
        end: new Date(Date.UTC(2026, month, 1)).toISOString(),
      },
      target,
      comparison: atMost ? 'at-most' : 'at-least',
      unit: atMost ? 'hours' : 'percent',
      breached: atMost ? actual > target : actual < target,
    },
  };
}

function retracted(factId: string): LedgerEvent {
  return {
    type: 'FactRetracted',
    data: {
      relationshipId: RELATIONSHIP,
      factId,
      factType: 'ServiceLevelMeasured',
      reason: 'wrong',
      occurredAt: '2026-09-01T00:00:00.000Z',
    },
  };
}

/** Given these events, when they are projected, then these triggers. */
async function triggersAfter(events: LedgerEvent[], streak = 3) {
  const h = new ProjectionHarness(new BreachStreaksProjection(streak));
  const recorded = events.map((e) => h.recorded(e));
  await h.feed(...recorded);
  await h.feed(...recorded); // delivered twice: nothing changes
  const { items } = await h.store.list<BreachStreakTrigger>(
    BreachStreaksProjection.NAME,
    'triggers',
    {
      limit: 100,
    },
  );
  await h.close();
  return { items, recorded };
}

describe('breach streaks projection (period order, every warranty metric, net of retractions)', () => {
  it('three consecutive breached periods posted out of order: one trigger, in period order', async () => {
    const { items, recorded } = await triggersAfter([
      measured('m1', 1, 99.9),
      measured('m4', 4, 98),
      measured('m2', 2, 97),
      measured('m3', 3, 99), // completes Feb–Apr
    ]);
    expect(items).toEqual([
      {
        improvementId: improvementIdForBreachStreak(RELATIONSHIP, OFFERING, 'availability', 'm2'),
        eventId: recorded[3].eventId,
        position: recorded[3].position,
        relationshipId: RELATIONSHIP,
        offeringId: OFFERING,
        metric: 'availability',
        measurementIds: ['m2', 'm3', 'm4'],
        baseline: 98,
        target: 99.5,
        comparison: 'at-least',
        unit: 'percent',
        lastPeriodEnd: '2026-05-01T00:00:00.000Z',
        correlationId: null,
        status: 'pending',
      },
    ]);
  });

  it('three breaches in a row in the log but not in period order: no trigger', async () => {
    const { items } = await triggersAfter([
      measured('m1', 1, 98),
      measured('m2', 2, 99.9),
      measured('m3', 3, 97),
      measured('m4', 4, 99.9),
      measured('m5', 5, 96),
    ]);
    expect(items).toEqual([]);
  });

  it('a fourth breached period continues the streak: no second trigger', async () => {
    const { items } = await triggersAfter([1, 2, 3, 4, 5].map((m) => measured(`m${m}`, m, 98)));
    expect(items).toHaveLength(1);
    expect(items[0].measurementIds).toEqual(['m1', 'm2', 'm3']);
  });

  it('a retracted breach leaves the streak', async () => {
    const { items } = await triggersAfter([
      measured('m1', 1, 98),
      measured('m2', 2, 98),
      retracted('m2'),
      measured('m3', 3, 98),
    ]);
    // January and March remain, consecutive in period order but only two.
    expect(items).toEqual([]);
  });

  it('retracting the met period between two runs joins them into a streak', async () => {
    const { items, recorded } = await triggersAfter([
      measured('m1', 1, 98),
      measured('m2', 2, 99.9),
      measured('m3', 3, 98),
      measured('m4', 4, 98),
      retracted('m2'),
    ]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      measurementIds: ['m1', 'm3', 'm4'],
      eventId: recorded[4].eventId,
    });
  });

  it('follows every warranty metric: an at-most level, its comparison and unit', async () => {
    const { items } = await triggersAfter([
      measured('r1', 1, 7, { metric: 'resolution-hours' }),
      measured('r2', 2, 9, { metric: 'resolution-hours' }),
      measured('a3', 3, 98), // another metric does not count
      measured('r3', 3, 8, { metric: 'resolution-hours' }),
    ]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      metric: 'resolution-hours',
      comparison: 'at-most',
      unit: 'hours',
      target: 6,
      baseline: 8,
    });
  });

  it('counts each relationship on its own', async () => {
    const { items } = await triggersAfter([
      measured('m1', 1, 98),
      measured('m2', 2, 98),
      measured('x3', 3, 98, { relationshipId: OTHER_RELATIONSHIP }),
    ]);
    expect(items).toEqual([]);
  });

  it('takes the configured length (LEDGER_BREACH_STREAK)', async () => {
    const { items } = await triggersAfter([measured('m1', 1, 98), measured('m2', 2, 98)], 2);
    expect(items).toHaveLength(1);
  });

  it('marks the trigger proposed once the improvement is in the log', async () => {
    const h = new ProjectionHarness(new BreachStreaksProjection());
    await h.feed(...[1, 2, 3].map((m) => h.recorded(measured(`m${m}`, m, 98))));
    const id = improvementIdForBreachStreak(RELATIONSHIP, OFFERING, 'availability', 'm1');
    await h.feed(
      h.recorded({
        type: 'ImprovementProposed',
        data: { improvementId: id } as Extract<
          LedgerEvent,
          { type: 'ImprovementProposed' }
        >['data'],
      }),
    );
    expect((await h.get<BreachStreakTrigger>('triggers', id))?.status).toBe('proposed');
    await h.close();
  });

  it('keeps the measured periods improvements read: per relationship or offering, unretracted, in period order', async () => {
    const h = new ProjectionHarness(new BreachStreaksProjection());
    const other = '55555555-5555-4555-8555-555555555555';
    await h.feed(
      ...[
        measured('m3', 3, 98),
        measured('m1', 1, 99.9),
        measured('h1', 1, 7, { metric: 'resolution-hours' }),
        measured('o2', 2, 99, { offeringId: other }),
        measured('x2', 2, 97, { relationshipId: OTHER_RELATIONSHIP }),
        measured('m2', 2, 99.1),
        retracted('m3'),
      ].map((e) => h.recorded(e)),
    );
    const ids = async (subject: { relationshipId: string } | { offeringId: string }) =>
      (await measuredPeriodsOf(h.store, subject, 'availability')).map((p) => p.measurementId);
    expect(await ids({ relationshipId: RELATIONSHIP })).toEqual(['m1', 'm2', 'o2']);
    expect(await ids({ offeringId: OFFERING })).toEqual(['m1', 'm2', 'x2']);
    expect(await ids({ offeringId: other })).toEqual(['o2']);
    const [first] = await measuredPeriodsOf(h.store, { offeringId: OFFERING }, 'availability');
    expect(first).toEqual({
      relationshipId: RELATIONSHIP,
      measurementId: 'm1',
      offeringId: OFFERING,
      metric: 'availability',
      period: { start: '2026-01-01T00:00:00.000Z', end: '2026-02-01T00:00:00.000Z' },
      actual: 99.9,
      target: 99.5,
      comparison: 'at-least',
      unit: 'percent',
      breached: false,
    });
    await h.close();
  });
});
