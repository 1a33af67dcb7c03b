import { WriteRetry } from './write-retry';

describe('WriteRetry', () => {
  const logged: string[] = [];
  const logger = { log: (m: string) => logged.push(m), warn: () => {}, error: () => {} };

  it('doubles the pause from 100 ms up to 5 s, keeps the first failure time, clears on success', () => {
    let t = 0;
    const retry = new WriteRetry(logger, () => `t${t++}`);
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      retry.failed(Object.assign(new Error('disk is full'), { code: 'SQLITE_FULL' }));
      delays.push(retry.delayMs());
    }
    expect(delays).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
    expect(retry.current).toMatchObject({
      attempts: 8,
      since: 't0',
      reason: 'the read models cannot be written: disk is full',
    });
    retry.succeeded();
    expect(retry.current).toBeUndefined();
    expect(logged).toEqual(['projections: read models written again after 8 tries']);
    retry.succeeded();
    expect(logged).toHaveLength(1);
  });
});
