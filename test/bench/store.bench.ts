/**
 * `npm run bench:store` — the embedded event store against raw better-sqlite3 doing the same
 * SQL work (same schema, same statements, same hashing, same durability: WAL +
 * synchronous=FULL), on a fresh temp dir. Not a test: it prints a table of medians.
 *
 * Lines:
 *  (a) single-event appends with an exact expected revision, each its own transaction
 *      (awaited one by one, so group commit cannot merge them), over 10,000 streams;
 *  (b) 100-event appends with an exact expected revision;
 *  (c) readAll of 1,000,000 events: events/s and peak RSS, each reader in its own child
 *      process so the two do not share a heap;
 *  (d) the Merkle log on that 1,000,000-event log: building it over events stored before it,
 *      then the median time of 1,000 random inclusion proofs and 1,000 random consistency
 *      proofs (each answered through the adapter's MerkleLog, as the proof routes do).
 *
 * The adapter keeps its Merkle log in every append's transaction; raw better-sqlite3 runs the
 * same SQL without the tree, and a third side ("raw + tree") the same SQL plus the adapter's
 * Merkle step, so the tree's own cost shows.
 *
 * (p) the PostgreSQL adapter against raw `pg` running the same SQL (postgres-store-lines.ts).
 *
 * Sizes can be scaled down while developing: BENCH_STREAMS, BENCH_BATCHES, BENCH_READ_EVENTS,
 * BENCH_RUNS.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';
import { type MerkleLog, type NewEvent } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { measurePostgresLines } from './postgres-store-lines';
import { RawSqliteStore } from './raw-sqlite-store';
import { fmt, median } from './report-format';
import type { ReadResult } from './store-reader';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 10_000);
const BATCHES = Number(process.env.BENCH_BATCHES ?? 200);
const BATCH_SIZE = 100;
const READ_EVENTS = Number(process.env.BENCH_READ_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PAGE_SIZE = 1000;
const PROOFS = Number(process.env.BENCH_PROOFS ?? 1000);

// ---------------------------------------------------------------- workload

function benchEvent(i: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'RelationshipAgreed',
    data: {
      relationshipId: randomUUID(),
      offeringId: randomUUID(),
      consumerId: randomUUID(),
      agreedOn: '2026-01-01',
      serviceLevel: { availabilityPercent: '99.9', responseMinutes: 30 },
      sequence: i,
    },
    metadata: { actor: 'bench:service', correlationId: randomUUID(), schemaVersion: 1 },
  };
}

function streamIds(count: number): string[] {
  return Array.from({ length: count }, () => `relationship-${randomUUID()}`);
}

/** Workload of one append line: seed events (not measured) then appends at exact revision 0. */
interface AppendWorkload {
  streams: string[];
  seed: NewEvent[][];
  appends: NewEvent[][];
}

function appendWorkload(streams: number, eventsPerAppend: number): AppendWorkload {
  const ids = streamIds(streams);
  return {
    streams: ids,
    seed: ids.map((_, i) => [benchEvent(i)]),
    appends: ids.map((_, i) =>
      Array.from({ length: eventsPerAppend }, (_, j) => benchEvent(i * eventsPerAppend + j)),
    ),
  };
}

// ---------------------------------------------------------------- raw better-sqlite3

// ---------------------------------------------------------------- append lines

type Side = 'adapter' | 'adapterNoTree' | 'raw' | 'rawTree';
type ReadSide = 'adapter' | 'raw';

const CHUNKS = 100;

/**
 * Events per second of each side on the measured appends of `workload`, each side on its own
 * fresh file. The machine is shared and its load drifts, so the two sides take turns in
 * chunks (a hundredth of the appends each, the side going first alternating) and each side's
 * rate is its events over the sum of its chunks' times: both see the same load periods.
 */
