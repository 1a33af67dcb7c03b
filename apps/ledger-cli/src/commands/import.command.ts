import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { CliError } from '../cli-error';
import { CliIo, escapeControl, println } from '../cli-io';
import { AnswerReferences } from '../import/answer-references';
import { CommandSender } from '../import/command-sender';
import { BadImportLine, ImportLine, parseImportLine } from '../import/import-line';
import { IMPORT_ROUTES } from '../import/import-routes';
import { ImportLanes } from '../import/import-lanes';
import { throttledProgress } from './progress';

export interface ImportArgs {
  file: string;
  /** Lines sent at once (default DEFAULT_IN_FLIGHT). */
  inFlight?: number;
  /** Longest wait for a rate-limited command before giving up. */
  maxRetryWaitSeconds?: number;
}

interface Refusal {
  line: number;
  command: string;
  reason: string;
}

/** Lines of a file, with their numbers (1-based), blank ones left out. */
async function* numberedLines(file: string): AsyncGenerator<{ number: number; text: string }> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() !== '') yield { number, text };
  }
}

/**
 * Brings existing history in from NDJSON, one command a line (README, "Importing history"),
 * through the ledger's own HTTP command routes: same validation, rules and events as the API.
 * Lines run in file order; each carries an Idempotency-Key (given or derived from the line),
 * so running a file again records nothing new. A refused line is reported with its number and
 * the rest go on; a server error stops the import (run it again to resume).
 */
export async function importCommand(
  sender: CommandSender,
  args: ImportArgs,
  io: CliIo,
): Promise<number> {
  let total = 0;
  try {
    for await (const _ of numberedLines(args.file)) total += 1;
  } catch (error) {
    throw new CliError(`cannot read ${args.file}: ${(error as Error).message}`);
  }
  println(
    io.err,
    `ledger import: ${total} command line(s) from ${args.file} into ${sender.target}`,
  );
  const references = new AnswerReferences();
  const seen = new Map<string, number>();
  const refusals: Refusal[] = [];
  const progress = throttledProgress(io);
  const lanes = new ImportLanes(args.inFlight ?? DEFAULT_IN_FLIGHT);
  const started = Date.now();
  let done = 0;
  let stopped: Error | undefined;
  const report = (): string => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    const rate = done / seconds;
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : 0;
    return `imported ${done}/${total} (${Math.round(rate)}/s, ETA ${eta} s, ${refusals.length} refused)`;
  };
  const run = async (number: number, line: ImportLine): Promise<void> => {
    await references.settled(line);
    const outcome = await sendLine(sender, references, line, args.maxRetryWaitSeconds ?? 60);
    if (outcome.status >= 500) {
      throw new CliError(
        `line ${number}: the ledger answered ${outcome.status} (${describe(outcome.body)}); stopped — run the import again to resume`,
      );
    }
    if (outcome.status >= 300) {
      const reason = `${outcome.status} ${describe(outcome.body)}`;
      refusals.push({ line: number, command: line.command, reason });
    } else {
      references.remember(line.as, outcome.body);
    }
  };
  for await (const { number, text } of numberedLines(args.file)) {
    if (stopped) break;
    const occurrence = seen.get(text.trim()) ?? 0;
    seen.set(text.trim(), occurrence + 1);
    let line: ImportLine;
    try {
      line = parseImportLine(text, occurrence);
    } catch (error) {
      if (!(error instanceof BadImportLine)) throw error;
      refusals.push({ line: number, command: '?', reason: error.message });
      done += 1;
      continue;
    }
    const work = lanes.schedule(laneOf(line), () => run(number, line));
    references.pending(line.as, work);
    work.then(
      () => {
        done += 1;
        progress(report());
      },
      (error: Error) => {
        if (error instanceof BadImportLine) {
          refusals.push({ line: number, command: line.command, reason: error.message });
          done += 1;
        } else {
          stopped ??= error;
        }
      },
    );
    await lanes.room();
  }
  await lanes.drained();
  println(io.err, report());
  if (stopped) throw stopped;
  refusals.sort((x, y) => x.line - y.line);
  for (const r of refusals) {
    println(io.out, `line ${r.line}: ${r.command} refused: ${escapeControl(r.reason)}`);
  }
  println(
    io.out,
    `${done} line(s): ${done - refusals.length} accepted (recorded now or by an earlier run), ${refusals.length} refused`,
  );
  return refusals.length === 0 ? 0 : 1;
}

/** Lines sent at once: commits on different streams share the store's group commit. */
export const DEFAULT_IN_FLIGHT = 8;

/**
 * Which lines may run side by side: facts of a relationship (a route with its id) wait only for
 * earlier lines of the same relationship; everything else — creates, offerings, improvements —
 * waits for every earlier line and is waited for by every later one, since other streams' rules
 * read what it records (a measurement reads the offering's warranty).
 */
function laneOf(line: ImportLine): string | undefined {
  return line.id !== undefined && IMPORT_ROUTES[line.command].startsWith('/v1/relationships/:id')
    ? `relationship:${line.id}`
    : undefined;
}

async function sendLine(
  sender: CommandSender,
  references: AnswerReferences,
  line: ImportLine,
  maxWaitSeconds: number,
) {
  const id = line.id === undefined ? undefined : references.resolve(line.id);
  const path = IMPORT_ROUTES[line.command].replace(':id', encodeURIComponent(id ?? ''));
  const body = references.resolve(line.body);
  for (let waited = 0; ;) {
    const outcome = await sender.send(path, body, line.idempotencyKey);
    const wait = outcome.retryAfterSeconds;
    if (outcome.status !== 429 || wait === undefined || waited + wait > maxWaitSeconds) {
      return outcome;
    }
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
    waited += wait;
  }
}

/** A problem answer in one line: its rule or field errors, else its detail. */
function describe(body: unknown): string {
  if (typeof body === 'string') return body;
  if (typeof body !== 'object' || body === null) return '';
  const problem = body as {
    rule?: string;
    detail?: string;
    errors?: { field: string; messages: string[] }[];
  };
  if (problem.errors && problem.errors.length > 0) {
    return problem.errors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; ');
  }
  return [problem.rule, problem.detail].filter((x) => x !== undefined).join(': ');
}
