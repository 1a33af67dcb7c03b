import 'reflect-metadata';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { EventStore } from '@app/event-store';
import { CliError } from './cli-error';
import { CliIo, escapeControl, printLines, println, processIo } from './cli-io';
import type { AuditLog } from './audit-log';
import {
  checkpointCommand,
  evidenceCommand,
  exportCommand,
  importCommand,
  openAuditLog,
  openInProcessSender,
  rebuildCommand,
  replayCommand,
  verifyAgainstCommand,
  verifyCommand,
} from './commands/lazy-commands';
import { CommandSender } from './import/command-sender';
import { HttpCommandSender } from './import/http-command-sender';
import { describeTarget, openStore, resolveLedgerConfig } from './store-target';

export const USAGE = `ledger — the Service-Relationship Ledger's tool for auditors and operators

Usage: npm run ledger -- <command> [options]      (or: ledger <command> [options])

Commands:
  verify [--stream <id>] [--json]
      Recompute the hash chains of the whole log (or one stream). Prints every broken place
      as stream, revision and reason; exits 1 when anything is broken.
  export [--from-position <p>] [--out <file>]
      Write every event after position <p> (exclusive; default: all) as NDJSON to <file> or
      standard output. Check it with docs/verify-export.mjs.
  replay <relationshipId> [--as-of <ISO time> | --revision <n>] [--json]
      Print the relationship's timeline up to that time or revision and the state folded from it.
  rebuild [<projection>]
      Rebuild read models (all, or one) from the log, where LEDGER_READ_MODELS says they are.
      Run it while the API (with projections inline) and every projector are stopped.
  checkpoint [--out <file>]
      Write the latest signed checkpoint of the Merkle log (signing a new one first when the log
      has grown and the ledger's key is here), for the auditor to keep outside the ledger.
  verify --against <kept checkpoint> [--key <verifier key or file>]
      Check the checkpoint's signature, then that the log's first N events still hash to its
      root and the consistency proof to the whole log verifies, then the chains. Exit 1 naming
      what could not be proved.
  import <file.ndjson> [--url <API base URL> --key <API key>]
      Bring existing history in: one command a line, {"command", "id"?, "body", "idempotencyKey"?,
      "as"?} (README, "Importing history"), sent through the API's own command routes — the same
      validation, rules and events. Into the data dir (the API stopped) or, with --url and --key,
      a running API. Idempotent: a second run records nothing. Prints progress to standard error
      and each refused line with its number; exits 1 when a line was refused.
  evidence --relationship <id> --out <dir>
      Write the relationship's events, an inclusion proof of each in one signed checkpoint, the
      checkpoint, the verifier key and a README; check it with docs/verify-export.mjs --evidence.

Where the events are (every command):
  --data-dir <dir>          the embedded store <dir>/events.db (default: $LEDGER_DATA_DIR or ./data)
  --eventstoredb <conn>     an EventStoreDB, e.g. esdb://localhost:2113?tls=false
                            (default when LEDGER_EVENT_STORE=eventstoredb: $EVENTSTOREDB_CONNECTION_STRING)
  -h, --help                this text

Exit status: 0 success, 1 verification failed (verify, replay) or a rebuild failed, 2 usage or I/O error
(LEDGER_DEBUG=1 prints the stack of an unexpected error).
Progress goes to standard error; results to standard output.`;

const STORE_OPTIONS = {
  'data-dir': { type: 'string' },
  eventstoredb: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

const COMMAND_OPTIONS = {
  verify: {
    stream: { type: 'string' },
    json: { type: 'boolean' },
    against: { type: 'string' },
    key: { type: 'string' },
  },
  export: { 'from-position': { type: 'string' }, out: { type: 'string' } },
  replay: { 'as-of': { type: 'string' }, revision: { type: 'string' }, json: { type: 'boolean' } },
  rebuild: {},
  checkpoint: { out: { type: 'string' } },
  evidence: { relationship: { type: 'string' }, out: { type: 'string' } },
  import: { url: { type: 'string' }, key: { type: 'string' } },
} as const satisfies Record<string, ParseArgsConfig['options']>;

type CommandName = keyof typeof COMMAND_OPTIONS;

function isCommand(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMAND_OPTIONS, name);
}

