import { RecordedEvent } from '@app/event-store';
import { ProjectionSlot } from './projection-slot';

/**
 * Sorts a chunk of events out to the projections that handle them: one lookup of each event's
 * type per chunk instead of one per event and projection (a rebuild hands seven projections a
 * million events, each handling some of the types). `result[i]` are `slots[i]`'s, in log order.
 */
export function dispatchByType(
  slots: readonly ProjectionSlot[],
  events: readonly RecordedEvent[],
): RecordedEvent[][] {
  const handledBy = new Map<string, number[]>();
  const handled: RecordedEvent[][] = slots.map(() => []);
  for (const event of events) {
    let targets = handledBy.get(event.type);
    if (targets === undefined) {
      targets = [];
      for (let i = 0; i < slots.length; i++) if (slots[i].handlesType(event.type)) targets.push(i);
      handledBy.set(event.type, targets);
    }
    for (const i of targets) handled[i].push(event);
  }
  return handled;
}
