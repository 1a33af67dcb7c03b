/**
 * `npm run bench:streams` — does a command cost the same however long its relationship grows?
 * Not a test: it prints the figures of issue 15 and writes the "Long streams" section of
 * docs/benchmarks.md.
 *
 * One relationship is grown to BENCH_STREAM_EVENTS (default 100,000) events by sequential
 * `DeliverOutput` commands through the app's CommandBus (the real command path: handler,
 * repository, cache, snapshots, store, projections live in-process; no HTTP), and a second one
 * the same way with an Idempotency-Key on every command. For each: appends/s and p99 over the
 * first and the last 1,000 commands. Then, for each relationship, BENCH_RESTARTS (default 3)
 * restarts in fresh processes time the first command on it, with its snapshots and with them
 * deleted (a full fold; its rate is events folded per second of that command). Medians.
 * Targets: last/first appends/s ≥ 0.9; cold command with snapshots < 50 ms; full fold
 * ≥ 200,000 events/s; peak RSS < 300 MB.
 *
 * Run compiled (scripts/run-compiled.js): under ts-node the TypeScript compiler would be part
 * of every process's RSS (~90 MB).
 *
 * Knobs: BENCH_STREAM_EVENTS, BENCH_KEYED_EVENTS (default: the same), BENCH_RESTARTS, LEDGER_SQLITE_SYNCHRONOUS (default FULL),
 * BENCH_WRITE_DOCS=0 to leave docs/benchmarks.md alone, BENCH_CPU_PROFILE=DIR to write CPU
 * profiles of the first and last windows (`plain-first.cpuprofile`, … `keyed-last`),
 * BENCH_DATA_DIR=DIR to grow in DIR (new or empty) and keep it (for the restart worker by hand).
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CommandBus } from '@nestjs/cqrs';
import { loadLedgerConfig } from '@app/config';
import { CommandAnswer, ExecuteOrganizationCommand, ExecuteRelationshipCommand } from '@app/ledger';
import { createLedgerApp } from '../../apps/ledger-api/src/app.factory';
import { CpuProfile, startCpuProfile } from './cpu-profile';
import { fmt, median } from './report-format';

const EVENTS = Number(process.env.BENCH_STREAM_EVENTS ?? 100_000);
const KEYED_EVENTS = Number(process.env.BENCH_KEYED_EVENTS ?? EVENTS);
const RESTARTS = Number(process.env.BENCH_RESTARTS ?? 3);
/** A directory to write CPU profiles of the first and last window of each growth to. */
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE;
const WINDOW = 1000;
const CHUNK = 50;
/** Run compiled (scripts/run-compiled.js, as `npm run bench:streams` does) or through ts-node. */
const COMPILED = __filename.endsWith('.js');
const ROOT = join(__dirname, '..', '..', ...(COMPILED ? ['..', '..'] : []));
const DOCS = join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- streams-bench:start -->';
const END = '<!-- streams-bench:end -->';

interface Growth {
  relationshipId: string;
  events: number;
  first: Window & { cpuMs: number };
  last: Window & { cpuMs: number };
  /** Interleaved with {@link fresh}: the grown relationship … */
  long: Window;
  /** … and a new one, in alternating chunks. */
  fresh: Window;
  seconds: number;
}

interface Window {
  perSecond: number;
  p99: number;
}

interface Restart {
  ms: number;
  /** CPU time of the worker process during the command. */
  cpuMs: number;
  revision: number;
  snapshotRevision: number | null;
  maxRssMb: number;
}

