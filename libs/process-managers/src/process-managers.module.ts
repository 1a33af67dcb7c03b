import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_BUS_REACTIONS } from '@app/projections';
import { BreachStreakSaga } from './breach-streak.saga';
import { ProcessManagerReactions } from './process-manager-reactions';
import { ProposeImprovementForBreachStreakHandler } from './propose-improvement-for-breach-streak.handler';
import { SystemProposals } from './system-proposals';

/**
 * The process managers (the breach-streak saga), for the process that runs the projections:
 * they listen to its EventBus feed, read its read models (READ_MODEL_STORE) and send commands
 * through the CommandBus, so that process also runs the command side. Global so the projection
 * runtime finds EVENT_BUS_REACTIONS.
 */
@Global()
@Module({
  imports: [CqrsModule.forRoot()],
  providers: [
    SystemProposals,
    BreachStreakSaga,
    ProposeImprovementForBreachStreakHandler,
    ProcessManagerReactions,
    { provide: EVENT_BUS_REACTIONS, useExisting: ProcessManagerReactions },
  ],
  exports: [EVENT_BUS_REACTIONS],
})
export class ProcessManagersModule {}
