import type { RecordedEvent } from '@app/event-store';
import { occurredAtOf, sseMessage, streamedEvent } from './streamed-event';

function recorded(type: string, data: RecordedEvent['data']): RecordedEvent {
  const recordedAt = '2026-03-01T10:00:00.000Z';
  return {
    streamId: 'relationship-1',
    revision: 0,
    position: '17',
    eventId: 'e',
    type,
    data,
    metadata: { recordedAt },
    recordedAt,
    previousHash: '0'.repeat(64),
    hash: '1'.repeat(64),
  };
}

describe('occurredAtOf', () => {
  it("is the fact's occurredAt when it carries one", () => {
    expect(occurredAtOf(recorded('CostRecorded', { occurredAt: '2025-11-02T00:00:00Z' }))).toBe(
      '2025-11-02T00:00:00Z',
    );
  });

  it("is a measurement's period start", () => {
    const period = { start: '2025-10-01T00:00:00Z', end: '2025-11-01T00:00:00Z' };
    expect(occurredAtOf(recorded('ServiceLevelMeasured', { period }))).toBe(period.start);
  });

  it("is an offering's effectiveFrom", () => {
    expect(
      occurredAtOf(recorded('OfferingRevised', { effectiveFrom: '2025-01-01T00:00:00Z' })),
    ).toBe('2025-01-01T00:00:00Z');
  });

  it('falls back to the recording time (v1 facts, improvements)', () => {
    expect(occurredAtOf(recorded('ImprovementApproved', { period: 'x', occurredAt: 3 }))).toBe(
      '2026-03-01T10:00:00.000Z',
    );
  });
});

describe('sseMessage', () => {
  it('is one id line, one data line and a blank line', () => {
    const event = streamedEvent(recorded('OutputDelivered', {}));
    expect(sseMessage(event)).toBe(
      'id: 17\ndata: {"position":"17","streamId":"relationship-1","type":"OutputDelivered",' +
        '"occurredAt":"2026-03-01T10:00:00.000Z","recordedAt":"2026-03-01T10:00:00.000Z"}\n\n',
    );
  });
});
