import { OrganizationRegistered } from '../organization/organization.events';
import { relationshipDecider } from '../relationship/relationship.decider';
import { RelationshipEvent } from '../relationship/relationship.events';
import { fold, replayAsOf, TimedEvent } from './fold';
import { viewRelationship } from '../relationship/relationship-view';
import { organizationDecider } from '../organization/organization.decider';

const relationshipId = 'c0000000-0000-4000-8000-000000000001';
const history: TimedEvent<RelationshipEvent>[] = [
  {
    recordedAt: '2026-03-01T09:00:00.000Z',
    event: {
      type: 'RelationshipEstablished',
      data: {
        relationshipId,
        providerId: 'p',
        consumerId: 'c',
        occurredAt: '2026-03-01T09:00:00.000Z',
      },
    },
  },
  {
    recordedAt: '2026-03-02T09:00:00.000Z',
    event: {
      type: 'OutputDelivered',
      data: {
        relationshipId,
        outputId: 'o-1',
        description: 'd',
        offeringId: null,
        occurredAt: '2026-03-02T09:00:00.000Z',
      },
    },
  },
  {
    recordedAt: '2026-03-03T09:00:00.000Z',
    event: {
      type: 'RelationshipEnded',
      data: { relationshipId, reason: null, occurredAt: '2026-03-03T09:00:00.000Z' },
    },
  },
];

describe('fold', () => {
  it('is the initial state for no events', () => {
    expect(fold(organizationDecider, [])).toEqual(organizationDecider.initialState());
  });

  it('applies events in order, from a given state when one is passed', () => {
    const registered: OrganizationRegistered = {
      type: 'OrganizationRegistered',
      data: { organizationId: 'o', name: 'Acme' },
    };
    expect(fold(organizationDecider, [registered])).toMatchObject({ status: 'registered' });
    const midway = fold(relationshipDecider, [history[0].event]);
    const after = fold(relationshipDecider, [history[1].event], midway);
    expect(viewRelationship(after)).toMatchObject({
      status: 'active',
      deliveredOutputIds: ['o-1'],
    });
  });
});

describe('replayAsOf', () => {
  it('before the first event: the initial state, nothing applied', () => {
    const replay = replayAsOf(relationshipDecider, history, '2026-02-28T00:00:00Z');
    expect(replay).toEqual({ state: { status: 'unestablished' }, eventsApplied: 0 });
  });

  it('includes an event recorded exactly at asOf, and nothing after', () => {
    const replay = replayAsOf(relationshipDecider, history, '2026-03-02T09:00:00.000Z');
    expect(replay.eventsApplied).toBe(2);
    expect(viewRelationship(replay.state)).toMatchObject({
      status: 'active',
      deliveredOutputIds: ['o-1'],
    });
  });

  it('compares instants, not strings: an offset asOf is honoured', () => {
    // 2026-03-03T10:30+02:00 is 08:30Z, before the end at 09:00Z.
    const replay = replayAsOf(relationshipDecider, history, '2026-03-03T10:30:00+02:00');
    expect(replay.eventsApplied).toBe(2);
  });

  it('after the last event: the whole stream', () => {
    const replay = replayAsOf(relationshipDecider, history, '2027-01-01');
    expect(replay.eventsApplied).toBe(3);
    expect(replay.state).toMatchObject({ status: 'ended' });
  });

  it('refuses an asOf that is not an ISO-8601 instant', () => {
    expect(() => replayAsOf(relationshipDecider, history, 'last week')).toThrow(RangeError);
  });
});
