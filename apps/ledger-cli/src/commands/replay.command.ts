import { NotFound, parseIsoInstant } from '@app/domain';
import { EventStore } from '@app/event-store';
import { RelationshipReplay } from '@app/ledger';
import { CliError } from '../cli-error';
import { CliIo, printLines, println } from '../cli-io';
import { summarizeEvent } from '../event-summary';

export interface ReplayArgs {
  relationshipId: string;
  asOf?: string;
  revision?: number;
  json: boolean;
}

/** Prints a relationship's timeline (one line per event) and the state folded from it. */
export async function replayCommand(
  store: EventStore,
  args: ReplayArgs,
  io: CliIo,
): Promise<number> {
  if (args.asOf !== undefined && parseIsoInstant(args.asOf) === undefined) {
    throw new CliError(
      `--as-of must be an ISO-8601 instant with a time zone (e.g. 2026-01-31T12:00:00Z), not "${args.asOf}"`,
    );
  }
  let answer;
  try {
    answer = await new RelationshipReplay(store).replay(args.relationshipId, {
      asOf: args.asOf,
      revision: args.revision,
    });
  } catch (error) {
    if (error instanceof NotFound) throw new CliError(error.message);
    throw error;
  }
  if (args.json) {
    printLines(io.out, JSON.stringify(answer, null, 2));
    return answer.integrity.valid ? 0 : 1;
  }
  const upTo =
    args.asOf !== undefined
      ? ` as of ${args.asOf}`
      : args.revision !== undefined
        ? ` up to revision ${args.revision}`
        : '';
  println(io.out, `Relationship ${answer.relationshipId} (${answer.streamId})${upTo}`);
  if (answer.events.length === 0) println(io.out, '  (no events recorded by then)');
  for (const event of answer.events) {
    const actor = event.metadata.actor ? `  [${event.metadata.actor}]` : '';
    println(
      io.out,
      `  ${event.metadata.recordedAt}  #${event.revision}  ${event.type.padEnd(24)} ${summarizeEvent(event.type, event.data, event.metadata)}${actor}`,
    );
  }
  println(io.out);
  println(io.out, 'State:');
  printLines(io.out, JSON.stringify(answer.state, null, 2));
  if (!answer.integrity.valid) {
    println(io.out);
    for (const f of answer.integrity.failures) {
      println(io.out, `FAIL ${f.streamId} revision ${f.revision} ${f.reason}: ${f.detail}`);
    }
    println(io.out, 'WARNING: the replayed events do not pass the hash chain check');
    return 1;
  }
  return 0;
}
