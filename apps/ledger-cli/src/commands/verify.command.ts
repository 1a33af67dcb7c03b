import { NotFound } from '@app/domain';
import { EventStore } from '@app/event-store';
import { ChainVerification } from '@app/ledger';
import { CliError } from '../cli-error';
import { CliIo, println } from '../cli-io';
import { throttledProgress } from './progress';

export interface VerifyArgs {
  streamId?: string;
  json: boolean;
}

/** Recomputes the chains; prints each failure and a summary. Exit 1 when anything is broken. */
export async function verifyCommand(
  store: EventStore,
  args: VerifyArgs,
  io: CliIo,
): Promise<number> {
  const progress = throttledProgress(io);
  let report;
  try {
    report = await new ChainVerification(store).verify({
      streamId: args.streamId,
      onProgress: (n) => progress(`verified ${n} events…`),
    });
  } catch (error) {
    if (error instanceof NotFound) throw new CliError(`stream ${args.streamId} not found`);
    throw error;
  }
  if (args.json) {
    println(io.out, JSON.stringify(report));
  } else {
    for (const f of report.failures) {
      println(io.out, `FAIL ${f.streamId} revision ${f.revision} ${f.reason}: ${f.detail}`);
    }
    if (report.failuresTruncated) println(io.out, '… more failures were found than are listed');
    println(
      io.out,
      `${report.eventsChecked} events in ${report.streamsChecked} streams checked: ` +
        (report.valid ? 'every chain is intact' : `${report.failures.length} failure(s)`),
    );
  }
  return report.valid ? 0 : 1;
}
