import type { JsonObject, RecordedEvent } from '@app/event-store';
import { relationshipTimeline } from './relationship-timeline';

let revision = 0;
function event(
  type: string,
  data: JsonObject,
  recordedAt: string,
  actor = 'crm:service',
): RecordedEvent {
  revision += 1;
  return {
    streamId: 'relationship-r',
    revision,
    position: String(100 + revision),
    eventId: `e${revision}`,
    type,
    data,
    metadata: { actor, recordedAt },
    recordedAt,
    previousHash: '',
    hash: '',
  };
}

describe('relationshipTimeline', () => {
  it('orders facts by when they happened, not when they were recorded', () => {
    const facts = relationshipTimeline([
      event(
        'RelationshipEstablished',
        { occurredAt: '2025-01-01T00:00:00Z' },
        '2026-03-01T00:00:00Z',
      ),
      event(
        'CostRecorded',
        { costId: 'c1', occurredAt: '2025-06-01T00:00:00Z' },
        '2026-03-01T00:01:00Z',
      ),
      event(
        'OutputDelivered',
        { outputId: 'o1', occurredAt: '2025-03-01T02:00:00+02:00' },
        '2026-03-01T00:02:00Z',
      ),
    ]);
    expect(facts.map((f) => [f.type, f.factId, f.actor])).toEqual([
      ['RelationshipEstablished', null, 'crm:service'],
      ['OutputDelivered', 'o1', 'crm:service'],
      ['CostRecorded', 'c1', 'crm:service'],
    ]);
  });

  it('keeps a retracted fact, marked with who retracted it, when and why', () => {
    const facts = relationshipTimeline([
      event(
        'RiskRecorded',
        { riskId: 'k1', occurredAt: '2025-06-01T00:00:00Z' },
        '2026-01-01T00:00:00Z',
      ),
      event(
        'FactRetracted',
        {
          factId: 'k1',
          factType: 'risk',
          reason: 'recorded twice',
          occurredAt: '2026-01-02T00:00:00Z',
        },
        '2026-01-02T00:00:00Z',
        'ann:analyst',
      ),
      event(
        'RiskRecorded',
        { riskId: 'k2', occurredAt: '2025-07-01T00:00:00Z' },
        '2026-01-03T00:00:00Z',
      ),
    ]);
    expect(facts.map((f) => [f.factId, f.retracted])).toEqual([
      [
        'k1',
        { reason: 'recorded twice', recordedAt: '2026-01-02T00:00:00Z', actor: 'ann:analyst' },
      ],
      ['k2', null],
      [null, null],
    ]);
  });

  it('places a measurement at its period start and an undated (v1) fact at its recording time', () => {
    const facts = relationshipTimeline([
      event('ServiceProvisioned', {}, '2026-02-01T00:00:00Z'),
      event(
        'ServiceLevelMeasured',
        {
          measurementId: 'm1',
          period: { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' },
        },
        '2026-02-05T00:00:00Z',
      ),
    ]);
    expect(facts.map((f) => [f.type, f.occurredAt])).toEqual([
      ['ServiceLevelMeasured', '2026-01-01T00:00:00Z'],
      ['ServiceProvisioned', '2026-02-01T00:00:00Z'],
    ]);
  });
});
