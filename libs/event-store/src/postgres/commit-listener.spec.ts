import { EventEmitter } from 'node:events';
import type { Client } from 'pg';
import { CommitListener } from './commit-listener';
import { POSTGRES_CHANNEL } from './sql';

/** A LISTEN connection whose notifications the test sends. */
class FakeClient extends EventEmitter {
  connect = () => Promise.resolve();
  query = () => Promise.resolve();
  end = () => Promise.resolve();
  notify(payload?: string, channel = POSTGRES_CHANNEL): void {
    this.emit('notification', { channel, payload, processId: 1 });
  }
}

async function listening() {
  const client = new FakeClient();
  const listener = await CommitListener.start(() => client as unknown as Client);
  return { client, listener };
}

/** Whether `wait` has settled once pending callbacks ran. */
async function settled(wait: Promise<void>): Promise<boolean> {
  let done = false;
  void wait.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('CommitListener', () => {
  it('wakes a waiter at the first commit beyond its position, not at one it has seen', async () => {
    const { client, listener } = await listening();
    const wait = listener.waitBeyond('10', listener.unknown);
    client.notify('9');
    client.notify('10');
    expect(await settled(wait)).toBe(false);
    client.notify('12');
    expect(await settled(wait)).toBe(true);
    // Known committed already: at once.
    expect(await settled(listener.waitBeyond('11', listener.unknown))).toBe(true);
    expect(await settled(listener.waitBeyond('12', listener.unknown))).toBe(false);
    await listener.stop();
  });

  it("takes this process's commits as notified, so their own notification wakes nobody", async () => {
    const { client, listener } = await listening();
    const wait = listener.waitBeyond('10', listener.unknown);
    listener.committed('15');
    expect(await settled(wait)).toBe(true);
    const caughtUp = listener.waitBeyond('15', listener.unknown);
    client.notify('15');
    expect(await settled(caughtUp)).toBe(false);
    await listener.stop();
  });

  it('wakes every waiter on a payload that is no position, and one taken before it at once', async () => {
    const { client, listener } = await listening();
    const seen = listener.unknown;
    const wait = listener.waitBeyond('10', seen);
    client.notify('not a position');
    expect(await settled(wait)).toBe(true);
    // A read that started before that wake-up may have missed what it announced.
    expect(await settled(listener.waitBeyond('10', seen))).toBe(true);
    expect(await settled(listener.waitBeyond('10', listener.unknown))).toBe(false);
    await listener.stop();
  });

  it('ignores other channels', async () => {
    const { client, listener } = await listening();
    const wait = listener.waitBeyond('10', listener.unknown);
    client.notify('20', 'elsewhere');
    expect(await settled(wait)).toBe(false);
    await listener.stop();
    expect(await settled(wait)).toBe(true);
  });
});