async function measureAppends(workload: AppendWorkload): Promise<Record<Side, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-append-'));
  try {
    const files = {
      adapter: join(dir, 'adapter.db'),
      adapterNoTree: join(dir, 'adapter-no-tree.db'),
      raw: join(dir, 'raw.db'),
      rawTree: join(dir, 'raw-tree.db'),
    };
    // Every side starts from the same seeded streams (one event each), written in bulk.
    for (const file of Object.values(files)) {
      const seeder = new RawSqliteStore(file);
      seeder.seed(workload.streams.map((stream, i) => [stream, workload.seed[i]]));
      seeder.db.close();
    }
    const store = SqliteEventStore.open({ file: files.adapter, synchronous: 'FULL' });
    const storeNoTree = SqliteEventStore.open({
      file: files.adapterNoTree,
      synchronous: 'FULL',
      merkleLog: false,
    });
    const raw = new RawSqliteStore(files.raw);
    const rawTree = new RawSqliteStore(files.rawTree, { merkle: true });
    const seconds = { adapter: 0, adapterNoTree: 0, raw: 0, rawTree: 0 };
    const sides: Side[] = ['adapter', 'adapterNoTree', 'raw', 'rawTree'];
    const chunk = Math.ceil(workload.streams.length / CHUNKS);
    for (let c = 0; c * chunk < workload.streams.length; c += 1) {
      const range = workload.streams.slice(c * chunk, (c + 1) * chunk);
      // Rotate which side goes first, so drift in machine load favours none.
      const order = sides.map((_, i) => sides[(i + c) % sides.length]);
      for (const side of order) {
        const started = process.hrtime.bigint();
        for (const [k, stream] of range.entries()) {
          const events = workload.appends[c * chunk + k];
          // Awaited one by one: each append is its own transaction and its own fsync.
          if (side === 'adapter') await store.append(stream, events, { expectedRevision: 0 });
          else if (side === 'adapterNoTree') {
            await storeNoTree.append(stream, events, { expectedRevision: 0 });
          } else (side === 'raw' ? raw : rawTree).append(stream, events, 0);
        }
        seconds[side] += elapsedSeconds(started);
      }
    }
    await store.close();
    await storeNoTree.close();
    raw.db.close();
    rawTree.db.close();
    const events = workload.appends.reduce((sum, batch) => sum + batch.length, 0);
    return {
      adapter: events / seconds.adapter,
      adapterNoTree: events / seconds.adapterNoTree,
      raw: events / seconds.raw,
      rawTree: events / seconds.rawTree,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- proof line

/** Median milliseconds of `count` calls of `proof`, each with fresh random arguments. */
async function medianMs(count: number, proof: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const started = process.hrtime.bigint();
    await proof();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

const randomBelow = (n: number): number => Math.floor(Math.random() * n);

async function measureProofs(
  merkle: MerkleLog,
): Promise<{ inclusion: number; consistency: number }> {
  const size = await merkle.treeSize();
  return {
    inclusion: await medianMs(PROOFS, () => merkle.inclusionProof(randomBelow(size), size)),
    consistency: await medianMs(PROOFS, () => merkle.consistencyProof(1 + randomBelow(size), size)),
  };
}

// ---------------------------------------------------------------- read line

/** Writes `count` events (200 per stream, real hash chains), 100 streams per transaction. */
function seedLog(file: string, count: number): void {
  const raw = new RawSqliteStore(file);
  raw.db.pragma('synchronous = NORMAL'); // seeding is not measured
  const perStream = 200;
  let written = 0;
  while (written < count) {
    const appends: [string, NewEvent[]][] = [];
    for (let s = 0; s < 100 && written < count; s += 1) {
      const size = Math.min(perStream, count - written);
      const events = Array.from({ length: size }, (_, i) => benchEvent(written + i));
      appends.push([`relationship-${randomUUID()}`, events]);
      written += size;
    }
    raw.seed(appends);
  }
  raw.db.close();
}

/**
 * The readers run as plain JavaScript (no TypeScript compiler in their heap): transpile the
 * event-store library and the reader into `outDir`, keeping the relative layout.
 */
function buildReader(outDir: string): string {
  const root = join(__dirname, '..', '..');
  const sources = [
    ...listTs(join(root, 'libs', 'event-store', 'src')),
    join(root, 'test', 'bench', 'store-reader.ts'),
  ];
  for (const source of sources) {
    const { outputText } = transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: {
        module: ModuleKind.CommonJS,
        target: ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    const target = join(outDir, relative(root, source)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  return join(outDir, 'test', 'bench', 'store-reader.js');
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTs(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

function measureRead(reader: string, side: ReadSide, file: string): ReadResult {
  const output = execFileSync(process.execPath, [reader, side, file, String(PAGE_SIZE)], {
    encoding: 'utf8',
    // The transpiled files live outside the project: let them find its node_modules.
    env: { ...process.env, NODE_PATH: join(__dirname, '..', '..', 'node_modules') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output) as ReadResult;
}

// ---------------------------------------------------------------- report

function elapsedSeconds(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main(): Promise<void> {
  const samples: Record<string, Record<Side, number[]>> = {
    single: { adapter: [], adapterNoTree: [], raw: [], rawTree: [] },
    batch: { adapter: [], adapterNoTree: [], raw: [], rawTree: [] },
    read: { adapter: [], adapterNoTree: [], raw: [], rawTree: [] },
    rss: { adapter: [], adapterNoTree: [], raw: [], rawTree: [] },
    inclusion: { adapter: [], adapterNoTree: [], raw: [], rawTree: [] },
    consistency: { adapter: [], adapterNoTree: [], raw: [], rawTree: [] },
  };
  const log = (message: string) => process.stderr.write(`${message}\n`);
  log(
    `bench:store — ${RUNS} runs; ${STREAMS} single-event appends, ${BATCHES}×${BATCH_SIZE}-event appends, readAll of ${READ_EVENTS} events`,
  );

  const readDir = mkdtempSync(join(tmpdir(), 'bench-store-read-'));
  const readFile = join(readDir, 'events.db');
  const reader = buildReader(join(readDir, 'build'));
  const seeded = process.hrtime.bigint();
  seedLog(readFile, READ_EVENTS);
  log(`seeded ${fmt(READ_EVENTS)} events for the read line in ${fmt(elapsedSeconds(seeded), 1)} s`);
  // The seed is written without the tree: the adapter builds it when it first opens the file
  // (timed here, outside the read line, so no reader pays for it).
  const building = process.hrtime.bigint();
  const proofStore = SqliteEventStore.open({ file: readFile });
  const treeSeconds = elapsedSeconds(building);
  const treeSize = await proofStore.merkleLog().treeSize();
  await proofStore.close();
  log(`built the Merkle log over ${fmt(treeSize)} stored events in ${fmt(treeSeconds, 1)} s`);

  for (let run = 1; run <= RUNS; run += 1) {
    // Alternate which side goes first so drift in machine load does not favour one.
    const order: ReadSide[] = run % 2 ? ['adapter', 'raw'] : ['raw', 'adapter'];
    const single = appendWorkload(STREAMS, 1);
    const batch = appendWorkload(BATCHES, BATCH_SIZE);
    for (const [line, workload] of [
      ['single', single],
      ['batch', batch],
    ] as const) {
      const rates = await measureAppends(workload);
      for (const side of ['adapter', 'adapterNoTree', 'raw', 'rawTree'] as const) {
        samples[line][side].push(rates[side]);
      }
    }

    for (const side of order) {
      const result = measureRead(reader, side, readFile);
      if (result.events !== READ_EVENTS) {
        throw new Error(`${side} read ${result.events} events, expected ${READ_EVENTS}`);
      }
      samples.read[side].push(result.eventsPerSecond);
      samples.rss[side].push(result.peakRssMb);
    }
    const proofStoreRun = SqliteEventStore.open({ file: readFile });
    const proofs = await measureProofs(proofStoreRun.merkleLog());
    await proofStoreRun.close();
    samples.inclusion.adapter.push(proofs.inclusion);
    samples.consistency.adapter.push(proofs.consistency);
    log(
      `run ${run}: ` +
        ['single', 'batch', 'read', 'rss']
          .map(
            (line) =>
              `${line} ${fmt(samples[line].adapter[run - 1])}/${fmt(samples[line].raw[run - 1])}`,
          )
          .join(', ') +
        `; without/with tree: adapter single ${fmt(samples.single.adapterNoTree[run - 1])}, batch ${fmt(samples.batch.adapterNoTree[run - 1])}` +
        `; raw + tree single ${fmt(samples.single.rawTree[run - 1])}, batch ${fmt(samples.batch.rawTree[run - 1])}` +
        `; proofs ${fmt(proofs.inclusion, 3)} / ${fmt(proofs.consistency, 3)} ms`,
    );
  }

  rmSync(readDir, { recursive: true, force: true });

  const perRun = (line: string): number =>
    median(samples[line].adapter.map((v, i) => v / samples[line].raw[i]));
  const rows: [string, string, number, number, string, number][] = [
    [
      `(a) 1-event appends, exact revision, ${fmt(STREAMS)} streams`,
      'events/s',
      median(samples.single.adapter),
      median(samples.single.raw),
      'ratio ≥ 0.80',
      perRun('single'),
    ],
    [
      `(b) ${BATCH_SIZE}-event appends, exact revision, ${fmt(BATCHES)} streams`,
      'events/s',
      median(samples.batch.adapter),
      median(samples.batch.raw),
      'ratio ≥ 0.80',
      perRun('batch'),
    ],
    [
      `(c) readAll of ${fmt(READ_EVENTS)} events`,
      'events/s',
      median(samples.read.adapter),
      median(samples.read.raw),
      'ratio ≥ 0.80',
      perRun('read'),
    ],
    [
      `(c) readAll of ${fmt(READ_EVENTS)} events`,
      'peak RSS MB',
      median(samples.rss.adapter),
      median(samples.rss.raw),
      'adapter < 200 MB',
      perRun('rss'),
    ],
  ];
  /** The median of the per-run ratios a/b: each run's two sides saw the same load. */
  const ratio = (a: number[], b: number[]): number => median(a.map((v, i) => v / b[i]));
  const treeRows = (['single', 'batch'] as const).map((line) => ({
    line: line === 'single' ? '(a) 1-event appends' : `(b) ${BATCH_SIZE}-event appends`,
    adapter: median(samples[line].adapter),
    adapterNoTree: median(samples[line].adapterNoTree),
    raw: median(samples[line].raw),
    rawTree: median(samples[line].rawTree),
    adapterRatio: ratio(samples[line].adapter, samples[line].adapterNoTree),
    rawRatio: ratio(samples[line].rawTree, samples[line].raw),
  }));
  const proofRows: [string, number][] = [
    ['inclusion proof (random leaf, tree of the whole log)', median(samples.inclusion.adapter)],
    ['consistency proof (random m, to the whole log)', median(samples.consistency.adapter)],
  ];
  const lines = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ${new Date().toISOString()}`,
    `Medians of ${RUNS} runs; WAL, synchronous=FULL, temp dir ${tmpdir()}`,
    '',
    'The adapter keeps the Merkle log in every append (with the tree); raw better-sqlite3 runs the same SQL without it.',
    '',
    'adapter/raw is the ratio of the two medians; "per run" is the median of the runs\' own ratios.',
    '',
    '| line | unit | adapter (with tree) | raw better-sqlite3 (no tree) | adapter/raw | per run | target | met |',
    '| --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows.map(([line, unit, adapter, raw, target, perRun]) => {
      const isRss = unit.startsWith('peak');
      const met = isRss ? adapter < 200 : adapter / raw >= 0.8;
      return `| ${line} | ${unit} | ${fmt(adapter, isRss ? 1 : 0)} | ${fmt(raw, isRss ? 1 : 0)} | ${fmt(adapter / raw, 2)} | ${fmt(perRun, 2)} | ${target} | ${met ? 'yes' : 'NO'} |`;
    }),
    '',
    'With and without the tree, each side measured in the same run (events/s):',
    '',
    '| line | adapter with tree | adapter without tree | raw + tree step | raw without tree | adapter with/without (per run) | raw with/without (per run) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...treeRows.map(
      (r) =>
        `| ${r.line} | ${fmt(r.adapter)} | ${fmt(r.adapterNoTree)} | ${fmt(r.rawTree)} | ${fmt(r.raw)} | ${fmt(r.adapterRatio, 2)} | ${fmt(r.rawRatio, 2)} |`,
    ),
    '',
    `(d) Merkle log of ${fmt(treeSize)} events: built over the stored events in ${fmt(treeSeconds, 1)} s; medians of ${fmt(PROOFS)} random proofs per run.`,
    '',
    '| proof | median ms | target | met |',
    '| --- | ---: | --- | --- |',
    ...proofRows.map(
      ([proof, ms]) => `| ${proof} | ${fmt(ms, 3)} | < 5 ms | ${ms < 5 ? 'yes' : 'NO'} |`,
    ),
    '',
    `Samples (adapter / adapter without tree / raw / raw + tree): ${Object.entries(samples)
      .map(
        ([line, s]) =>
          `${line}: ${[s.adapter, s.adapterNoTree, s.raw, s.rawTree]
            .map(
              (side) =>
                `[${side.map((v) => fmt(v, line === 'inclusion' || line === 'consistency' ? 3 : 0)).join(', ')}]`,
            )
            .join(' / ')}`,
      )
      .join('; ')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  // The PostgreSQL adapter's lines, against raw pg on the local server (skipped with the reason
  // when it does not answer).
  process.stdout.write(`\n${(await measurePostgresLines()).join('\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
