import { IEvent } from '@nestjs/cqrs';
import { BreachStreakTrigger } from '@app/projections';

/** At boot: a breach streak whose improvement is not in the log yet (the reaction was cut off). */
export class BreachStreakPending implements IEvent {
  constructor(readonly trigger: BreachStreakTrigger) {}
}
