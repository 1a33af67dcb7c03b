/**
 * CPU per request of `POST /v1/relationships/:id/outputs` and of bench:http's baseline route,
 * in one process and without sockets (Fastify's inject), in chunks that alternate the routes:
 * what a change to the command path costs or saves, measured on a machine too busy for req/s
 * to mean anything. Not a test and not in docs/benchmarks.md's generated blocks.
 *
 *   node -r ts-node/register/transpile-only -r tsconfig-paths/register test/bench/http-cpu.bench.ts
 *
 * Knobs: BENCH_CHUNKS (per route, default 12), BENCH_CHUNK (requests per chunk, default 500),
 * BENCH_CONNECTIONS (requests in flight, default 10), LEDGER_SQLITE_SYNCHRONOUS (default FULL).
 * Prints the medians over chunks of each route's CPU µs per request (user + system of this
 * process, the projections' work included: each chunk ends once they caught up) and of the
 * per-chunk ratio baseline ÷ command.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLedgerConfig } from '@app/config';

const CHUNKS = Number(process.env.BENCH_CHUNKS ?? 12);
const CHUNK = Number(process.env.BENCH_CHUNK ?? 500);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const RELATIONSHIPS = 200;
const KEY = 'bench-service-key-0000000001';
/** Reads with ?minPosition= (role analyst) to wait for the projections. */
const READER_KEY = 'bench-analyst-key-000000001';
const BODY = { description: 'capacity report for the month' };

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-http-cpu-'));
  const config = loadLedgerConfig({
    ...process.env,
    LEDGER_DATA_DIR: dataDir,
    LEDGER_EVENT_STORE: 'sqlite',
    LEDGER_SQLITE_SYNCHRONOUS: process.env.LEDGER_SQLITE_SYNCHRONOUS ?? 'FULL',
    LEDGER_API_KEYS: `bench:service:${KEY},bench-reader:analyst:${READER_KEY}`,
    LEDGER_RATE_LIMIT: '0',
  });
  // The baseline route is registered when the commands module loads: set its switch first.
  process.env.LEDGER_BENCH_BASELINE_ROUTE = '1';
  const { createLedgerApp } = await import('../../apps/ledger-api/src/app.factory');
  const app = await createLedgerApp(config, { logger: ['error'] });
  try {
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    const post = async (url: string, body: object): Promise<{ id: string; position: string }> => {
      const res = await app.inject({
        method: 'POST',
        url,
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
      if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return JSON.parse(res.body) as { id: string; position: string };
    };
    const provider = await post('/v1/organizations', { name: 'Bench provider' });
    const consumer = await post('/v1/organizations', { name: 'Bench consumer' });
    const ids: string[] = [];
    for (let i = 0; i < RELATIONSHIPS; i += 1) {
      const body = { providerId: provider.id, consumerId: consumer.id };
      ids.push((await post('/v1/relationships', body)).id);
    }
    let next = 0;
    /** CPU µs per request of `count` requests to one route, the projections' work included. */
    const chunk = async (route: 'baseline' | 'command', count: number): Promise<number> => {
      const prefix = route === 'baseline' ? '/v1/bench/relationships' : '/v1/relationships';
      const started = process.cpuUsage();
      let sent = 0;
      let last = '0';
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (sent < count) {
            sent += 1;
            next = (next + 1) % ids.length;
            const answer = await post(`${prefix}/${ids[next]}/outputs`, BODY);
            if (BigInt(answer.position) > BigInt(last)) last = answer.position;
          }
        }),
      );
      if (route === 'command') {
        // Until the projections have applied the chunk's events (their CPU is part of its cost).
        const res = await app.inject({
          method: 'GET',
          url: `/v1/relationships/${ids[0]}?minPosition=${last}`,
          headers: { authorization: `Bearer ${READER_KEY}` },
        });
        if (res.statusCode !== 200) throw new Error(`minPosition: ${res.statusCode}`);
      }
      const used = process.cpuUsage(started);
      return (used.user + used.system) / count;
    };
    await chunk('baseline', 300);
    await chunk('command', 300);
    const baseline: number[] = [];
    const command: number[] = [];
    for (let i = 0; i < CHUNKS; i += 1) {
      // Alternate which route goes first, so drift in the machine's load favours neither.
      if (i % 2 === 0) {
        baseline.push(await chunk('baseline', CHUNK));
        command.push(await chunk('command', CHUNK));
      } else {
        command.push(await chunk('command', CHUNK));
        baseline.push(await chunk('baseline', CHUNK));
      }
    }
    const ratios = baseline.map((b, i) => b / command[i]);
    console.log(
      `CPU µs per request, medians of ${CHUNKS} chunks of ${CHUNK}: baseline ${median(baseline).toFixed(1)}, ` +
        `command ${median(command).toFixed(1)}; baseline ÷ command per chunk ${median(ratios).toFixed(3)}`,
    );
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
