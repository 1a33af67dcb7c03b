import { Inject, Injectable } from '@nestjs/common';
import { ICommand, IEvent, ofType, Saga } from '@nestjs/cqrs';
import { filter, map, merge, Observable } from 'rxjs';
import {
  AvailabilityStreaksProjection,
  BreachStreakTrigger,
} from '../projections/availability-streaks.projection';
import { READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';
import { LedgerEventRecorded } from '../nest/ledger-event-recorded.event';
import { BreachStreakPending } from './breach-streak-pending.event';
import { improvementIdForBreachStreak } from './deterministic-id';
import { ProposeImprovementForBreachStreak } from './propose-improvement-for-breach-streak.command';

/**
 * When an offering in a relationship breaches its availability target three measurements in a
 * row, the ledger proposes an improvement itself. The streak is counted by the
 * availability-streaks projection (durable, committed before the EventBus sees the batch), so
 * the saga keeps no state of its own and a restart does not replay history as news.
 */
@Injectable()
export class AvailabilityBreachSaga {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader) {}

  @Saga()
  breachStreaks = (events$: Observable<IEvent>): Observable<ICommand> =>
    merge(
      events$.pipe(
        ofType(LedgerEventRecorded),
        filter((e) => e.recorded.type === 'ServiceLevelMeasured'),
        map((e) => this.pendingTrigger(e.recorded.eventId)),
        filter((t): t is BreachStreakTrigger => t !== undefined),
      ),
      events$.pipe(
        ofType(BreachStreakPending),
        map((e) => e.trigger),
      ),
    ).pipe(map((trigger) => new ProposeImprovementForBreachStreak(trigger)));

  private pendingTrigger(measurementEventId: string): BreachStreakTrigger | undefined {
    const trigger = this.readModels.get<BreachStreakTrigger>(
      AvailabilityStreaksProjection.NAME,
      'triggers',
      improvementIdForBreachStreak(measurementEventId),
    );
    return trigger?.status === 'pending' ? trigger : undefined;
  }
}
