import { Inject, Injectable } from '@nestjs/common';
import { ICommand, IEvent, ofType, Saga } from '@nestjs/cqrs';
import { filter, map, merge, mergeMap, Observable } from 'rxjs';
import {
  BreachStreakTrigger,
  BreachStreaksProjection,
  LedgerEventRecorded,
  READ_MODEL_STORE,
  ReadModelReader,
} from '@app/projections';
import { BreachStreakPending } from './breach-streak-pending.event';
import { ProposeImprovementForBreachStreak } from './propose-improvement-for-breach-streak.command';
import { SystemProposals } from './system-proposals';

/** Events that can complete a streak: a measurement, or a retraction that joins two runs. */
const STREAK_CUES = new Set(['ServiceLevelMeasured', 'FactRetracted']);

/**
 * When N consecutive periods of one warranty metric of one offering in one relationship
 * breached, the ledger proposes an improvement itself. The streak is found by the
 * breach-streaks projection (durable, committed before the EventBus sees the batch), so the
 * saga keeps no state of its own and a restart does not replay history as news.
 */
@Injectable()
export class BreachStreakSaga {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader,
    private readonly proposals: SystemProposals,
  ) {}

  @Saga()
  breachStreaks = (events$: Observable<IEvent>): Observable<ICommand> =>
    merge(
      events$.pipe(
        ofType(LedgerEventRecorded),
        filter((e) => STREAK_CUES.has(e.recorded.type)),
        // The read is tracked like the proposals it leads to: the EventBus feed's checkpoint
        // moves only once the triggers are read and their commands started.
        mergeMap((e) => this.proposals.track(this.pendingTriggers(e.recorded.eventId))),
        mergeMap((triggers) => triggers),
      ),
      events$.pipe(
        ofType(BreachStreakPending),
        map((e) => e.trigger),
      ),
    ).pipe(map((trigger) => new ProposeImprovementForBreachStreak(trigger)));

  private async pendingTriggers(eventId: string): Promise<BreachStreakTrigger[]> {
    const page = await this.readModels.list<BreachStreakTrigger>(
      BreachStreaksProjection.NAME,
      'triggers',
      { where: { eventId, status: 'pending' }, limit: 100 },
    );
    return page.items;
  }
}
