import fc from 'fast-check';
import { OracleState, oracleDecide, oracleEvolve } from '../../testing/relationship-oracle';
import { NotFound, RuleViolated } from '../shared/domain-errors';
import { RelationshipCommand } from './relationship.commands';
import { decideRelationship } from './relationship.decide';
import { RelationshipEvent } from './relationship.events';
import {
  evolveRelationship,
  evolveRelationshipAll,
  initialRelationshipState,
  RelationshipState,
} from './relationship.state';
import { viewRelationship } from './relationship-view';
import { relationshipSnapshotCodec } from './relationship-snapshot';

/*
 * The linear-time fold must lead to exactly the decisions the old fold (arrays copied on every
 * event, kept in testing/relationship-oracle.ts) led to, for any event sequence — including
 * stray ones decide never makes — and every state must stay pure while later ones are folded
 * from it or forked off it.
 */

const relationshipId = 'r';
/** When the generated facts occurred, and the instant commands are decided at (v2 fields). */
const T0 = '2025-01-01T00:00:00.000Z';
const NOW = '2026-03-01T00:00:00.000Z';
const WARRANTIES = [
  {
    effectiveFrom: T0,
    serviceLevels: [
      { metric: 'availability', target: 99, comparison: 'at-least' as const, unit: 'percent' },
    ],
  },
];
const stakeholderId = fc.constantFrom('s1', 's2', 's3');
const offeringId = fc.constantFrom('f1', 'f2', 'f3');
const outputId = fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5');
const role = fc.constantFrom('customer', 'user', 'sponsor');
const anyRole = fc.constantFrom('customer', 'user', 'sponsor', 'auditor') as fc.Arbitrary<
  'customer' | 'user' | 'sponsor'
>;
const maybeOffering = fc.option(fc.constantFrom('f1', 'f2', 'f3', 'f9'), { nil: undefined });

const eventArb: fc.Arbitrary<RelationshipEvent> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.constant({
      type: 'RelationshipEstablished',
      data: { occurredAt: T0, relationshipId, providerId: 'p', consumerId: 'c' },
    } as const),
  },
  {
    weight: 3,
    arbitrary: fc.record({ stakeholderId, role, name: fc.constantFrom('A', 'B') }).map(
      (d) =>
        ({
          type: 'StakeholderAssigned',
          data: { occurredAt: T0, relationshipId, ...d },
        }) as const,
    ),
  },
  {
    weight: 3,
    arbitrary: offeringId.map(
      (id) =>
        ({
          type: 'ServiceProvisioned',
          data: { occurredAt: T0, relationshipId, offeringId: id },
        }) as const,
    ),
  },
  {
    weight: 6,
    arbitrary: fc.record({ outputId, offeringId: fc.option(offeringId, { nil: null }) }).map(
      (d) =>
        ({
          type: 'OutputDelivered',
          data: { occurredAt: T0, relationshipId, description: 'd', ...d },
        }) as const,
    ),
  },
  {
    weight: 2,
    arbitrary: offeringId.map(
      (id) =>
        ({
          type: 'ServiceConsumed',
          data: {
            occurredAt: T0,
            relationshipId,
            consumptionId: 'x',
            offeringId: id,
            description: 'd',
          },
        }) as const,
    ),
  },
  {
    weight: 1,
    arbitrary: role.map(
      (r) =>
        ({
          type: 'OutcomeRealized',
          data: {
            occurredAt: T0,
            relationshipId,
            outcomeId: 'x',
            stakeholderRole: r,
            description: 'd',
            enabledBy: ['o1'] as string[],
            offeringId: null,
          },
        }) as const,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constant({
      type: 'CostRecorded',
      data: {
        occurredAt: T0,
        relationshipId,
        costId: 'x',
        effect: 'removed',
        amount: '1',
        currency: 'EUR',
        description: 'd',
        offeringId: null,
      },
    } as const),
  },
  {
    weight: 1,
    arbitrary: fc.constant({
      type: 'RiskRecorded',
      data: {
        occurredAt: T0,
        relationshipId,
        riskId: 'x',
        effect: 'imposed',
        description: 'd',
        severity: 'low',
        offeringId: null,
      },
    } as const),
  },
  {
    weight: 1,
    arbitrary: fc.constant({
      type: 'ServiceLevelMeasured',
      data: {
        relationshipId,
        measurementId: 'x',
        offeringId: 'f1',
        metric: 'availability',
        target: 99,
        actual: 98,
        comparison: 'at-least',
        period: { start: '2026-01-01T00:00:00.000Z', end: '2026-01-31T00:00:00.000Z' },
        unit: 'percent',
        breached: true,
      },
    } as const),
  },
  {
    weight: 1,
    arbitrary: fc.constant({
      type: 'RelationshipReviewed',
      data: {
        occurredAt: T0,
        relationshipId,
        reviewId: 'x',
        stakeholderRole: 'customer',
        valueScore: 4,
        comment: null,
        offeringId: null,
      },
    } as const),
  },
  {
    weight: 1,
    arbitrary: fc.constant({
      type: 'RelationshipEnded',
      data: { occurredAt: T0, relationshipId, reason: null },
    } as const),
  },
);

