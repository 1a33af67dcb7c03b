import { ImprovementProposed, LedgerEvent } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { ProjectionHarness } from './projection-harness';
import {
  ImprovementRegisterProjection,
  RegisteredImprovement,
} from './improvement-register.projection';
import {
  ImprovementAnalyticsProjection,
  ImprovementFacts,
} from './improvement-analytics.projection';
import { improvementAnalytics } from '../queries/improvement-analytics.queries';
import { ReadModelReader } from '../read-model/read-model-store';
import { BreachStreaksProjection } from './breach-streaks.projection';
import {
  GetImprovement,
  GetImprovementHandler,
  ImprovementFilter,
  ListImprovements,
  ListImprovementsHandler,
} from '../queries/improvement.queries';

const OFFERING = '33333333-3333-4333-8333-333333333333';
const OTHER_OFFERING = '33333333-3333-4333-8333-999999999999';
const RELATIONSHIP = '44444444-4444-4444-8444-444444444444';
const A = '55555555-5555-4555-8555-00000000000a';
const B = '55555555-5555-4555-8555-00000000000b';
const C = '55555555-5555-4555-8555-00000000000c';

const proposal = (
  improvementId: string,
  changes: Partial<ImprovementProposed['data']> = {},
): LedgerEvent => ({
  type: 'ImprovementProposed',
  data: {
    improvementId,
    subject: { offeringId: OFFERING },
    title: 'Raise availability',
    dimension: 'information-and-technology',
    valueChainActivity: 'improve',
    metric: 'availability',
    direction: 'increase',
    baseline: 98,
    baselineSource: 'measured',
    target: 99.9,
    targetDate: '2026-06-30T00:00:00.000Z',
    owner: 'Dana Reyes',
    objective: 'Mail that is always there',
    followsUp: null,
    cause: null,
    proposedBy: 'ana:analyst',
    proposedAt: '2026-03-01T00:00:00.000Z',
    ...changes,
  },
});

const day = (n: number) => new Date(Date.UTC(2026, 2, n)).toISOString();

/** A's whole lifecycle, each step by its own actor, a day apart from March 1st. */
function lifecycleOfA(h: ProjectionHarness): RecordedEvent[] {
  return [
    h.recorded(proposal(A), { recordedAt: day(1), actor: 'ana:analyst' }),
    h.recorded(
      { type: 'ImprovementApproved', data: { improvementId: A } },
      { recordedAt: day(3), actor: 'bo:analyst' },
    ),
    h.recorded(
      { type: 'ImprovementImplemented', data: { improvementId: A, implementedAt: day(2) } },
      { recordedAt: day(7), actor: 'ops:service' },
    ),
    h.recorded(
      {
        type: 'ImprovementEvaluated',
        data: {
          improvementId: A,
          actual: 99.52,
          actualSource: 'measured',
          closure: 'successful',
          notes: 'failover automated',
          targetMet: false,
        },
      },
      { recordedAt: day(11), actor: 'cy:analyst' },
    ),
  ];
}

