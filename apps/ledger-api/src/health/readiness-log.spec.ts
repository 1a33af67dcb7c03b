import { Logger } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';
import { ReadinessLog } from './readiness-log';

function notReady(error: Record<string, string>): HealthCheckResult {
  const down = Object.fromEntries(
    Object.entries(error).map(([name, message]) => [name, { status: 'down' as const, message }]),
  );
  return { status: 'error', info: {}, error: down, details: down };
}

describe('ReadinessLog', () => {
  let lines: string[];

  beforeEach(() => {
    lines = [];
    jest
      .spyOn(Logger.prototype, 'warn')
      .mockImplementation((message: unknown) => void lines.push(`warn ${String(message)}`));
    jest
      .spyOn(Logger.prototype, 'log')
      .mockImplementation((message: unknown) => void lines.push(`log ${String(message)}`));
  });

  afterEach(() => jest.restoreAllMocks());

  it('logs a change of readiness once, not every probe; counts that move are no change', () => {
    const log = new ReadinessLog();
    log.ready();
    log.notReady(notReady({ lag: 'projections behind the log by 10 events: catalog 10' }));
    log.notReady(notReady({ lag: 'projections behind the log by 10 events: catalog 12' }));
    log.notReady(notReady({ lag: 'behind: catalog 12', disk: 'the disk of the data dir is full' }));
    log.notReady(notReady({ disk: 'the disk of the data dir is full' }));
    log.notReady(notReady({ disk: 'the disk of the data dir is full' }));
    log.ready();
    log.ready();
    log.notReady({ status: 'shutting_down', info: {}, error: {}, details: {} });
    log.notReady({ status: 'shutting_down', info: {}, error: {}, details: {} });
    expect(lines).toEqual([
      'warn not ready: lag: projections behind the log by 10 events: catalog 10',
      'warn not ready: lag: behind: catalog 12; disk: the disk of the data dir is full',
      'warn not ready: disk: the disk of the data dir is full',
      'log ready again',
      'log not ready: shutting down',
    ]);
  });
});
