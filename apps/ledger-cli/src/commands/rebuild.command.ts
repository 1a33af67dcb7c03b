import { openProjectionOwnership, openReadModels } from '@app/composition';
import { LedgerConfig } from '@app/config';
import { EventStore } from '@app/event-store';
import { DataDirLock, DataDirLocked } from '@app/event-store/sqlite';
import { allProjections, ProjectionRunner } from '@app/projections';
import { PROJECTOR_LOCK } from '@app/projections/sqlite';
import { CliError } from '../cli-error';
import { CliIo, println } from '../cli-io';

export interface RebuildArgs {
  /** One projection; default: every projection. */
  projection?: string;
  /** The read models it names (LEDGER_READ_MODELS), the data dir, LEDGER_BREACH_STREAK. */
  config: LedgerConfig;
  /** How often to report progress while waiting. */
  pollMs?: number;
}

/**
 * Rebuilds read models offline with the same runner the API uses: each projection is rebuilt
 * aside from the whole log and swapped in when caught up. It holds the read models meanwhile,
 * so it refuses to run while the API or a projector writes them: the embedded ones through the
 * data dir's locks, the shared ones (LEDGER_READ_MODELS=postgres) by owning every projection.
 */
export async function rebuildCommand(
  store: EventStore,
  args: RebuildArgs,
  io: CliIo,
): Promise<number> {
  const projections = allProjections(args.config.breachStreak);
  const names = projections.map((p) => p.name);
  if (args.projection !== undefined && !names.includes(args.projection)) {
    throw new CliError(`unknown projection "${args.projection}"; known: ${names.join(', ')}`);
  }
  if (args.config.readModels === 'postgres') {
    const ownership = await openProjectionOwnership(args.config, 'ledger rebuild');
    try {
      const held = await ownership.claim(names);
      const others = names.filter((name) => !held.has(name));
      if (others.length > 0) {
        throw new CliError(
          `projections ${others.join(', ')} are owned by a projector or an API on the shared ` +
            'read models: stop them to rebuild here, or rebuild through the running one: ' +
            'POST /v1/admin/projections/<name>/rebuild (role admin)',
        );
      }
      return await rebuildHolding(store, args, io, names, projections);
    } finally {
      await ownership.release();
    }
  }
  const lock = holdDataDir(args.config.dataDir);
  try {
    const projector = holdReadModels(args.config.dataDir);
    try {
      return await rebuildHolding(store, args, io, names, projections);
    } finally {
      projector.release();
    }
  } finally {
    lock.release();
  }
}

/** The data dir, or a refusal that says to rebuild through the running API instead. */
function holdDataDir(dataDir: string): DataDirLock {
  try {
    return DataDirLock.acquire(dataDir, 'ledger rebuild');
  } catch (error) {
    if (!(error instanceof DataDirLocked)) throw error;
    throw new CliError(
      `${error.message}. While the API runs, rebuild through it: ` +
        'POST /v1/admin/projections/<name>/rebuild (role admin)',
    );
  }
}

/** The read models' writer lock, or a refusal while a projector writes them. */
function holdReadModels(dataDir: string): DataDirLock {
  try {
    return DataDirLock.acquire(dataDir, 'ledger rebuild', PROJECTOR_LOCK);
  } catch (error) {
    if (!(error instanceof DataDirLocked)) throw error;
    throw new CliError(`${error.message}. Stop the projector (npm run projector) to rebuild`);
  }
}

async function rebuildHolding(
  store: EventStore,
  args: RebuildArgs,
  io: CliIo,
  names: string[],
  projections: ReturnType<typeof allProjections>,
): Promise<number> {
  const readModels = await openReadModels(args.config);
  const runner = new ProjectionRunner({
    eventStore: store,
    readModels,
    projections,
    logger: {
      log: (m) => println(io.err, m),
      warn: (m) => println(io.err, `warning: ${m}`),
      error: (m) => println(io.err, `error: ${m}`),
    },
  });
  let failed = 0;
  try {
    await runner.start();
    const targets = args.projection === undefined ? names : [args.projection];
    for (const name of targets) runner.rebuild(name);
    for (;;) {
      const reports = (await runner.reports()).filter((r) => targets.includes(r.name));
      const running = reports.filter((r) => r.rebuild?.status === 'running');
      for (const r of running) {
        println(io.err, `${r.name}: ${r.rebuild?.eventsApplied ?? 0} events applied…`);
      }
      if (running.length === 0) {
        for (const r of reports) {
          const rebuild = r.rebuild;
          if (rebuild?.status === 'completed') {
            println(
              io.out,
              `${r.name}: rebuilt (generation ${rebuild.generation}, ${rebuild.eventsApplied} events)`,
            );
          } else {
            failed += 1;
            println(io.out, `${r.name}: rebuild failed: ${rebuild?.error ?? 'unknown'}`);
          }
        }
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, args.pollMs ?? 500));
    }
  } finally {
    await runner.stop();
    await readModels.close();
  }
  return failed === 0 ? 0 : 1;
}
