import { Inject, Injectable } from '@nestjs/common';
import { ICommand, IEvent, ofType, Saga } from '@nestjs/cqrs';
import { filter, map, merge, mergeMap, Observable } from 'rxjs';
import {
  BreachStreakTrigger,
  BreachStreaksProjection,
} from '../projections/breach-streaks.projection';
import { READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';
import { LedgerEventRecorded } from '../nest/ledger-event-recorded.event';
import { BreachStreakPending } from './breach-streak-pending.event';
import { ProposeImprovementForBreachStreak } from './propose-improvement-for-breach-streak.command';

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
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  @Saga()
  breachStreaks = (events$: Observable<IEvent>): Observable<ICommand> =>
    merge(
      events$.pipe(
        ofType(LedgerEventRecorded),
        filter((e) => STREAK_CUES.has(e.recorded.type)),
        mergeMap((e) => this.pendingTriggers(e.recorded.eventId)),
      ),
      events$.pipe(
        ofType(BreachStreakPending),
        map((e) => e.trigger),
      ),
    ).pipe(map((trigger) => new ProposeImprovementForBreachStreak(trigger)));

  private pendingTriggers(eventId: string): BreachStreakTrigger[] {
    return this.readModels.list<BreachStreakTrigger>(BreachStreaksProjection.NAME, 'triggers', {
      where: { eventId, status: 'pending' },
      limit: 100,
    }).items;
  }
}