const commandArb: fc.Arbitrary<RelationshipCommand> = fc.oneof(
  fc.constant({
    type: 'EstablishRelationship',
    now: NOW,
    data: { relationshipId, providerId: 'p', consumerId: 'c' },
  } as const),
  fc.record({ stakeholderId, role: anyRole }).map(
    (d) =>
      ({
        type: 'AssignStakeholder',
        now: NOW,
        data: { relationshipId, name: 'n', ...d },
      }) as const,
  ),
  offeringId.map(
    (id) =>
      ({ type: 'ProvisionService', now: NOW, data: { relationshipId, offeringId: id } }) as const,
  ),
  fc.constantFrom('f1', 'f2', 'f9').map(
    (id) =>
      ({
        type: 'ConsumeService',
        now: NOW,
        data: { relationshipId, consumptionId: 'c', offeringId: id, description: 'd' },
      }) as const,
  ),
  fc.record({ outputId, offeringId: maybeOffering }).map(
    (d) =>
      ({
        type: 'DeliverOutput',
        now: NOW,
        data: { relationshipId, description: 'd', ...d },
      }) as const,
  ),
  fc
    .record({
      stakeholderRole: anyRole,
      enabledBy: fc.subarray(['o1', 'o2', 'o5', 'o9']),
      offeringId: maybeOffering,
    })
    .map(
      (d) =>
        ({
          type: 'RealizeOutcome',
          now: NOW,
          data: { relationshipId, outcomeId: 'x', description: 'd', ...d },
        }) as const,
    ),
  maybeOffering.map(
    (id) =>
      ({
        type: 'RecordCost',
        now: NOW,
        data: {
          relationshipId,
          costId: 'x',
          effect: 'removed',
          amount: '12.50',
          currency: 'EUR',
          description: 'd',
          offeringId: id,
        },
      }) as const,
  ),
  maybeOffering.map(
    (id) =>
      ({
        type: 'RecordRisk',
        now: NOW,
        data: {
          relationshipId,
          riskId: 'x',
          effect: 'imposed',
          description: 'd',
          severity: 'high',
          offeringId: id,
        },
      }) as const,
  ),
  fc.constantFrom('f1', 'f2', 'f9').map(
    (id) =>
      ({
        type: 'MeasureServiceLevel',
        now: NOW,
        warranties: WARRANTIES,
        data: {
          relationshipId,
          measurementId: 'm',
          offeringId: id,
          metric: 'availability',
          target: 99,
          actual: 99.5,
          period: { start: '2026-01-01T00:00:00.000Z', end: '2026-01-31T00:00:00.000Z' },
        },
      }) as const,
  ),
  fc.record({ stakeholderRole: anyRole, offeringId: maybeOffering }).map(
    (d) =>
      ({
        type: 'ReviewRelationship',
        now: NOW,
        data: { relationshipId, reviewId: 'v', valueScore: 3, ...d },
      }) as const,
  ),
  fc.constant({
    type: 'EndRelationship',
    now: NOW,
    data: { relationshipId, reason: 'over' },
  } as const),
);

/**
 * What deciding a command led to: the events (without what v2 added to them, which the v1
 * oracle does not make), or which refusal.
 */
function outcome(decide: () => readonly { type: string; data: object }[]): unknown {
  try {
    return {
      events: decide().map(({ type, data }) => {
        const {
          occurredAt: _at,
          unit: _unit,
          breached: _breached,
          ...v1
        } = data as Record<string, unknown>;
        return { type, data: v1 };
      }),
    };
  } catch (error) {
    if (error instanceof RuleViolated) return { rule: error.rule, message: error.message };
    if (error instanceof NotFound) return { notFound: error.message };
    throw error;
  }
}

