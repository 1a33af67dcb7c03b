/**
 * `npm run bench:export` — does exporting a long log keep memory flat? Not a test: it prints
 * the peak resident memory of each process that streams the whole log, next to the size of
 * what it streamed.
 *
 * Setup: BENCH_EVENTS events (default 1,000,000) in 1,000-event relationship streams, appended
 * through the EventStore port into a temp data dir (so every hash is real). Then, each in its
 * own process, sampling its RSS from /proc every 50 ms:
 *   1. `ledger export --out <file>` (the CLI; same LedgerExport as the route);
 *   2. `node docs/verify-export.mjs <file>` (the auditor's standalone verifier);
 *   3. the API (`GET /v1/audit/export`, read by a client that discards the body), measured
 *      after its projections have caught up, so their work is not counted.
 * Knobs: BENCH_EVENTS, BENCH_SKIP_HTTP=1.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NewEvent } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { RUN_TYPESCRIPT } from '../support/typescript-child';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PER_STREAM = 1000;
const ROOT = join(__dirname, '..', '..');
const KEY = 'bench-auditor-key-000000001';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples a process's RSS until stopped; returns the peak. */
function sampleRss(pid: number): { stop: () => number; current: () => number } {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, rssOf(pid));
    },
    current: () => rssOf(pid),
  };
}

async function seed(dataDir: string): Promise<void> {
  const store = SqliteEventStore.open({ file: join(dataDir, 'events.db'), synchronous: 'NORMAL' });
  const started = Date.now();
  const providerId = randomUUID();
  const consumerId = randomUUID();
  for (let appended = 0; appended < EVENTS; appended += PER_STREAM) {
    const relationshipId = randomUUID();
    const count = Math.min(PER_STREAM, EVENTS - appended);
    const events: NewEvent[] = [];
    for (let i = 0; i < count; i += 1) {
      events.push({
        eventId: randomUUID(),
        type: i === 0 ? 'RelationshipEstablished' : 'OutputDelivered',
        data:
          i === 0
            ? { relationshipId, providerId, consumerId }
            : {
                relationshipId,
                outputId: randomUUID(),
                description: `output ${i}`,
                offeringId: null,
              },
        metadata: { actor: 'bench:service', correlationId: randomUUID(), schemaVersion: 1 },
      });
    }
    await store.append(`relationship-${relationshipId}`, events, { expectedRevision: 'no_stream' });
    if ((appended / PER_STREAM) % 100 === 0) process.stderr.write(`seeded ${appended} events…\n`);
  }
  await store.close();
  console.log(`seeded ${EVENTS} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function run(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; peak: number; ms: number }> {
  const started = Date.now();
  const child = spawn('node', args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const rss = sampleRss(child.pid!);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) =>
      resolve({ code: code ?? -1, peak: rss.stop(), ms: Date.now() - started }),
    );
  });
}

async function startServer(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn('node', [...RUN_TYPESCRIPT, 'test/bench/http-bench-server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LEDGER_DATA_DIR: dataDir,
      PORT: '0',
      LEDGER_API_KEYS: `bench:auditor:${KEY}`,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', () => reject(new Error('server exited')));
  });
  return { child, port };
}

function getJson(port: number, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    get({ port, path, host: '127.0.0.1' }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

function download(port: number, path: string): Promise<{ bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    get({ port, path, host: '127.0.0.1', headers: { authorization: `Bearer ${KEY}` } }, (res) => {
      let bytes = 0;
      let lines = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 0x0a) lines += 1;
      });
      res.on('end', () => resolve({ bytes, lines }));
    }).on('error', reject);
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-export-'));
  const rows: string[][] = [];
  try {
    await seed(dataDir);
    const file = join(dataDir, 'export.ndjson');

    const cli = await run([
      'apps/ledger-cli/bin/ledger.js',
      'export',
      '--data-dir',
      dataDir,
      '--out',
      file,
    ]);
    const size = statSync(file).size;
    rows.push([
      'ledger export (CLI)',
      String(cli.code),
      mb(cli.peak),
      `${(cli.ms / 1000).toFixed(1)} s`,
      mb(size),
    ]);

    const verify = await run(['docs/verify-export.mjs', file]);
    rows.push([
      'verify-export.mjs',
      String(verify.code),
      mb(verify.peak),
      `${(verify.ms / 1000).toFixed(1)} s`,
      mb(size),
    ]);

    if (process.env.BENCH_SKIP_HTTP !== '1') {
      const server = await startServer(dataDir);
      try {
        // Let the projections catch up first, so their work is not counted as the export's.
        for (;;) {
          const health = (await getJson(server.port, '/health')) as {
            projections?: { status: string }[];
          };
          if ((health.projections ?? []).every((p) => p.status !== 'catching-up')) break;
          await new Promise((r) => setTimeout(r, 1000));
        }
        const rss = sampleRss(server.child.pid!);
        const before = rss.current();
        const started = Date.now();
        const got = await download(server.port, '/v1/audit/export');
        const peak = rss.stop();
        rows.push([
          `GET /v1/audit/export (API, ${got.lines} lines)`,
          '200',
          `${mb(peak)} (idle ${mb(before)})`,
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
          mb(got.bytes),
        ]);
      } finally {
        server.child.kill('SIGTERM');
      }
    }
    console.log(`\n${EVENTS} events, ${EVENTS / PER_STREAM} streams`);
    console.log(['process', 'exit', 'peak RSS', 'time', 'streamed'].join(' | '));
    for (const row of rows) console.log(row.join(' | '));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
