/**
 * `npm run bench:read-models` — the read-model port on PostgreSQL against the embedded SQLite
 * adapter, the same operations in the same run. Not a test: it prints a table of medians and
 * the PostgreSQL / SQLite ratio of each line.
 *
 * BENCH_DOCS (default 5,000) relationship-like documents (~700 bytes, three indexed fields, an
 * array) are committed in batches of 100 with a checkpoint, rewritten once (get + put), then
 * read: a get by key, a filtered and sorted page, an array filter, a keyset page. PostgreSQL is
 * the local server, in a throw-away database (LEDGER_TEST_POSTGRES_URL to point elsewhere).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProjectionCheckpoint, ReadModelStore } from '@app/projections';
import { SqliteReadModelStore } from '../../libs/projections/src/read-model/sqlite-read-model-store';
import { PostgresReadModelStore } from '../../libs/projections/src/read-model/postgres/postgres-read-model-store';
import { createTestDatabase } from '../contract/support/postgres-test-database';
import { fmt, median } from './report-format';

const DOCS = Number(process.env.BENCH_DOCS ?? 5_000);
const BATCH = 100;
const PROJECTION = 'bench';
const COLLECTION = 'relationships';

interface Relationship {
  id: string;
  providerId: string;
  status: string;
  breaches: number;
  offerings: string[];
  note: string;
}

function relationship(i: number): Relationship {
  return {
    id: `r${String(i).padStart(6, '0')}`,
    providerId: `p${i % 50}`,
    status: i % 7 ? 'active' : 'ended',
    breaches: i % 13,
    offerings: [`o${i % 30}`, `o${(i + 1) % 30}`],
    note: 'x'.repeat(500),
  };
}

function checkpoint(position: number): ProjectionCheckpoint {
  return {
    name: PROJECTION,
    version: 1,
    generation: 1,
    position: String(position),
    eventsApplied: position,
    updatedAt: new Date(0).toISOString(),
  };
}

/** Milliseconds of each call, `runs` calls one after another. */
async function timed(runs: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    await call(i);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

/** Median milliseconds of each line for one adapter. */
async function measure(store: ReadModelStore): Promise<Record<string, number>> {
  await store.prepare(PROJECTION, 1, [
    { name: COLLECTION, indexes: ['providerId', 'status', 'breaches'] },
  ]);
  await store.commit([{ checkpoint: checkpoint(0) }]);
  await store.publishGeneration(PROJECTION, 1);
  const writer = await store.writer(PROJECTION, 1);
  const batches = DOCS / BATCH;
  const insert = await timed(batches, async (b) => {
    for (let i = b * BATCH; i < (b + 1) * BATCH; i++) {
      const doc = relationship(i);
      writer.put(COLLECTION, doc.id, doc);
    }
    await store.commit([{ writer, checkpoint: checkpoint(b + 1) }]);
  });
  const rewrite = await timed(batches, async (b) => {
    for (let i = b * BATCH; i < (b + 1) * BATCH; i++) {
      const doc = writer.get<Relationship>(COLLECTION, relationship(i).id)!;
      doc.breaches += 1;
      writer.put(COLLECTION, doc.id, doc);
    }
    await store.commit([{ writer, checkpoint: checkpoint(batches + b + 1) }]);
  });
  const key = (i: number) => relationship((i * 37) % DOCS).id;
  const get = await timed(500, (i) => store.get(PROJECTION, COLLECTION, key(i)));
  const sorted = await timed(300, (i) =>
    store.list(PROJECTION, COLLECTION, {
      where: { providerId: `p${i % 50}` },
      orderBy: { field: 'breaches', descending: true },
      limit: 20,
    }),
  );
  const contains = await timed(100, (i) =>
    store.list(PROJECTION, COLLECTION, { contains: { offerings: `o${i % 30}` }, limit: 20 }),
  );
  const keyset = await timed(300, (i) =>
    store.list(PROJECTION, COLLECTION, { afterKey: key(i * 11), limit: 50 }),
  );
  const reopen = await timed(3, () => store.writer(PROJECTION, 1));
  return {
    [`commit ${BATCH} new documents + checkpoint`]: median(insert),
    [`rewrite ${BATCH} documents (get, change, put) + commit`]: median(rewrite),
    'get by key': median(get),
    'page of 20, filtered and sorted': median(sorted),
    'page of 20, array contains': median(contains),
    'keyset page of 50': median(keyset),
    [`open a writer (${fmt(DOCS)} documents)`]: median(reopen),
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-read-models-'));
  const database = await createTestDatabase();
  if ('unavailable' in database) throw new Error(database.unavailable);
  try {
    const sqlite = SqliteReadModelStore.open({ file: join(dir, 'read-models.db') });
    const embedded = await measure(sqlite).finally(() => sqlite.close());
    const pg = await PostgresReadModelStore.connect({ connectionString: database.url });
    const shared = await measure(pg).finally(() => pg.close());
    const rows = [['line (median ms)', 'SQLite', 'PostgreSQL', 'PostgreSQL / SQLite']];
    for (const [line, ms] of Object.entries(embedded)) {
      rows.push([line, fmt(ms, 3), fmt(shared[line], 3), fmt(shared[line] / ms, 1)]);
    }
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
    process.stdout.write(
      [
        `bench:read-models — ${fmt(DOCS)} documents`,
        line(rows[0]),
        `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
        ...rows.slice(1).map(line),
        '',
      ].join('\n'),
    );
  } finally {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:read-models failed: ${(error as Error).message}\n`);
  process.exit(1);
});
