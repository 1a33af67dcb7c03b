import { Module } from '@nestjs/common';
import { ChainVerification, LedgerExport, RelationshipReplay, StreamHistory } from '@app/ledger';
import { AuditController } from './audit.controller';

/** Audit routes; they read the event store directly (EVENT_STORE is global). */
@Module({
  controllers: [AuditController],
  providers: [StreamHistory, RelationshipReplay, ChainVerification, LedgerExport],
})
export class AuditModule {}
