import { fold } from '../shared/fold';
import { asLedgerEvent, EVENT_SCHEMA_VERSIONS } from '../shared/ledger-event';
import { improvementDecider } from './improvement.decider';
import { ImprovementEvent } from './improvement.events';

const improvementId = 'c0000000-0000-4000-8000-000000000001';
const relationshipId = 'c0000000-0000-4000-8000-000000000002';

/** Events exactly as v1 code stored them: data and metadata, schema version 1. */
const v1: Stored[] = [
  {
    type: 'ImprovementProposed',
    data: {
      improvementId,
      subject: { relationshipId },
      title: 'Faster restores',
      dimension: 'information-and-technology',
      valueChainActivity: 'improve',
      metric: 'restore-minutes',
      baseline: 90,
      target: 30,
    },
    metadata: { actor: 'crm:service', recordedAt: '2026-01-10T08:00:00.000Z', schemaVersion: 1 },
  },
  {
    type: 'ImprovementApproved',
    data: { improvementId },
    metadata: { actor: 'cab:service', recordedAt: '2026-01-11T08:00:00.000Z', schemaVersion: 1 },
  },
  {
    type: 'ImprovementImplemented',
    data: { improvementId },
    metadata: { actor: 'ops:service', recordedAt: '2026-02-01T08:00:00.000Z', schemaVersion: 1 },
  },
  {
    type: 'ImprovementEvaluated',
    data: { improvementId, actual: 25 },
    // Events from before schema versions were written carry none: they count as version 1.
    metadata: { actor: 'ops:service', recordedAt: '2026-03-01T08:00:00.000Z' },
  },
];

interface Stored {
  type: string;
  data: Record<string, unknown>;
  metadata: { actor?: string; recordedAt?: string; schemaVersion?: number };
}

const read = (e: Stored) =>
  asLedgerEvent(e.type, structuredClone(e.data), e.metadata) as ImprovementEvent;

describe('improvement events stored by v1 code, read in the v2 shape', () => {
  it('bumps the schema versions of the changed shapes', () => {
    expect(EVENT_SCHEMA_VERSIONS).toMatchObject({
      ImprovementProposed: 2,
      ImprovementImplemented: 2,
      ImprovementEvaluated: 2,
      ImprovementApproved: 1,
    });
  });

  it('a v1 proposal: direction from the target, stated baseline, proposer and time from the metadata', () => {
    expect(read(v1[0])).toEqual({
      type: 'ImprovementProposed',
      data: {
        improvementId,
        subject: { relationshipId },
        title: 'Faster restores',
        dimension: 'information-and-technology',
        valueChainActivity: 'improve',
        metric: 'restore-minutes',
        direction: 'decrease',
        baseline: 90,
        baselineSource: 'stated',
        target: 30,
        targetDate: null,
        owner: null,
        objective: null,
        followsUp: null,
        cause: null,
        proposedBy: 'crm:service',
        proposedAt: '2026-01-10T08:00:00.000Z',
      },
    });
  });

  it('a v1 proposal whose target is above its baseline increases', () => {
    const up = { ...v1[0], data: { ...v1[0].data, baseline: 99, target: 99.9 } };
    expect(read(up).data).toMatchObject({ direction: 'increase' });
  });

  it('a v1 implementation happened when it was recorded', () => {
    expect(read(v1[2])).toEqual({
      type: 'ImprovementImplemented',
      data: { improvementId, implementedAt: '2026-02-01T08:00:00.000Z' },
    });
  });

  it('a v1 evaluation: stated actual, no closure, targetMet left to readers that know the target', () => {
    expect(read(v1[3])).toEqual({
      type: 'ImprovementEvaluated',
      data: {
        improvementId,
        actual: 25,
        actualSource: 'stated',
        closure: null,
        notes: null,
        targetMet: null,
      },
    });
  });

  it('v2 events are read as stored (no upcaster runs on the current version)', () => {
    const current = {
      type: 'ImprovementImplemented',
      data: { improvementId, implementedAt: '2026-02-03T00:00:00Z' },
      metadata: { recordedAt: '2026-02-05T00:00:00Z', schemaVersion: 2 },
    };
    expect(read(current).data).toEqual(current.data);
  });

  it('a v1 stream folds to the state v2 code expects', () => {
    expect(fold(improvementDecider, v1.map(read))).toMatchObject({
      status: 'evaluated',
      direction: 'decrease',
      proposedBy: 'crm:service',
      implementedAt: '2026-02-01T08:00:00.000Z',
      actual: 25,
      closure: null,
    });
  });

  it('leaves the stored data untouched', () => {
    const stored = structuredClone(v1[0]);
    asLedgerEvent(stored.type, stored.data, stored.metadata);
    expect(stored).toEqual(v1[0]);
  });
});
