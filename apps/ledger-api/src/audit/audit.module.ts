import { Module } from '@nestjs/common';
import { ChainVerification, LedgerExport, RelationshipReplay, StreamHistory } from '@app/ledger';
import { AuditController } from './audit.controller';
import { LOG_CHECKPOINT_PROVIDERS } from './log-checkpoints.provider';
import { LogProofs } from './log-proofs';

/** Audit routes; they read the event store directly (EVENT_STORE is global). */
@Module({
  controllers: [AuditController],
  providers: [
    StreamHistory,
    RelationshipReplay,
    ChainVerification,
    LedgerExport,
    ...LOG_CHECKPOINT_PROVIDERS,
    LogProofs,
  ],
})
export class AuditModule {}
