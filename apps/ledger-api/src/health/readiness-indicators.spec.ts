import { HealthIndicatorService } from '@nestjs/terminus';
import { loadLedgerConfig } from '@app/config';
import type { EventStore } from '@app/event-store';
import type { ProjectionReport, ProjectionRuntime } from '@app/projections';
import { HealthConditions } from './health-conditions';
import { ReadinessIndicators } from './readiness-indicators';

function report(name: string, lag: string | null, status: ProjectionReport['status'] = 'live') {
  return { name, status, lag, checkpoint: '10', failure: null } as unknown as ProjectionReport;
}

function indicators(reports: ProjectionReport[], maxLag = '100') {
  const config = loadLedgerConfig({ LEDGER_READY_MAX_LAG: maxLag }, '/tmp', false);
  const store = { health: async () => ({ kind: 'sqlite', reachable: true }) } as EventStore;
  const runtime = { reports: async () => reports } as unknown as ProjectionRuntime;
  return new ReadinessIndicators(
    new HealthIndicatorService(),
    new HealthConditions(),
    store,
    config,
    runtime,
  );
}

describe('ReadinessIndicators.lagCheck', () => {
  it('is up while every projection is at most LEDGER_READY_MAX_LAG events behind', async () => {
    const result = await indicators([report('catalog', '100'), report('trend', null)]).lagCheck();
    expect(result.lag).toMatchObject({ status: 'up', maxLag: 100, lag: 100 });
  });

  it('is down past it, naming each projection behind and by how much', async () => {
    const result = await indicators([report('catalog', '101'), report('trend', '5')]).lagCheck();
    expect(result.lag).toMatchObject({ status: 'down', maxLag: 100, lag: 101 });
    expect(result.lag.message).toBe(
      'projections behind the log by more than LEDGER_READY_MAX_LAG (100) events: catalog 101',
    );
  });
});
