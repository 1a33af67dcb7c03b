/**
 * bench:store's PostgreSQL lines: the PostgreSQL adapter against raw `pg` running the same SQL
 * (raw-postgres-store.ts), each side on a throw-away database of its own on the local server,
 * measured in the same run. Also runnable alone:
 * `node -r ts-node/register/transpile-only -r tsconfig-paths/register test/bench/postgres-store-lines.ts`.
 *
 * Lines: (p1) single-event appends at an exact revision, awaited one by one; (p2) 100-event
 * appends; (p3) readAll of the log written by (p1) and (p2) plus a seed. Sizes: BENCH_PG_STREAMS,
 * BENCH_PG_BATCHES, BENCH_PG_READ_EVENTS, BENCH_RUNS.
 */
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import type { NewEvent } from '@app/event-store';
import { PostgresEventStore } from '../../libs/event-store/src/postgres/postgres-event-store';
import { createTestDatabase, type TestDatabase } from '../contract/support/postgres-test-database';
import { RawPostgresStore } from './raw-postgres-store';
import { fmt, median } from './report-format';

const STREAMS = Number(process.env.BENCH_PG_STREAMS ?? 1_000);
const BATCHES = Number(process.env.BENCH_PG_BATCHES ?? 50);
const READ_EVENTS = Number(process.env.BENCH_PG_READ_EVENTS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const BATCH_SIZE = 100;
const PAGE_SIZE = 1000;

type Line = 'single' | 'batch' | 'read';
type Side = 'adapter' | 'raw';

function event(i: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'RelationshipAgreed',
    data: { relationshipId: randomUUID(), agreedOn: '2026-01-01', sequence: i },
    metadata: { actor: 'bench:service', correlationId: randomUUID(), schemaVersion: 1 },
  };
}

interface Appender {
  append(stream: string, events: NewEvent[], expected: number | 'no_stream'): Promise<void>;
  readAll(): Promise<number>;
}

async function sideOn(
  side: Side,
  database: TestDatabase,
): Promise<[Appender, () => Promise<void>]> {
  const store = await PostgresEventStore.connect({ connectionString: database.url });
  if (side === 'adapter') {
    return [
      {
        append: async (stream, events, expectedRevision) => {
          await store.append(stream, events, { expectedRevision });
        },
        readAll: async () => {
          let count = 0;
          for await (const recorded of store.readAll()) if (recorded) count += 1;
          return count;
        },
      },
      () => store.close(),
    ];
  }
  // The adapter made the schema (and stays open, idle); raw pg appends with the same statement.
  const pool = new Pool({ connectionString: database.url, max: 10 });
  const raw = new RawPostgresStore(pool);
  return [
    {
      append: (stream, events, expected) => raw.append(stream, events, expected),
      readAll: () => raw.readAll(PAGE_SIZE),
    },
    async () => {
      await pool.end();
      await store.close();
    },
  ];
}

/** Events/s of appends at exact revision 0 onto `streams` fresh streams of `size` events each. */
async function appendRate(appender: Appender, streams: number, size: number): Promise<number> {
  const ids = Array.from({ length: streams }, () => `relationship-${randomUUID()}`);
  for (const [i, id] of ids.entries()) await appender.append(id, [event(i)], 'no_stream');
  const batches = ids.map((_, i) => Array.from({ length: size }, (_, j) => event(i * size + j)));
  const started = process.hrtime.bigint();
  for (const [i, id] of ids.entries()) await appender.append(id, batches[i], 0);
  return (streams * size) / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function seed(appender: Appender, total: number): Promise<void> {
  for (let written = 0; written < total; written += BATCH_SIZE) {
    const size = Math.min(BATCH_SIZE, total - written);
    await appender.append(
      `seed-${randomUUID()}`,
      Array.from({ length: size }, (_, i) => event(written + i)),
      'no_stream',
    );
  }
}

export async function measurePostgresLines(): Promise<string[]> {
  const samples: Record<Line, Record<Side, number[]>> = {
    single: { adapter: [], raw: [] },
    batch: { adapter: [], raw: [] },
    read: { adapter: [], raw: [] },
  };
  const created = await createTestDatabase();
  if ('unavailable' in created) return [`PostgreSQL lines skipped: ${created.unavailable}`];
  const readDb = created;
  const databases: TestDatabase[] = [readDb];
  try {
    const [seeder, closeSeeder] = await sideOn('adapter', readDb);
    await seed(seeder, READ_EVENTS);
    await closeSeeder();
    for (let run = 1; run <= RUNS; run += 1) {
      const order: Side[] = run % 2 ? ['adapter', 'raw'] : ['raw', 'adapter'];
      for (const side of order) {
        const fresh = await createTestDatabase();
        if ('unavailable' in fresh) throw new Error(fresh.unavailable);
        databases.push(fresh);
        const [appender, close] = await sideOn(side, fresh);
        samples.single[side].push(await appendRate(appender, STREAMS, 1));
        samples.batch[side].push(await appendRate(appender, BATCHES, BATCH_SIZE));
        await close();
        const [reader, closeReader] = await sideOn(side, readDb);
        const started = process.hrtime.bigint();
        const count = await reader.readAll();
        samples.read[side].push(count / (Number(process.hrtime.bigint() - started) / 1e9));
        await closeReader();
        if (count !== READ_EVENTS)
          throw new Error(`${side} read ${count}, expected ${READ_EVENTS}`);
      }
      process.stderr.write(
        `postgres run ${run}: ` +
          (['single', 'batch', 'read'] as const)
            .map((l) => `${l} ${fmt(samples[l].adapter[run - 1])}/${fmt(samples[l].raw[run - 1])}`)
            .join(', ') +
          '\n',
      );
    }
  } finally {
    for (const database of databases) await database.drop();
  }
  const titles: Record<Line, string> = {
    single: `(p1) 1-event appends, exact revision, ${fmt(STREAMS)} streams`,
    batch: `(p2) ${BATCH_SIZE}-event appends, exact revision, ${fmt(BATCHES)} streams`,
    read: `(p3) readAll of ${fmt(READ_EVENTS)} events`,
  };
  const perRun = (l: Line) => median(samples[l].adapter.map((v, i) => v / samples[l].raw[i]));
  return [
    `PostgreSQL (local server, synchronous_commit on, one append lock per commit): adapter against raw pg running the same SQL; medians of ${RUNS} runs, events/s.`,
    '',
    '| line | adapter | raw pg | adapter/raw | per run | target | met |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...(['single', 'batch', 'read'] as const).map((l) => {
      const adapter = median(samples[l].adapter);
      const raw = median(samples[l].raw);
      return `| ${titles[l]} | ${fmt(adapter)} | ${fmt(raw)} | ${fmt(adapter / raw, 2)} | ${fmt(perRun(l), 2)} | ratio ≥ 0.80 | ${adapter / raw >= 0.8 ? 'yes' : 'NO'} |`;
    }),
    '',
    `Samples (adapter / raw): ${(['single', 'batch', 'read'] as const)
      .map(
        (l) =>
          `${l}: [${samples[l].adapter.map((v) => fmt(v)).join(', ')}] / [${samples[l].raw.map((v) => fmt(v)).join(', ')}]`,
      )
      .join('; ')}`,
  ];
}

if (require.main === module) {
  measurePostgresLines().then(
    (lines) => process.stdout.write(`${lines.join('\n')}\n`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
