import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { HealthCheckLogger } from './health-check-logger';
import { HealthConditions } from './health-conditions';
import { StorageWatch } from './storage-watch';

/**
 * Terminus for `/health/live`, `/health/ready` and `/health` (the controller and its indicators
 * sit in AppModule, which sees the store and the projections). HealthConditions is global so
 * any module can raise a condition that makes the ledger not ready. Not ready is logged as a
 * warning (HealthCheckLogger), not an error.
 */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json', logger: HealthCheckLogger })],
  providers: [
    HealthConditions,
    StorageWatch,
    { provide: APP_INTERCEPTOR, useExisting: StorageWatch },
  ],
  exports: [HealthConditions, TerminusModule],
})
export class HealthModule {}
