import fc from 'fast-check';
import { NotFound, RuleViolated } from '../shared/domain-errors';
import { RelationshipCommand } from './relationship.commands';
import { decideRelationship } from './relationship.decide';
import { RelationshipEvent } from './relationship.events';
import {
  evolveRelationship,
  initialRelationshipState,
  RelationshipState,
} from './relationship.state';
import { relationshipSnapshotCodec } from './relationship-snapshot';

/*
 * The command side snapshots a long relationship every so often and goes on from the state
 * restored from that snapshot, so the next snapshot only appends what changed (shape 7). Such a
 * state must decide exactly as the state folded from the first event does, and its snapshot
 * must be the one a whole fold would have written.
 */

const relationshipId = 'r';
const NOW = '2026-03-01T00:00:00.000Z';
const WARRANTIES = [
  {
    effectiveFrom: '2025-01-01T00:00:00.000Z',
    serviceLevels: [
      { metric: 'availability', target: 99, comparison: 'at-least' as const, unit: 'percent' },
    ],
  },
];
const outputId = fc.constantFrom('o1', 'o2', 'o3', 'o4');
const otherId = fc.constantFrom('x1', 'x2', 'x3');
const role = fc.constantFrom<('customer' | 'user' | 'sponsor')[]>('customer', 'user', 'sponsor');
const month = fc.integer({ min: 1, max: 9 });

const commandArb: fc.Arbitrary<RelationshipCommand> = fc.oneof(
  fc.record({ stakeholderId: fc.constantFrom('s1', 's2'), role }).map(
    (d) =>
      ({
        type: 'AssignStakeholder',
        now: NOW,
        data: { relationshipId, name: 'n', ...d },
      }) as const,
  ),
  fc.constant({
    type: 'ProvisionService',
    now: NOW,
    data: { relationshipId, offeringId: 'f1' },
  } as const),
  {
    weight: 4,
    arbitrary: outputId.map(
      (id) =>
        ({
          type: 'DeliverOutput',
          now: NOW,
          data: { relationshipId, outputId: id, description: 'd' },
        }) as const,
    ),
  },
  fc.record({ outcomeId: otherId, enabledBy: fc.subarray(['o1', 'o2', 'o3']), r: role }).map(
    ({ outcomeId, enabledBy, r }) =>
      ({
        type: 'RealizeOutcome',
        now: NOW,
        data: { relationshipId, outcomeId, description: 'd', stakeholderRole: r, enabledBy },
      }) as const,
  ),
  otherId.map(
    (costId) =>
      ({
        type: 'RecordCost',
        now: NOW,
        data: {
          relationshipId,
          costId,
          effect: 'removed',
          amount: '12.50',
          currency: 'EUR',
          description: 'd',
        },
      }) as const,
  ),
  fc.record({ measurementId: otherId, month }).map(
    ({ measurementId, month: m }) =>
      ({
        type: 'MeasureServiceLevel',
        now: NOW,
        warranties: WARRANTIES,
        data: {
          relationshipId,
          measurementId,
          offeringId: 'f1',
          metric: 'availability',
          target: 99,
          actual: 99.5,
          period: { start: `2025-0${m}-01T00:00:00.000Z`, end: `2025-0${m}-02T00:00:00.000Z` },
        },
      }) as const,
  ),
  {
    weight: 3,
    arbitrary: fc.oneof(outputId, otherId, fc.constantFrom('s1', 's2')).map(
      (factId) =>
        ({
          type: 'RetractFact',
          now: NOW,
          data: { relationshipId, factId, reason: 'wrong' },
        }) as const,
    ),
  },
);

/** The events or the refusal a command leads to on a state. */
function outcome(command: RelationshipCommand, state: RelationshipState): unknown {
  try {
    return { events: decideRelationship(command, state) };
  } catch (error) {
    if (error instanceof RuleViolated) return { rule: error.rule, message: error.message };
    if (error instanceof NotFound) return { notFound: error.message };
    throw error;
  }
}

/** The events a run of commands records, each decided on the state the ones before left. */
function recorded(commands: RelationshipCommand[]): RelationshipEvent[] {
  let state = initialRelationshipState;
  const events: RelationshipEvent[] = [];
  const established = decideRelationship(
    {
      type: 'EstablishRelationship',
      now: NOW,
      data: { relationshipId, providerId: 'p', consumerId: 'c' },
    },
    state,
  );
  for (const command of [null, ...commands]) {
    const decided = command === null ? established : outcome(command, state);
    const made = Array.isArray(decided)
      ? decided
      : ((decided as { events?: RelationshipEvent[] }).events ?? []);
    for (const event of made) {
      events.push(event);
      state = evolveRelationship(state, event);
    }
  }
  return events;
}

function fold(events: RelationshipEvent[], from = initialRelationshipState): RelationshipState {
  return events.reduce(evolveRelationship, from);
}

describe('relationship snapshots, each extending the one before', () => {
  it('lead to the same decisions as the whole fold, and to the snapshot it would write', () => {
    fc.assert(
      fc.property(
        fc.array(commandArb, { maxLength: 80 }),
        fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 6 }),
        fc.array(commandArb, { minLength: 1, maxLength: 10 }),
        (history, cuts, questions) => {
          const events = recorded(history);
          let state = initialRelationshipState;
          let from = 0;
          for (const cut of [...cuts, events.length]) {
            const to = Math.min(events.length, from + cut);
            state = fold(events.slice(from, to), state);
            from = to;
            const json = relationshipSnapshotCodec.toJson(state);
            const whole = fold(events.slice(0, to));
            expect(json).toEqual(relationshipSnapshotCodec.toJson(whole));
            state = relationshipSnapshotCodec.fromJson(JSON.parse(JSON.stringify(json)));
            for (const question of questions) {
              expect(outcome(question, state)).toEqual(outcome(question, whole));
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('append what changed: a retraction and a new fact after 3,000 facts touch only their own', () => {
    const commands: RelationshipCommand[] = Array.from({ length: 3000 }, (_, i) => ({
      type: 'DeliverOutput',
      now: NOW,
      data: { relationshipId, outputId: `o${String(i).padStart(5, '0')}`, description: 'd' },
    }));
    const base = relationshipSnapshotCodec.toJson(fold(recorded(commands))) as {
      facts: { ids: { packed: string }; retracted: number[] };
    };
    const restored = relationshipSnapshotCodec.fromJson(base);
    const next = fold(
      [
        {
          type: 'FactRetracted',
          data: {
            relationshipId,
            factId: 'o00007',
            factType: 'OutputDelivered',
            reason: 'x',
            occurredAt: NOW,
          },
        },
        {
          type: 'OutputDelivered',
          data: {
            relationshipId,
            outputId: 'o99999',
            description: 'd',
            offeringId: null,
            occurredAt: NOW,
          },
        },
      ],
      restored,
    );
    const json = relationshipSnapshotCodec.toJson(next) as typeof base & {
      deliveredOutputIds: unknown;
    };
    expect(json.facts.ids.packed).toBe(`${base.facts.ids.packed}o99999`);
    expect(json.facts.retracted).toEqual([7]);
    const again = relationshipSnapshotCodec.fromJson(JSON.parse(JSON.stringify(json)));
    expect(outcome(commands[7], again)).toMatchObject({ events: [{ type: 'OutputDelivered' }] });
    expect(outcome(commands[8], again)).toMatchObject({ rule: 'output-already-delivered' });
  });
});