describe('improvement register projection', () => {
  it('keeps every field of the register line, each step with its actor and time', async () => {
    const h = new ProjectionHarness(new ImprovementRegisterProjection());
    const events = lifecycleOfA(h);
    await h.feed(events[0], events[1]);
    expect(await h.get<RegisteredImprovement>('improvements', A)).toMatchObject({
      status: 'approved',
      proposedBy: 'ana:analyst',
      approvedBy: 'bo:analyst',
      subjectId: OFFERING,
    });
    await h.feed(...events); // the first two delivered twice
    expect(await h.get<RegisteredImprovement>('improvements', A)).toEqual({
      id: A,
      subject: { offeringId: OFFERING },
      subjectId: OFFERING,
      title: 'Raise availability',
      dimension: 'information-and-technology',
      valueChainActivity: 'improve',
      metric: 'availability',
      direction: 'increase',
      baseline: 98,
      baselineSource: 'measured',
      target: 99.9,
      targetDate: '2026-06-30T00:00:00.000Z',
      owner: 'Dana Reyes',
      objective: 'Mail that is always there',
      followsUp: null,
      cause: null,
      status: 'evaluated',
      actual: 99.52,
      actualSource: 'measured',
      targetMet: false,
      benefitRealizedPercent: ((99.52 - 98) / (99.9 - 98)) * 100,
      closure: 'successful',
      notes: 'failover automated',
      proposedBy: 'ana:analyst',
      causationId: null,
      approvedBy: 'bo:analyst',
      rejectedBy: null,
      evaluatedBy: 'cy:analyst',
      reason: null,
      stageTimes: {
        proposedAt: '2026-03-01T00:00:00.000Z',
        approvedAt: day(3),
        rejectedAt: null,
        withdrawnAt: null,
        heldAt: null,
        resumedAt: null,
        implementedAt: day(2),
        evaluatedAt: day(11),
      },
    });
    await h.close();
  });

  it('follows hold, resume and withdraw, keeping the reason', async () => {
    const h = new ProjectionHarness(new ImprovementRegisterProjection());
    await h.feed(
      h.recorded(proposal(B)),
      h.recorded({ type: 'ImprovementApproved', data: { improvementId: B } }),
      h.recorded(
        { type: 'ImprovementPutOnHold', data: { improvementId: B, reason: 'budget freeze' } },
        { recordedAt: day(5) },
      ),
    );
    expect(await h.get<RegisteredImprovement>('improvements', B)).toMatchObject({
      status: 'on-hold',
      reason: 'budget freeze',
      stageTimes: { heldAt: day(5) },
    });
    await h.feed(
      h.recorded(
        { type: 'ImprovementResumed', data: { improvementId: B, resumedTo: 'approved' } },
        { recordedAt: day(6) },
      ),
    );
    expect(await h.get<RegisteredImprovement>('improvements', B)).toMatchObject({
      status: 'approved',
      reason: null,
      stageTimes: { resumedAt: day(6) },
    });
    await h.feed(
      h.recorded(
        { type: 'ImprovementWithdrawn', data: { improvementId: B, reason: 'superseded' } },
        { recordedAt: day(8) },
      ),
    );
    expect(await h.get<RegisteredImprovement>('improvements', B)).toMatchObject({
      status: 'withdrawn',
      reason: 'superseded',
      stageTimes: { withdrawnAt: day(8) },
    });
    await h.close();
  });

  it('reads v1 events: stated values, proposer from the metadata, targetMet derived', async () => {
    const h = new ProjectionHarness(new ImprovementRegisterProjection());
    const v1 = (event: RecordedEvent): RecordedEvent => ({
      ...event,
      metadata: { ...event.metadata, schemaVersion: 1 },
    });
    const proposed = h.recorded(proposal(C), { recordedAt: day(1), actor: 'crm:service' });
    const implemented = h.recorded(
      { type: 'ImprovementImplemented', data: { improvementId: C, implementedAt: 'x' } },
      { recordedAt: day(4) },
    );
    const evaluated = h.recorded({
      type: 'ImprovementEvaluated',
      data: {
        improvementId: C,
        actual: 14,
        actualSource: 'measured',
        closure: null,
        notes: null,
        targetMet: null,
      },
    });
    await h.feed(
      v1({
        ...proposed,
        data: {
          improvementId: C,
          subject: { relationshipId: RELATIONSHIP },
          title: 'Faster restores',
          dimension: 'information-and-technology',
          valueChainActivity: 'improve',
          metric: 'restore-minutes',
          baseline: 90,
          target: 30,
        },
      }),
      v1({ ...implemented, data: { improvementId: C } }),
      v1({ ...evaluated, data: { improvementId: C, actual: 25 } }),
    );
    expect(await h.get<RegisteredImprovement>('improvements', C)).toMatchObject({
      direction: 'decrease',
      baselineSource: 'stated',
      targetDate: null,
      owner: null,
      proposedBy: 'crm:service',
      actualSource: 'stated',
      closure: null,
      targetMet: true,
      stageTimes: { proposedAt: day(1), implementedAt: day(4) },
    });
    await h.close();
  });
});

