import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EventStore } from '@app/event-store';
import { LedgerExport } from '@app/ledger';
import { CliError } from '../cli-error';
import { CliIo, println } from '../cli-io';
import { throttledProgress } from './progress';

export interface ExportArgs {
  /** Exclusive: the export starts after this position. */
  fromPosition?: string;
  /** A file to write; default: standard output. */
  out?: string;
}

const POSITION = /^(0|[1-9][0-9]{0,39})$/;

/**
 * Writes every event after `fromPosition` as NDJSON, pulling a page from the store only when
 * the output has taken the previous one (memory does not grow with the log). A file is written
 * under a temporary name and renamed when complete, so a half export never looks finished.
 */
export async function exportCommand(
  store: EventStore,
  args: ExportArgs,
  io: CliIo,
): Promise<number> {
  if (args.fromPosition !== undefined && !POSITION.test(args.fromPosition)) {
    throw new CliError(
      `--from-position must be a position (a decimal string), not "${args.fromPosition}"`,
    );
  }
  const progress = throttledProgress(io);
  let exported = 0;
  const lines = new LedgerExport(store).ndjson({
    fromPosition: args.fromPosition,
    onProgress: (count, position) => {
      exported = count;
      progress(`exported ${count} events (up to position ${position})…`);
    },
  });
  const source = Readable.from(lines, { objectMode: false });
  if (args.out === undefined) {
    await pipeline(source, io.out, { end: false });
  } else {
    const partial = `${args.out}.partial`;
    await pipeline(source, createWriteStream(partial));
    await rename(partial, args.out);
  }
  println(io.err, `exported ${exported} events${args.out ? ` to ${args.out}` : ''}`);
  return 0;
}