async function main(): Promise<void> {
  const kept = process.env.BENCH_DATA_DIR;
  const dataDir = kept ?? mkdtempSync(join(tmpdir(), 'ledger-bench-streams-'));
  const env = { ...process.env, LEDGER_DATA_DIR: dataDir, LEDGER_API_KEYS: '' };
  try {
    const config = loadLedgerConfig(env);
    const app = await createLedgerApp(config, { logger: ['error'] });
    await app.init();
    const bus = app.get(CommandBus);
    const plain = await grow(bus, false);
    const keyed = await grow(bus, true);
    await app.close();
    const growthRssMb = process.resourceUsage().maxRSS / 1024;

    const restarts = (relationshipId: string, isKeyed: boolean, deleteSnapshots: boolean) =>
      Array.from({ length: RESTARTS }, () =>
        restart(env, relationshipId, isKeyed, deleteSnapshots),
      );
    const cold = {
      plainSnapshot: restarts(plain.relationshipId, false, false),
      plainFull: restarts(plain.relationshipId, false, true),
      keyedSnapshot: restarts(keyed.relationshipId, true, false),
      keyedFull: restarts(keyed.relationshipId, true, true),
    };
    report(plain, keyed, cold, growthRssMb, config.sqliteSynchronous);
  } finally {
    if (kept === undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One relationship and a way to run one timed `DeliverOutput` on it (keyed or not). */
interface Target {
  relationshipId: string;
  deliver(): Promise<number>;
}

async function establish(bus: CommandBus, keyed: boolean, tag: string): Promise<Target> {
  let n = 0;
  const context = () => {
    n += 1;
    return {
      actor: 'bench:service',
      requestHash: `${tag}-${n}`,
      idempotencyKey: keyed ? `${tag}-${n}` : undefined,
    };
  };
  const register = async (name: string): Promise<string> => {
    const answer: CommandAnswer = await bus.execute(
      new ExecuteOrganizationCommand(
        undefined,
        { type: 'RegisterOrganization', data: { name } },
        context(),
      ),
    );
    return answer.id;
  };
  const providerId = await register('Provider');
  const consumerId = await register('Consumer');
  const established: CommandAnswer = await bus.execute(
    new ExecuteRelationshipCommand(
      undefined,
      { type: 'EstablishRelationship', data: { providerId, consumerId } },
      context(),
    ),
  );
  const relationshipId = established.id;
  return {
    relationshipId,
    async deliver() {
      const before = performance.now();
      await bus.execute(
        new ExecuteRelationshipCommand(
          relationshipId,
          { type: 'DeliverOutput', data: { description: `monthly capacity report ${n}` } },
          context(),
        ),
      );
      return performance.now() - before;
    },
  };
}

/** A relationship grown to its size by sequential commands; the first and last windows. */
async function grow(bus: CommandBus, keyed: boolean): Promise<Growth> {
  const events = keyed ? KEYED_EVENTS : EVENTS;
  const target = await establish(bus, keyed, keyed ? 'keyed' : 'plain');
  const latencies: number[] = [];
  const started = performance.now();
  // CPU time of this process per command, over the first and the last window: unlike appends/s
  // it hardly moves with the load others put on the machine.
  const cpuAt = new Map<number, number>([[0, cpuMs()]]);
  const commands = events - 1;
  const name = keyed ? 'keyed' : 'plain';
  let profile = await windowProfile(name, 'first');
  for (let i = 0; i < commands; i += 1) {
    if (i === WINDOW || i === commands - WINDOW) cpuAt.set(i, cpuMs());
    if (i === WINDOW) await profile.stop();
    if (i === commands - WINDOW) profile = await windowProfile(name, 'last');
    if ((i + WINDOW) % 10_000 === 0) cpuAt.set(-1, cpuMs());
    latencies.push(await target.deliver());
    if ((i + 1) % 10_000 === 0) {
      const recent = latencies.slice(-WINDOW);
      const memory = process.memoryUsage();
      const cpu = (cpuMs() - (cpuAt.get(-1) ?? NaN)) / WINDOW;
      console.log(
        `${name}: ${fmt(i + 2)} events, last ${WINDOW}: ${window(recent).perSecond.toFixed(0)}/s, ` +
          `CPU ${fmt(cpu, 2)} ms per command; ` +
          `rss ${mb(memory.rss)} MB, heap ${mb(memory.heapUsed)} of ${mb(memory.heapTotal)} MB, ` +
          `external ${mb(memory.external)} MB`,
      );
    }
  }
  cpuAt.set(commands, cpuMs());
  await profile.stop();
  const cpuPerCommand = (from: number, to: number) =>
    ((cpuAt.get(to) ?? NaN) - (cpuAt.get(from) ?? NaN)) / (to - from);
  const seconds = (performance.now() - started) / 1000;
  // The machine is shared: the first and last windows are minutes apart, under different load.
  // So also: the grown relationship against a fresh one, in alternating chunks of 50 commands.
  const fresh = await establish(bus, keyed, keyed ? 'keyed-fresh' : 'plain-fresh');
  const long: number[] = [];
  const short: number[] = [];
  for (let chunk = 0; chunk < WINDOW / CHUNK; chunk += 1) {
    for (let i = 0; i < CHUNK; i += 1) long.push(await target.deliver());
    for (let i = 0; i < CHUNK; i += 1) short.push(await fresh.deliver());
  }
  return {
    relationshipId: target.relationshipId,
    events,
    first: { ...window(latencies.slice(0, WINDOW)), cpuMs: cpuPerCommand(0, WINDOW) },
    last: {
      ...window(latencies.slice(-WINDOW)),
      cpuMs: cpuPerCommand(commands - WINDOW, commands),
    },
    long: window(long),
    fresh: window(short),
    seconds,
  };
}

/** With BENCH_CPU_PROFILE: a V8 CPU profile of this process from now on. */
/** With BENCH_CPU_PROFILE=DIR, a profile of one window, written as DIR/<relationship>-<window>.cpuprofile. */
function windowProfile(name: string, window: 'first' | 'last'): Promise<CpuProfile> {
  const file =
    PROFILE_DIR === undefined ? undefined : join(PROFILE_DIR, `${name}-${window}.cpuprofile`);
  return startCpuProfile(file, 1000);
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function mb(bytes: number): string {
  return fmt(bytes / 1024 / 1024);
}

function window(latencies: number[]): Window {
  const total = latencies.reduce((sum, ms) => sum + ms, 0);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    perSecond: (latencies.length * 1000) / total,
    p99: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)],
  };
}

function restart(
  env: NodeJS.ProcessEnv,
  relationshipId: string,
  keyed: boolean,
  deleteSnapshots: boolean,
): Restart {
  const out = execFileSync(
    process.execPath,
    [
      ...(COMPILED ? [] : ['-r', 'ts-node/register/transpile-only']),
      '-r',
      'tsconfig-paths/register',
      join(__dirname, `streams-worker${COMPILED ? '.js' : '.ts'}`),
      relationshipId,
      keyed ? '1' : '0',
      deleteSnapshots ? '1' : '0',
    ],
    { cwd: ROOT, env, encoding: 'utf8' },
  );
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (line === undefined) throw new Error(`the restart worker printed no result: ${out}`);
  return JSON.parse(line.slice('RESULT '.length)) as Restart;
}

function report(
  plain: Growth,
  keyed: Growth,
  cold: Record<'plainSnapshot' | 'plainFull' | 'keyedSnapshot' | 'keyedFull', Restart[]>,
  growthRssMb: number,
  synchronous: string,
): void {
  const ms = (runs: Restart[]) => median(runs.map((r) => r.ms));
  const foldRate = (runs: Restart[]) => median(runs.map((r) => r.revision / (r.ms / 1000)));
  const rss = Math.max(
    growthRssMb,
    ...Object.values(cold)
      .flat()
      .map((r) => r.maxRssMb),
  );
  const cpu = (growth: Growth) =>
    `${fmt(growth.first.cpuMs, 2)} → ${fmt(growth.last.cpuMs, 2)} ms ` +
    `(×${(growth.last.cpuMs / growth.first.cpuMs).toFixed(2)})`;
  const row = (name: string, growth: Growth, withSnapshot: Restart[], full: Restart[]) =>
    `| ${name}, ${fmt(growth.events)} events | ${fmt(growth.first.perSecond)} / ${fmt(growth.first.p99, 1)} ms | ` +
    `${fmt(growth.last.perSecond)} / ${fmt(growth.last.p99, 1)} ms | ` +
    `**${(growth.last.perSecond / growth.first.perSecond).toFixed(2)}** | ` +
    `${fmt(growth.long.perSecond)} / ${fmt(growth.long.p99, 1)} ms vs ${fmt(growth.fresh.perSecond)} / ${fmt(growth.fresh.p99, 1)} ms: **${(growth.long.perSecond / growth.fresh.perSecond).toFixed(2)}** | ` +
    `${fmt(ms(withSnapshot), 1)} ms (snapshot at ${withSnapshot[0].snapshotRevision ?? '—'}) | ` +
    `${fmt(ms(full))} ms, **${fmt(foldRate(full))} events/s** |`;
  const lines = [
    'One relationship per row, grown by sequential `DeliverOutput` commands through the CommandBus ' +
      `(synchronous=${synchronous}), ${RESTARTS} restarts per cold case in fresh processes, ` +
      `medians; load average at the end ${loadavg()[0].toFixed(2)}.`,
    '',
    '| relationship | first 1,000: appends/s / p99 | last 1,000: appends/s / p99 | last / first | then, interleaved: 1,000 on it vs 1,000 on a new one | first command after a restart, with snapshots | … with snapshots deleted (full fold) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    row('unkeyed commands', plain, cold.plainSnapshot, cold.plainFull),
    row('keyed commands (`Idempotency-Key` on each)', keyed, cold.keyedSnapshot, cold.keyedFull),
    '',
    `Growing took ${fmt(plain.seconds)} s (unkeyed) and ${fmt(keyed.seconds)} s (keyed). ` +
      `CPU time of the process per command, first 1,000 → last 1,000: ${cpu(plain)} unkeyed, ` +
      `${cpu(keyed)} keyed. ` +
      `Peak RSS: ${fmt(rss)} MB (growth process ${fmt(growthRssMb)} MB; restarts ` +
      `${fmt(
        Math.max(
          ...Object.values(cold)
            .flat()
            .map((r) => r.maxRssMb),
        ),
      )} MB). ` +
      'Targets: last/first ≥ 0.9 (and so the interleaved ratio), cold command with snapshots < 50 ms, full fold ≥ 200,000 events/s, peak RSS < 300 MB.',
  ];
  const text = lines.join('\n');
  console.log(`\n${text}\n`);
  console.log(
    JSON.stringify({ plain, keyed, cold, growthRssMb }, (_k, v: unknown) =>
      typeof v === 'number' ? Number(v.toFixed(2)) : v,
    ),
  );
  if (process.env.BENCH_WRITE_DOCS === '0') return;
  const docs = readFileSync(DOCS, 'utf8');
  const start = docs.indexOf(START);
  const end = docs.indexOf(END);
  if (start < 0 || end < start) {
    console.log(`docs/benchmarks.md has no ${START} … ${END} section; not written`);
    return;
  }
  writeFileSync(DOCS, `${docs.slice(0, start + START.length)}\n${text}\n${docs.slice(end)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