function sameDecisions(
  state: RelationshipState,
  oracle: OracleState,
  commands: RelationshipCommand[],
): void {
  for (const command of commands) {
    const decided = outcome(() => decideRelationship(command, state));
    // A rule v2 added, unknown to the v1 oracle: one period of a series is measured once.
    if ((decided as { rule?: string }).rule === 'period-overlaps') continue;
    expect(decided).toEqual(outcome(() => oracleDecide(command, oracle)));
  }
}

/** Folds both ways, keeping every intermediate state. */
function foldBoth(
  events: RelationshipEvent[],
  from: RelationshipState = initialRelationshipState,
  oracleFrom: OracleState = { status: 'unestablished' },
) {
  const states = [from];
  const oracles = [oracleFrom];
  for (const event of events) {
    states.push(evolveRelationship(states[states.length - 1], event));
    oracles.push(oracleEvolve(oracles[oracles.length - 1], event));
  }
  return { states, oracles };
}

/** The view without what v2 added to it (the relationship's occurredAt, its facts). */
function v1View(state: RelationshipState): unknown {
  const view = viewRelationship(state);
  if (view.status === 'unestablished') return view;
  const { occurredAt: _at, facts: _facts, ...v1 } = view;
  return v1;
}

/** The old state without the duplicates stray events could put in its arrays. */
function deduplicated(oracle: OracleState): unknown {
  if (oracle.status === 'unestablished') return oracle;
  return {
    ...oracle,
    provisionedOfferingIds: [...new Set(oracle.provisionedOfferingIds)],
    deliveredOutputIds: [...new Set(oracle.deliveredOutputIds)],
    // By id (v2: a retraction unassigns one): a stray repeat keeps its place, the last values.
    stakeholders: [
      ...new Map(oracle.stakeholders.map((s) => [s.stakeholderId, s] as const)).values(),
    ],
  };
}

/**
 * Without a stray second provision of one offering, nor a stray second assignment of one
 * stakeholder id (v2 keeps stakeholders by id, so a retraction can unassign one; decide never
 * records either twice).
 */
function withoutRepeatedProvisions(events: RelationshipEvent[]): RelationshipEvent[] {
  let provisioned = new Set<string>();
  let assigned = new Set<string>();
  return events.filter((event) => {
    if (event.type === 'RelationshipEstablished') {
      provisioned = new Set();
      assigned = new Set();
    }
    if (event.type === 'StakeholderAssigned') {
      if (assigned.has(event.data.stakeholderId)) return false;
      assigned.add(event.data.stakeholderId);
      return true;
    }
    if (event.type !== 'ServiceProvisioned') return true;
    if (provisioned.has(event.data.offeringId)) return false;
    provisioned.add(event.data.offeringId);
    return true;
  });
}

/** `next` after `past`, without repeated provisions across both. */
function continuation(past: RelationshipEvent[], next: RelationshipEvent[]): RelationshipEvent[] {
  return withoutRepeatedProvisions([...past, ...next]).slice(past.length);
}

