import { Decider, LedgerEvent } from '@app/domain';
import { AggregateReader } from './aggregate-reader';
import { CommandAnswer } from './command-answer';
import { CommandContext } from './command-context';
import { CommandIds } from './command-ids';

/** One command against one aggregate stream, as a handler describes it. */
export interface CommandExecution<Command, Event extends LedgerEvent, State> {
  decider: Decider<Command, Event, State>;
  aggregateId: string;
  streamId: string;
  context: CommandContext;
  ids: CommandIds;
  /** True for the command that starts the stream (its retry with the same body is a no-op). */
  creates: boolean;
  /**
   * Runs the pure decide on the loaded state; may first read other streams through `streams`
   * to apply cross-aggregate rules.
   */
  decide(state: State, streams: AggregateReader): Event[] | Promise<Event[]>;
  /** Ids of entities the command creates, added to the answer (e.g. `{ outputId }`). */
  entityIds?: Record<string, string>;
}

/** What the command answers when the stream stands at `revision` / `position`. */
export function answerOf(
  execution: { aggregateId: string; streamId: string; entityIds?: Record<string, string> },
  revision: number,
  position: string,
): CommandAnswer {
  return {
    id: execution.aggregateId,
    streamId: execution.streamId,
    revision,
    position,
    ...execution.entityIds,
  };
}
