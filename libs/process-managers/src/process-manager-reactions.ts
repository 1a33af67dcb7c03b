import { Injectable, Logger } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import {
  BreachStreaksProjection,
  BreachStreakTrigger,
  EventBusReactions,
  ReadModelReader,
} from '@app/projections';
import { BreachStreakPending } from './breach-streak-pending.event';
import { SystemProposals } from './system-proposals';

/**
 * The process managers as the EventBus feed sees them: the feed's checkpoint waits for the
 * proposals in flight, and at boot a breach streak whose improvement a crash cut off (the streak
 * is recorded, the improvement is not in the log) is offered to the saga again. The proposal is
 * idempotent, so offering it twice proposes once.
 */
@Injectable()
export class ProcessManagerReactions implements EventBusReactions {
  private readonly logger = new Logger('ProcessManagers');

  constructor(
    private readonly eventBus: EventBus,
    private readonly proposals: SystemProposals,
  ) {}

  settled(): Promise<void> {
    return this.proposals.idle();
  }

  async recover(fedPosition: string, readModels: ReadModelReader): Promise<void> {
    const { items } = await readModels.list<BreachStreakTrigger>(
      BreachStreaksProjection.NAME,
      'triggers',
      {
        where: { status: 'pending' },
        limit: 1000,
      },
    );
    const cutOff = items.filter((t) => BigInt(t.position) <= BigInt(fedPosition));
    if (cutOff.length === 0) return;
    this.logger.warn(
      `offering ${cutOff.length} cut-off breach-streak reaction(s) to the saga again`,
    );
    this.eventBus.publishAll(cutOff.map((t) => new BreachStreakPending(t)));
  }
}
