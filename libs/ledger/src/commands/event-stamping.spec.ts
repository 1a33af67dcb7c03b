import type { LedgerEvent } from '@app/domain';
import { CommandContext } from './command-context';
import { CommandExecution } from './command-execution';
import { CommandIds } from './command-ids';
import { EventStamping } from './event-stamping';

describe('EventStamping', () => {
  // A clock that moves on every reading and ids that are never the same twice: what the
  // stamping of one command shares must not depend on how often it asks.
  let tick = 0;
  const clock = { now: () => new Date(Date.UTC(2026, 10, 30) + ++tick) };
  let next = 0;
  const source = { newId: () => `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}` };

  const execution = (context: CommandContext) =>
    ({ context, ids: new CommandIds(context, source) }) as unknown as CommandExecution<
      unknown,
      LedgerEvent,
      unknown
    >;
  const events = [
    { type: 'ServiceOutputDelivered', data: { outputId: 'a' } },
    { type: 'ServiceOutputDelivered', data: { outputId: 'b' } },
  ] as unknown as LedgerEvent[];

  it('gives the events of one command one causation id, one correlation id and one time', () => {
    const stamped = new EventStamping(clock).stamp(
      execution({ actor: 'svc:service', requestHash: 'h' }),
      events,
    );
    const [first, second] = stamped.map((e) => e.metadata);
    expect(second.causationId).toBe(first.causationId);
    expect(second.correlationId).toBe(first.correlationId);
    expect(second.recordedAt).toBe(first.recordedAt);
    expect(stamped[0].eventId).not.toBe(stamped[1].eventId);
  });

  it('keeps a causation and correlation id the caller gave', () => {
    const stamped = new EventStamping(clock).stamp(
      execution({ actor: 'a', requestHash: 'h', causationId: 'c-1', correlationId: 'r-1' }),
      events,
    );
    expect(stamped.map((e) => [e.metadata.causationId, e.metadata.correlationId])).toEqual([
      ['c-1', 'r-1'],
      ['c-1', 'r-1'],
    ]);
  });
});