describe('improvement register queries', () => {
  async function register(): Promise<ProjectionHarness> {
    const h = new ProjectionHarness(new ImprovementRegisterProjection());
    await h.feed(
      ...lifecycleOfA(h),
      // B: about a relationship that provisions OFFERING only after the proposal; overdue.
      h.recorded(
        proposal(B, {
          subject: { relationshipId: RELATIONSHIP },
          owner: 'Lee Park',
          targetDate: '2026-04-01',
        }),
      ),
      h.recorded({
        type: 'ServiceProvisioned',
        data: {
          relationshipId: RELATIONSHIP,
          offeringId: OFFERING,
          occurredAt: '2026-01-01T00:00:00.000Z',
        },
      }),
      h.recorded({
        type: 'ServiceProvisioned',
        data: {
          relationshipId: RELATIONSHIP,
          offeringId: OFFERING,
          occurredAt: '2026-01-01T00:00:00.000Z',
        },
      }),
      // C: another offering, target date far away.
      h.recorded(
        proposal(C, { subject: { offeringId: OTHER_OFFERING }, targetDate: '2027-01-01' }),
      ),
    );
    return h;
  }

  const list = async (
    h: ProjectionHarness,
    filter: ImprovementFilter,
    at = '2026-05-01T00:00:00Z',
  ) =>
    new ListImprovementsHandler(h.store).execute(
      new ListImprovements(filter, { limit: 10 }, new Date(at)),
    );
  const ids = async (h: ProjectionHarness, filter: ImprovementFilter, at?: string) =>
    (await list(h, filter, at)).items.map((i) => i.id);

  it('filters by the indexed fields', async () => {
    const h = await register();
    expect(await ids(h, {})).toEqual([A, B, C]);
    expect(await ids(h, { status: 'evaluated' })).toEqual([A]);
    expect(await ids(h, { owner: 'Lee Park' })).toEqual([B]);
    expect(await ids(h, { subjectId: RELATIONSHIP })).toEqual([B]);
    expect(await ids(h, { dimension: 'partners-and-suppliers' })).toEqual([]);
    await h.close();
  });

  it('by offering: about it, or about a relationship that provisions it', async () => {
    const h = await register();
    expect(await ids(h, { offeringId: OFFERING })).toEqual([A, B]);
    expect(await ids(h, { offeringId: OTHER_OFFERING })).toEqual([C]);
    expect(await ids(h, { offeringId: OFFERING, status: 'proposed' })).toEqual([B]);
    await h.close();
  });

  it('overdue as of the query: open and past its target date', async () => {
    const h = await register();
    expect(await ids(h, { overdue: true }, '2026-03-31T23:59:59Z')).toEqual([]);
    expect(await ids(h, { overdue: true }, '2026-04-01T00:00:01Z')).toEqual([B]);
    // A is past its date too, but evaluated: closed, never overdue.
    expect(await ids(h, { overdue: true }, '2027-06-01T00:00:00Z')).toEqual([B, C]);
    const page = await list(h, {}, '2026-05-01T00:00:00Z');
    expect(page.items.map((i) => i.overdue)).toEqual([false, true, false]);
    await h.close();
  });

  it('pages the in-memory filters like the others (cursor)', async () => {
    const h = await register();
    const at = new Date('2028-01-01T00:00:00Z');
    const first = await new ListImprovementsHandler(h.store).execute(
      new ListImprovements({ overdue: true }, { limit: 1 }, at),
    );
    expect(first).toMatchObject({ total: 2, limit: 1 });
    expect(first.items.map((i) => i.id)).toEqual([B]);
    const second = await new ListImprovementsHandler(h.store).execute(
      new ListImprovements({ overdue: true }, { limit: 1, cursor: first.nextCursor! }, at),
    );
    expect(second.items.map((i) => i.id)).toEqual([C]);
    expect(second.nextCursor).toBeNull();
    await h.close();
  });

  /** The register and the measured periods, each in its harness, read as one store. */
  function withMeasurements(h: ProjectionHarness, m: ProjectionHarness): ReadModelReader {
    const of = (projection: string) =>
      projection === BreachStreaksProjection.NAME ? m.store : h.store;
    return {
      get: (projection, collection, key) => of(projection).get(projection, collection, key),
      list: (projection, collection, query) => of(projection).list(projection, collection, query),
    };
  }

  const measuredMonth = (
    m: ProjectionHarness,
    id: string,
    month: number,
    actual: number,
    metric = 'availability',
  ) =>
    m.recorded({
      type: 'ServiceLevelMeasured',
      data: {
        relationshipId: RELATIONSHIP,
        measurementId: id,
        offeringId: OFFERING,
        metric,
        target: 99.9,
        actual,
        comparison: 'at-least',
        unit: 'percent',
        breached: actual < 99.9,
        period: {
          start: new Date(Date.UTC(2026, month - 1, 1)).toISOString(),
          end: new Date(Date.UTC(2026, month, 1)).toISOString(),
        },
      },
    });

  it('one entry by id, with overdue and its metric before/after implementation; unknown: NotFound', async () => {
    const h = await register();
    const m = new ProjectionHarness(new BreachStreaksProjection());
    await m.feed(
      measuredMonth(m, 'feb', 2, 98),
      measuredMonth(m, 'jan', 1, 97),
      measuredMonth(m, 'mar', 3, 99.95), // starts March 1st, before A's implementation (2nd)
      measuredMonth(m, 'apr', 4, 99.99),
      measuredMonth(m, 'lat', 4, 120, 'latency-ms'), // another metric
      measuredMonth(m, 'may', 5, 10),
      m.recorded({
        type: 'FactRetracted',
        data: { relationshipId: RELATIONSHIP, factId: 'may', factType: 'ServiceLevelMeasured' },
      } as unknown as LedgerEvent),
    );
    const get = new GetImprovementHandler(withMeasurements(h, m));
    const at = new Date('2026-05-01T00:00:00Z');
    const a = await get.execute(new GetImprovement(A, at));
    const ids = (series: { measurementId: string }[]) => series.map((p) => p.measurementId);
    // A is about OFFERING, implemented March 2nd: March started before, April after.
    expect(ids(a.measurements.before)).toEqual(['jan', 'feb', 'mar']);
    expect(ids(a.measurements.after)).toEqual(['apr']);
    expect(a.measurements.after[0]).toEqual({
      measurementId: 'apr',
      relationshipId: RELATIONSHIP,
      period: { start: '2026-04-01T00:00:00.000Z', end: '2026-05-01T00:00:00.000Z' },
      actual: 99.99,
    });
    // B (about the relationship) is not implemented: all before.
    const b = await get.execute(new GetImprovement(B, at));
    expect(b).toMatchObject({ id: B, overdue: true, measurements: { after: [] } });
    expect(ids(b.measurements.before)).toEqual(['jan', 'feb', 'mar', 'apr']);
    await expect(get.execute(new GetImprovement(OTHER_OFFERING, at))).rejects.toMatchObject({
      name: 'NotFound',
    });
    await h.close();
    await m.close();
  });
});

