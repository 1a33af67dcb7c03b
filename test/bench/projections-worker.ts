/**
 * One side of `bench:projections`, run in its own child process so its peak RSS is its own.
 * Usage: node projections-worker.js <rebuild|read> <events.db> <scratch dir>; prints JSON.
 *
 * - read: a raw `readAll` of the store that only decodes the events (the ceiling);
 * - rebuild: every projection rebuilt from the start into a fresh read-model file, fed by
 *   the same store's subscription, as at boot after `read-models.db` was deleted.
 *
 * It imports the files it needs directly (not the barrels, which would also load the
 * EventStoreDB client and Nest) and runs as plain JavaScript transpiled by the benchmark.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteEventStore } from '../../libs/event-store/src/sqlite/sqlite-event-store';
import { allProjections } from '../../libs/projections/src/projections/all-projections';
import { SqliteReadModelStore } from '../../libs/projections/src/read-model/sqlite-read-model-store';
import { ProjectionRunner } from '../../libs/projections/src/runner/projection-runner';

export interface WorkerResult {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** User + system CPU time: steadier than wall time on a machine shared with other work. */
  cpuSeconds: number;
  peakRssMb: number;
}

const PAGE_SIZE = 1000;

async function read(file: string): Promise<number> {
  const store = SqliteEventStore.open({ file, pageSize: PAGE_SIZE });
  let events = 0;
  let checksum = 0;
  for await (const event of store.readAll()) {
    events += 1;
    checksum += event.revision + event.recordedAt.length + Object.keys(event.data).length;
  }
  await store.close();
  if (checksum === 0) throw new Error('nothing was read');
  return events;
}

async function rebuild(file: string, scratch: string): Promise<number> {
  const store = SqliteEventStore.open({ file, pageSize: PAGE_SIZE });
  const readModelsFile = join(scratch, `read-models-${process.pid}.db`);
  const readModels = SqliteReadModelStore.open({ file: readModelsFile });
  const head = await store.headPosition();
  if (head === undefined) throw new Error('the store is empty');
  const runner = new ProjectionRunner({
    eventStore: store,
    readModels,
    projections: allProjections(),
    batchSize: Number(process.env.BENCH_BATCH_SIZE ?? 500),
  });
  await runner.start();
  if (!(await runner.waitFor(head, 3_600_000))) throw new Error('the rebuild did not finish');
  const reports = await runner.reports();
  await runner.stop();
  await readModels.close();
  await store.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(readModelsFile + suffix, { force: true });
  const failed = reports.filter((r) => r.status === 'failed');
  if (failed.length) throw new Error(`failed: ${JSON.stringify(failed.map((f) => f.failure))}`);
  return Number(head);
}

async function main(): Promise<void> {
  const [side, file, scratch] = process.argv.slice(2);
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const events = side === 'read' ? await read(file) : await rebuild(file, scratch);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const result: WorkerResult = {
    events,
    seconds,
    eventsPerSecond: events / seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    // maxRSS: the peak resident set of this process, in kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(JSON.stringify(result));
}

main().catch((error) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
