import { mkdirSync } from 'node:fs';
import { DynamicModule, Module } from '@nestjs/common';
import { LedgerModule } from '@app/ledger';
import { LedgerConfig } from '@app/config';
import { BENCH_BASELINE_ENV, BenchBaselineController } from './bench-baseline.controller';
import { ImprovementCommandsController } from './improvement-commands.controller';
import { OfferingCommandsController } from './offering-commands.controller';
import { openIdempotencyStore } from '@app/composition';
import { OrganizationCommandsController } from './organization-commands.controller';
import { RelationshipCommandsController } from './relationship-commands.controller';
import { StateCacheMetrics } from './state-cache-metrics';

/** The HTTP command routes of SPEC.md, on the command side of `@app/ledger`. */
@Module({})
export class CommandsModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    mkdirSync(config.dataDir, { recursive: true });
    return {
      module: CommandsModule,
      imports: [
        LedgerModule.forRoot({
          openIdempotencyStore: (now) => openIdempotencyStore(config, now),
          idempotencyRetentionDays: config.idempotencyRetentionDays,
          stateCacheBytes: config.stateCacheBytes,
          snapshotEvery: config.snapshotEvery,
        }),
      ],
      controllers: [
        OrganizationCommandsController,
        OfferingCommandsController,
        RelationshipCommandsController,
        ImprovementCommandsController,
        ...(process.env[BENCH_BASELINE_ENV] === '1' ? [BenchBaselineController] : []),
      ],
      providers: [StateCacheMetrics],
    };
  }
}