describe('improvement analytics', () => {
  it('keeps one fact document per improvement, by recorded step times', async () => {
    const h = new ProjectionHarness(new ImprovementAnalyticsProjection());
    await h.feed(...lifecycleOfA(h));
    expect(await h.get<ImprovementFacts>('improvements', A)).toEqual({
      id: A,
      status: 'evaluated',
      dimension: 'information-and-technology',
      valueChainActivity: 'improve',
      direction: 'increase',
      baseline: 98,
      target: 99.9,
      targetDate: '2026-06-30T00:00:00.000Z',
      proposedAt: day(1),
      approvedAt: day(3),
      implementedAt: day(7),
      evaluatedAt: day(11),
      targetMet: false,
      benefitRealizedPercent: ((99.52 - 98) / (99.9 - 98)) * 100,
    });
    await h.close();
  });

  const facts = (id: string, changes: Partial<ImprovementFacts>): ImprovementFacts => ({
    id,
    status: 'proposed',
    dimension: 'information-and-technology',
    valueChainActivity: 'improve',
    direction: 'increase',
    baseline: 0,
    target: 10,
    targetDate: null,
    proposedAt: '2026-01-10T00:00:00.000Z',
    approvedAt: null,
    implementedAt: null,
    evaluatedAt: null,
    targetMet: null,
    benefitRealizedPercent: null,
    ...changes,
  });

  it('aggregates counts, overdue now, success rate, benefit mean and median, cycle days, months', () => {
    const evaluated = (id: string, percent: number, met: boolean, days: number) =>
      facts(id, {
        status: 'evaluated',
        approvedAt: '2026-01-12T00:00:00.000Z',
        implementedAt: '2026-01-20T00:00:00.000Z',
        evaluatedAt: new Date(Date.parse('2026-01-20T00:00:00Z') + days * 86_400_000).toISOString(),
        targetMet: met,
        benefitRealizedPercent: percent,
      });
    const all = [
      evaluated('e1', 120, true, 30), // evaluated 2026-02-19
      evaluated('e2', 50, false, 40), // 2026-03-01
      evaluated('e3', 100, true, 50), // 2026-03-11
      facts('o1', {
        status: 'on-hold',
        targetDate: '2026-02-01',
        dimension: 'partners-and-suppliers',
      }),
      facts('o2', {
        status: 'approved',
        targetDate: '2026-09-01',
        approvedAt: '2026-01-11T00:00:00.000Z',
      }),
      facts('w1', { status: 'withdrawn', targetDate: '2026-02-01', valueChainActivity: 'plan' }),
    ];
    expect(improvementAnalytics(all, new Date('2026-03-15T00:00:00Z'))).toEqual({
      total: 6,
      byStatus: {
        proposed: 0,
        approved: 1,
        rejected: 0,
        withdrawn: 1,
        'on-hold': 1,
        implemented: 0,
        evaluated: 3,
      },
      byDimension: {
        'organizations-and-people': 0,
        'information-and-technology': 5,
        'partners-and-suppliers': 1,
        'value-streams-and-processes': 0,
      },
      byValueChainActivity: {
        plan: 1,
        improve: 5,
        engage: 0,
        'design-and-transition': 0,
        'obtain-build': 0,
        'deliver-and-support': 0,
      },
      overdue: 1, // o1; w1 is closed, o2 not due yet
      successRate: 2 / 3,
      benefitRealizedPercent: { mean: (120 + 50 + 100) / 3, median: 100 },
      // approval: e1..e3 2 days, o2 1 day → median of [2,2,2,1] = 2
      cycleDays: { approval: 2, implementation: 8, evaluation: 40, total: 50 },
      monthly: [
        { month: '2026-01', proposed: 6, evaluated: 0 },
        { month: '2026-02', proposed: 0, evaluated: 1 },
        { month: '2026-03', proposed: 0, evaluated: 2 },
      ],
    });
  });

  it('answers nulls, not zeros, when nothing was evaluated', () => {
    expect(improvementAnalytics([], new Date())).toMatchObject({
      total: 0,
      overdue: 0,
      successRate: null,
      benefitRealizedPercent: { mean: null, median: null },
      cycleDays: { approval: null, implementation: null, evaluation: null, total: null },
      monthly: [],
    });
  });
});
