import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { AllSubscription, RecordedEvent } from '@app/event-store';
import { EventStreamSender } from './event-stream-sender';

/** A socket whose buffer is full after every write until it drains. */
class FullSocket extends EventEmitter {
  writes: string[] = [];
  writableEnded = false;
  writableNeedDrain = false;

  write(chunk: string): boolean {
    this.writes.push(chunk);
    this.writableNeedDrain = true;
    return false;
  }

  drain(): void {
    this.writableNeedDrain = false;
    this.emit('drain');
  }

  end(): void {
    this.writableEnded = true;
  }
}

/** A subscription that counts how many events were pulled from it. */
function countingSubscription(total: number): AllSubscription & { pulled: number } {
  let closed = false;
  const subscription = {
    pulled: 0,
    async close() {
      closed = true;
    },
    async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent> {
      for (let i = 1; i <= total && !closed; i += 1) {
        subscription.pulled += 1;
        const at = '2026-01-01T00:00:00.000Z';
        yield {
          streamId: `organization-${i}`,
          revision: 0,
          position: String(i),
          eventId: String(i),
          type: 'OrganizationRegistered',
          data: {},
          metadata: { recordedAt: at },
          recordedAt: at,
          previousHash: '',
          hash: '',
        };
      }
    },
  };
  return subscription;
}

/** Lets every pending callback and promise run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('EventStreamSender', () => {
  it('pulls the next event only when the socket has drained (bounded buffering)', async () => {
    const socket = new FullSocket();
    const subscription = countingSubscription(3);
    const sender = new EventStreamSender(socket as unknown as ServerResponse, subscription, 60_000);
    const running = sender.run();
    await settle();
    expect(subscription.pulled).toBe(1);
    expect(socket.writes).toHaveLength(1);

    socket.drain();
    await settle();
    expect(subscription.pulled).toBe(2);

    socket.drain();
    await settle();
    socket.drain();
    await running;
    expect(socket.writes.map((w) => w.split('\n')[0])).toEqual(['id: 1', 'id: 2', 'id: 3']);
    expect(socket.writableEnded).toBe(true);
  });

  it('stops waiting for a drain when the client goes away', async () => {
    const socket = new FullSocket();
    const subscription = countingSubscription(3);
    const sender = new EventStreamSender(socket as unknown as ServerResponse, subscription, 60_000);
    const running = sender.run();
    await settle();
    socket.emit('close');
    await running;
    expect(subscription.pulled).toBe(1);
  });
});
