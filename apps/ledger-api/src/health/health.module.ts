import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { HealthConditions } from './health-conditions';
import { ReadinessLog } from './readiness-log';
import { StorageWatch } from './storage-watch';

/**
 * Terminus for `/health/live`, `/health/ready` and `/health` (the controller and its indicators
 * sit in AppModule, which sees the store and the projections). HealthConditions is global so
 * any module can raise a condition that makes the ledger not ready. Terminus logs nothing
 * itself (it would log every not-ready probe at error): ReadinessLog says when readiness changes.
 */
@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  providers: [
    HealthConditions,
    ReadinessLog,
    StorageWatch,
    { provide: APP_INTERCEPTOR, useExisting: StorageWatch },
  ],
  exports: [HealthConditions, ReadinessLog, TerminusModule],
})
export class HealthModule {}