/** Runs one command line; resolves to the exit status. Never calls process.exit (testable). */
export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  io: CliIo = processIo,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    printLines(command === undefined ? io.err : io.out, USAGE);
    return command === undefined ? 2 : 0;
  }
  let store: EventStore | undefined;
  let audit: AuditLog | undefined;
  try {
    if (!isCommand(command)) throw new CliError(`unknown command "${command}"`);
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...STORE_OPTIONS, ...COMMAND_OPTIONS[command] },
      allowPositionals: true,
      strict: true,
    });
    const flags = values as Record<string, string | boolean | undefined>;
    if (flags.help) {
      printLines(io.out, USAGE);
      return 0;
    }
    const text = (name: string): string | undefined => flags[name] as string | undefined;
    if (command === 'import') {
      return await runImport(positionals, text, env, io);
    }
    const config = resolveLedgerConfig(
      { dataDir: text('data-dir'), eventStoreDb: text('eventstoredb') },
      env,
    );
    const expectPositionals = (max: number, min = 0): void => {
      if (positionals.length > max || positionals.length < min) {
        throw new CliError(
          `${command} takes ${min === max ? max : `${min} to ${max}`} argument(s), got ${positionals.length}`,
        );
      }
    };
    switch (command) {
      case 'verify':
        expectPositionals(0);
        if (text('against') !== undefined && (text('stream') !== undefined || flags.json)) {
          throw new CliError('--against checks the whole log: leave out --stream and --json');
        }
        if (text('key') !== undefined && text('against') === undefined) {
          throw new CliError('--key goes with --against <kept checkpoint>');
        }
        break;
      case 'checkpoint':
        expectPositionals(0);
        break;
      case 'evidence':
        expectPositionals(0);
        if (text('relationship') === undefined || text('out') === undefined) {
          throw new CliError('evidence needs --relationship <id> and --out <dir>');
        }
        break;
      case 'export':
        expectPositionals(0);
        break;
      case 'replay':
        expectPositionals(1, 1);
        if (text('as-of') !== undefined && text('revision') !== undefined) {
          throw new CliError('give --as-of or --revision, not both');
        }
        if (text('revision') !== undefined && !/^\d{1,15}$/.test(text('revision') ?? '')) {
          throw new CliError(`--revision must be a whole number, not "${text('revision')}"`);
        }
        break;
      case 'rebuild':
        expectPositionals(1);
        break;
    }
    store = await openStore(config);
    println(io.err, `ledger ${command}: ${describeTarget(config)}`);
    switch (command) {
      case 'verify': {
        const against = text('against');
        if (against === undefined) {
          return await verifyCommand(store, { streamId: text('stream'), json: !!flags.json }, io);
        }
        audit = await openAuditLog(config, store);
        return await verifyAgainstCommand(store, audit, { against, key: text('key') }, io);
      }
      case 'checkpoint':
        audit = await openAuditLog(config, store);
        return await checkpointCommand(audit, { out: text('out') }, io);
      case 'evidence':
        audit = await openAuditLog(config, store);
        return await evidenceCommand(
          store,
          audit,
          { relationshipId: text('relationship') ?? '', out: text('out') ?? '' },
          io,
        );
      case 'export':
        return await exportCommand(
          store,
          { fromPosition: text('from-position'), out: text('out') },
          io,
        );
      case 'replay': {
        const revision = text('revision');
        return await replayCommand(
          store,
          {
            relationshipId: positionals[0],
            asOf: text('as-of'),
            revision: revision === undefined ? undefined : Number(revision),
            json: !!flags.json,
          },
          io,
        );
      }
      case 'rebuild':
        return await rebuildCommand(
          store,
          {
            projection: positionals[0],
            config,
          },
          io,
        );
      default: {
        const unknown: never = command;
        throw new CliError(`unknown command "${String(unknown)}"`);
      }
    }
  } catch (error) {
    if (error instanceof CliError || isParseArgsError(error)) {
      println(io.err, `ledger: ${(error as Error).message}`);
      println(io.err, 'Run with --help for usage.');
      return 2;
    }
    // Operators get the message; LEDGER_DEBUG=1 adds the stack for a bug report.
    const detail =
      error instanceof Error ? (env.LEDGER_DEBUG === '1' ? error.stack : error.message) : undefined;
    println(io.err, `ledger: ${detail ?? String(error)}`);
    return 2;
  } finally {
    audit?.close();
    await store?.close();
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`ledger: ${escapeControl(String(error))}\n`);
      process.exitCode = 2;
    },
  );
}

/** `import`: into the data dir through the API in this process, or to a running API. */
async function runImport(
  positionals: string[],
  text: (name: string) => string | undefined,
  env: NodeJS.ProcessEnv,
  io: CliIo,
): Promise<number> {
  if (positionals.length !== 1) throw new CliError('import takes one argument: the NDJSON file');
  const [url, key] = [text('url'), text('key')];
  if ((url === undefined) !== (key === undefined)) {
    throw new CliError('--url and --key go together (a running API and an API key for it)');
  }
  let sender: CommandSender;
  if (url !== undefined && key !== undefined) {
    let base: URL;
    try {
      base = new URL(url);
    } catch {
      throw new CliError(`--url is not a URL: "${url}"`);
    }
    sender = new HttpCommandSender(base, key);
  } else {
    const config = resolveLedgerConfig(
      { dataDir: text('data-dir'), eventStoreDb: text('eventstoredb') },
      env,
    );
    sender = await openInProcessSender(config);
  }
  try {
    return await importCommand(sender, { file: positionals[0] }, io);
  } finally {
    await sender.close();
  }
}