describe('evolveRelationship in linear time, against the old fold', () => {
  const established: RelationshipEvent = {
    type: 'RelationshipEstablished',
    data: { occurredAt: T0, relationshipId, providerId: 'p', consumerId: 'c' },
  };
  // A stray second provision of one offering is left out: the old fold counted it twice (so no
  // offering was the sole one), a set counts it once; decide never records one.
  const stream = fc
    .tuple(fc.boolean(), fc.array(eventArb, { maxLength: 120 }))
    .map(([start, rest]) => withoutRepeatedProvisions(start ? [established, ...rest] : rest));

  it('leads to the same decisions and the same view after every event', () => {
    fc.assert(
      fc.property(
        stream,
        fc.array(commandArb, { minLength: 1, maxLength: 12 }),
        (events, commands) => {
          const { states, oracles } = foldBoth(events);
          states.forEach((state, i) => {
            sameDecisions(state, oracles[i], commands);
            expect(v1View(state)).toEqual(deduplicated(oracles[i]));
          });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps every earlier state as it was while later ones are folded from it or forked off it', () => {
    fc.assert(
      fc.property(
        stream,
        fc.array(eventArb, { maxLength: 40 }),
        fc.nat(),
        fc.array(commandArb, { minLength: 1, maxLength: 12 }),
        (events, fork, at, commands) => {
          const main = foldBoth(events);
          const from = at % main.states.length;
          const forked = foldBoth(
            continuation(events.slice(0, from), fork),
            main.states[from],
            main.oracles[from],
          );
          // The fork, then the main line again (its history was extended past the fork point).
          forked.states.forEach((state, i) => sameDecisions(state, forked.oracles[i], commands));
          main.states.forEach((state, i) => sameDecisions(state, main.oracles[i], commands));
          // Folding on from the end of the main line after the fork still works.
          const more = foldBoth(
            continuation(events, fork),
            main.states[main.states.length - 1],
            main.oracles[main.oracles.length - 1],
          );
          more.states.forEach((state, i) => sameDecisions(state, more.oracles[i], commands));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('folds pages at once (evolveRelationshipAll, as a cold load does) to the states one by one reaches, leaving the states it started from as they were', () => {
    fc.assert(
      fc.property(
        stream,
        fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 40 }),
        fc.nat(),
        fc.array(commandArb, { minLength: 1, maxLength: 12 }),
        (events, pageSizes, at, commands) => {
          const main = foldBoth(events);
          // From the start, page by page; and from a state of the main line, in one page.
          let state: RelationshipState = initialRelationshipState;
          let folded = 0;
          for (const size of [...pageSizes, events.length]) {
            const page = events.slice(folded, folded + size);
            const next = evolveRelationshipAll(state, page);
            sameDecisions(state, main.oracles[folded], commands);
            folded += page.length;
            sameDecisions(next, main.oracles[folded], commands);
            expect(v1View(next)).toEqual(deduplicated(main.oracles[folded]));
            state = next;
          }
          const from = at % main.states.length;
          const rest = evolveRelationshipAll(main.states[from], events.slice(from));
          sameDecisions(rest, main.oracles[events.length], commands);
          expect(v1View(rest)).toEqual(v1View(main.states[events.length]));
          main.states.forEach((s, i) => sameDecisions(s, main.oracles[i], commands));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('decides the same once restored from a snapshot, and folds on from it', () => {
    fc.assert(
      fc.property(
        stream,
        fc.array(eventArb, { maxLength: 30 }),
        fc.array(commandArb, { minLength: 1, maxLength: 12 }),
        (events, more, commands) => {
          const tail = continuation(events, more);
          const { states, oracles } = foldBoth(events);
          const last = states[states.length - 1];
          const restored = relationshipSnapshotCodec.fromJson(
            JSON.parse(JSON.stringify(relationshipSnapshotCodec.toJson(last))),
          );
          const after = foldBoth(tail, restored, oracles[oracles.length - 1]);
          after.states.forEach((state, i) => sameDecisions(state, after.oracles[i], commands));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('folds a long stream: 5,000 outputs, each refused a second time and usable by an outcome', () => {
    const events: RelationshipEvent[] = [
      established,
      {
        type: 'StakeholderAssigned',
        data: { occurredAt: T0, relationshipId, stakeholderId: 's', role: 'customer', name: 'n' },
      },
    ];
    for (let i = 0; i < 5_000; i += 1) {
      events.push({
        type: 'OutputDelivered',
        data: {
          occurredAt: T0,
          relationshipId,
          outputId: `o${i}`,
          description: 'd',
          offeringId: null,
        },
      });
    }
    const commands: RelationshipCommand[] = [
      {
        type: 'DeliverOutput',
        now: NOW,
        data: { relationshipId, outputId: 'o0', description: 'd' },
      },
      {
        type: 'DeliverOutput',
        now: NOW,
        data: { relationshipId, outputId: 'o4999', description: 'd' },
      },
      {
        type: 'DeliverOutput',
        now: NOW,
        data: { relationshipId, outputId: 'o5000', description: 'd' },
      },
      {
        type: 'RealizeOutcome',
        now: NOW,
        data: {
          relationshipId,
          outcomeId: 'x',
          stakeholderRole: 'customer',
          description: 'd',
          enabledBy: ['o7', 'o4999', 'o5000'],
        },
      },
    ];
    let state = initialRelationshipState;
    let oracle: OracleState = { status: 'unestablished' };
    for (const event of events) {
      state = evolveRelationship(state, event);
      oracle = oracleEvolve(oracle, event);
    }
    sameDecisions(state, oracle, commands);
  });
});
