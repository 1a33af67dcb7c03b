import { PositionWaiters } from './position-waiters';

describe('PositionWaiters', () => {
  let at = 0;
  const waiters = new PositionWaiters((position) => Number(position) <= at);

  beforeEach(() => {
    at = 0;
  });

  it('answers at once for a position already reached', async () => {
    at = 5;
    await expect(waiters.waitFor('5', 10)).resolves.toBe(true);
  });

  it('wakes a waiter when a notify finds its position reached, and only then', async () => {
    const seven = waiters.waitFor('7', 5_000);
    const nine = waiters.waitFor('9', 5_000);
    const settled: string[] = [];
    void seven.then(() => settled.push('7'));
    void nine.then(() => settled.push('9'));
    at = 8;
    waiters.notify();
    await expect(seven).resolves.toBe(true);
    expect(settled).toEqual(['7']);
    at = 9;
    waiters.notify();
    await expect(nine).resolves.toBe(true);
  });

  it('answers false after the timeout, and false to everyone on cancel', async () => {
    await expect(waiters.waitFor('3', 5)).resolves.toBe(false);
    const pending = waiters.waitFor('4', 5_000);
    waiters.cancelAll();
    await expect(pending).resolves.toBe(false);
  });
});
