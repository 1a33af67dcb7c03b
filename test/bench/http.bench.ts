/**
 * `npm run bench:http` — the command route `POST /v1/relationships/:id/outputs` against a
 * baseline route of the same app that validates the same DTO (same guard, pipe, headers,
 * answer shape) and answers without touching the store. Not a test: it prints a table of
 * medians and writes the "HTTP commands" section of docs/benchmarks.md.
 *
 * Setup: the real app in a child process on a temp data dir, API keys on, the embedded store
 * with synchronous=FULL; autocannon on loopback, 10 connections, requests spread over 1,000
 * pre-created relationships. Runs alternate baseline / command so drift hits both alike.
 * Target: command req/s ≥ 0.60 × baseline req/s and command p99 < 20 ms.
 *
 * Knobs: BENCH_DURATION (s per run, default 10), BENCH_RUNS (default 3),
 * BENCH_RELATIONSHIPS (default 1000), BENCH_CONNECTIONS (default 10),
 * BENCH_WRITE_DOCS=0 to leave docs/benchmarks.md alone, BENCH_CPU_PROF=<dir> to profile the server.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RELATIONSHIPS = Number(process.env.BENCH_RELATIONSHIPS ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const KEY = 'bench-service-key-0000000001';
const AUTH = `Bearer ${KEY}`;
const ROOT = join(__dirname, '..', '..');
const DOCS = join(ROOT, 'docs', 'benchmarks.md');
const START = '<!-- http-bench:start -->';
const END = '<!-- http-bench:end -->';

interface RunResult {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-http-'));
  const server = await startServer(dataDir);
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const ids = await seed(base);
    console.log(
      `seeded ${ids.length} relationships; ${RUNS} × ${DURATION} s per route, ${CONNECTIONS} connections`,
    );
    await load(base, 'baseline', ids, 2);
    await load(base, 'command', ids, 2);
    const baseline: RunResult[] = [];
    const command: RunResult[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      baseline.push(await load(base, 'baseline', ids, DURATION));
      command.push(await load(base, 'command', ids, DURATION));
      console.log(
        `run ${run}: baseline ${fmt(baseline[run - 1])} | command ${fmt(command[run - 1])}`,
      );
    }
    report(summarize(baseline), summarize(command));
  } finally {
    server.process.kill('SIGTERM');
    await new Promise((resolve) => server.process.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function startServer(dataDir: string): Promise<{ process: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<dir>: write a V8 CPU profile of the server (for finding hot spots).
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF]
        : []),
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(__dirname, 'http-bench-server.ts'),
    ],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        LEDGER_DATA_DIR: dataDir,
        LEDGER_EVENT_STORE: 'sqlite',
        LEDGER_SQLITE_SYNCHRONOUS: 'FULL',
        LEDGER_API_KEYS: `bench:service:${KEY}`,
        LEDGER_BENCH_BASELINE_ROUTE: '1',
        // Thousands of requests a second from one key: the per-key limit would refuse them.
        LEDGER_RATE_LIMIT: '0',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\d+)/.exec(out);
      if (match) resolve({ process: child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
}

async function postJson(url: string, body: object): Promise<{ id: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

async function seed(base: string): Promise<string[]> {
  const provider = await postJson(`${base}/v1/organizations`, { name: 'Bench provider' });
  const consumer = await postJson(`${base}/v1/organizations`, { name: 'Bench consumer' });
  const ids: string[] = [];
  for (let i = 0; i < RELATIONSHIPS; i += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, RELATIONSHIPS - i) }, () =>
        postJson(`${base}/v1/relationships`, { providerId: provider.id, consumerId: consumer.id }),
      ),
    );
    ids.push(...batch.map((r) => r.id));
  }
  return ids;
}

async function load(
  base: string,
  route: 'baseline' | 'command',
  ids: string[],
  seconds: number,
): Promise<RunResult> {
  const prefix = route === 'baseline' ? '/v1/bench/relationships' : '/v1/relationships';
  let next = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { authorization: AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ description: 'capacity report for the month' }),
        setupRequest: (request) => {
          next = (next + 1) % ids.length;
          return { ...request, path: `${prefix}/${ids[next]}/outputs` };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function summarize(runs: RunResult[]): RunResult {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
  };
}

function fmt(r: RunResult): string {
  return `${Math.round(r.rps)} req/s p50 ${r.p50} ms p99 ${r.p99} ms${r.non2xx || r.errors ? ` (non-2xx ${r.non2xx}, errors ${r.errors})` : ''}`;
}

function report(baseline: RunResult, command: RunResult): void {
  const ratio = command.rps / baseline.rps;
  const verdict = ratio >= 0.6 && command.p99 < 20 ? 'met' : 'NOT met';
  const rows = [
    '| route | req/s | p50 ms | p99 ms | non-2xx / errors |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| baseline (validate DTO, no store) | ${Math.round(baseline.rps)} | ${baseline.p50} | ${baseline.p99} | ${baseline.non2xx} / ${baseline.errors} |`,
    `| \`POST /v1/relationships/:id/outputs\` | ${Math.round(command.rps)} | ${command.p50} | ${command.p99} | ${command.non2xx} / ${command.errors} |`,
  ];
  const summary = `ratio ${ratio.toFixed(2)} of baseline req/s (target ≥ 0.60), command p99 ${command.p99} ms (target < 20 ms): target ${verdict}`;
  console.log(`\n${rows.join('\n')}\n\n${summary}`);
  if (process.env.BENCH_WRITE_DOCS === '0') return;
  const section = [
    START,
    '## HTTP commands',
    '',
    '`npm run bench:http` (test/bench/http.bench.ts): the real app in a child process on a temp',
    'data dir, API keys on, embedded store with `synchronous=FULL`; autocannon on loopback,',
    `${CONNECTIONS} connections, \`POST /v1/relationships/:id/outputs\` spread over ${RELATIONSHIPS} relationships,`,
    'against a baseline route of the same app that validates the same DTO and answers without',
    `touching the store. Medians of ${RUNS} runs of ${DURATION} s each, runs alternating.`,
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, Node ${process.version},`,
    `load average ${loadavg()[0].toFixed(1)} at the end (anything near the core count means a busy machine:`,
    'the baseline p99 shows how much of the latency is the machine, not the ledger):',
    '',
    ...rows,
    '',
    summary + '.',
    '',
    'What keeps the command route close to the baseline: concurrent appends share one fsync',
    "(the SQLite adapter's group commit); the command side keeps folded aggregate states in a",
    'bounded LRU cache and decides a first attempt on it without reading the stream (the',
    "append's expected revision catches a stale state; refusals and If-Match mismatches are",
    're-checked on the stream); commands on one stream queue in-process, so they never conflict',
    'with each other. Known limit: better-sqlite3 commits synchronously, so the fsync of each',
    'group commit blocks the event loop, and on a slow or busy disk that time lands in the',
    'latency of every request in flight (p99).',
    END,
  ].join('\n');
  let doc = '';
  try {
    doc = readFileSync(DOCS, 'utf8');
  } catch {
    doc = '# Benchmarks\n';
  }
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  doc =
    start >= 0 && end > start
      ? doc.slice(0, start) + section + doc.slice(end + END.length)
      : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(DOCS, doc);
  console.log(`wrote the "HTTP commands" section of ${DOCS}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
