/**
 * `npm run bench:projections` — a full rebuild of every projection against a raw `readAll`
 * of the same store that only decodes events. Not a test: it prints a table of medians.
 *
 * 1. Generates BENCH_EVENTS (default 1,000,000) events of the command API's scenario mix
 *    (organizations, offerings, relationships with stakeholders, provisions, outputs,
 *    outcomes, costs and risks both ways, availability and response-time measurements,
 *    reviews, ends; improvements through their lifecycle) into a fresh SQLite store with
 *    large appends (one per stream).
 * 2. BENCH_RUNS times (default 3), alternating the order: a child process reads the log with
 *    `readAll` (decode only), another rebuilds every projection from the start into a fresh
 *    read-model file. Each child reports its events/s and its own peak RSS.
 *
 * Targets (issue 4): rebuild ≥ 50% of the raw read's events/s; rebuild peak RSS < 300 MB.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';
import {
  EVENT_SCHEMA_VERSIONS,
  FOUR_DIMENSIONS,
  LedgerEvent,
  VALUE_CHAIN_ACTIVITIES,
} from '@app/domain';
import { JsonObject, NewEvent, SqliteEventStore } from '@app/event-store';
import type { WorkerResult } from './projections-worker';
import { fmt, median } from './report-format';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ROOT = join(__dirname, '..', '..');
/** Keep the generated store here and reuse it on the next run (default: a temp dir, removed). */
const KEEP_DIR = process.env.BENCH_DIR;

// ---------------------------------------------------------------- workload

/** Deterministic pseudo-random numbers (mulberry32), so every run generates the same log. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = prng(20260101);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

let idCounter = 0;
/** UUID-shaped ids, unique and cheap (the store does not care how they were made). */
function id(): string {
  idCounter += 1;
  const hex = idCounter.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-0000-4000-8000-${hex}`;
}

const START = Date.parse('2024-01-01T00:00:00Z');
const SPAN = 730 * 86_400_000; // two years of history, for the monthly trends

class LogWriter {
  written = 0;
  constructor(private readonly store: SqliteEventStore) {}

  /** Appends one stream's events in one call; times advance with the log. */
  async append(streamId: string, events: LedgerEvent[]): Promise<void> {
    const newEvents: NewEvent[] = events.map((e) => {
      this.written += 1;
      const at = new Date(START + Math.floor((this.written / EVENTS) * SPAN)).toISOString();
      return {
        eventId: id(),
        type: e.type,
        data: e.data as unknown as JsonObject,
        metadata: {
          actor: 'bench:service',
          correlationId: id(),
          recordedAt: at,
          schemaVersion: EVENT_SCHEMA_VERSIONS[e.type],
        },
      };
    });
    await this.store.append(streamId, newEvents, { expectedRevision: 'no_stream' });
  }
}

const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
const ROLES = ['customer', 'user', 'sponsor'] as const;

function amount(): string {
  return `${1 + Math.floor(random() * 5000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;
}

/** One relationship's life: about 100 events of value co-creation. */
function relationshipEvents(
  relationshipId: string,
  providerId: string,
  consumerId: string,
  offerings: string[],
): LedgerEvent[] {
  const events: LedgerEvent[] = [
    { type: 'RelationshipEstablished', data: { relationshipId, providerId, consumerId } },
    ...ROLES.map((role): LedgerEvent => ({
      type: 'StakeholderAssigned',
      data: {
        relationshipId,
        stakeholderId: id(),
        role,
        name: `${role} of ${consumerId.slice(-6)}`,
      },
    })),
    ...offerings.map((offeringId): LedgerEvent => ({
      type: 'ServiceProvisioned',
      data: { relationshipId, offeringId },
    })),
  ];
  const cycles = 8 + Math.floor(random() * 5);
  for (let c = 0; c < cycles; c++) {
    const offeringId = pick(offerings);
    const outputId = id();
    const period = { start: '2026-01-01', end: '2026-01-31' };
    events.push(
      {
        type: 'ServiceConsumed',
        data: { relationshipId, consumptionId: id(), offeringId, description: 'daily use' },
      },
      {
        type: 'OutputDelivered',
        data: { relationshipId, outputId, description: `deliverable ${c}`, offeringId },
      },
      {
        type: 'OutcomeRealized',
        data: {
          relationshipId,
          outcomeId: id(),
          stakeholderRole: pick(ROLES),
          description: `result ${c}`,
          enabledBy: [outputId],
          offeringId,
        },
      },
      {
        type: 'CostRecorded',
        data: {
          relationshipId,
          costId: id(),
          effect: 'removed',
          amount: amount(),
          currency: pick(CURRENCIES),
          description: 'cost removed',
          offeringId,
        },
      },
      {
        type: 'CostRecorded',
        data: {
          relationshipId,
          costId: id(),
          effect: 'imposed',
          amount: amount(),
          currency: pick(CURRENCIES),
          description: 'fee',
          offeringId,
        },
      },
      {
        type: 'RiskRecorded',
        data: {
          relationshipId,
          riskId: id(),
          effect: random() < 0.6 ? 'removed' : 'imposed',
          description: 'risk',
          severity: pick(['low', 'medium', 'high', 'critical'] as const),
          offeringId,
        },
      },
      {
        type: 'ServiceLevelMeasured',
        data: {
          relationshipId,
          measurementId: id(),
          offeringId,
          metric: 'availability',
          target: 99.9,
          actual: random() < 0.15 ? 99 + random() * 0.8 : 99.9 + random() * 0.1,
          comparison: 'at-least',
          period,
        },
      },
      {
        type: 'ServiceLevelMeasured',
        data: {
          relationshipId,
          measurementId: id(),
          offeringId,
          metric: 'response-time-ms',
          target: 300,
          actual: Math.floor(100 + random() * 300),
          comparison: 'at-most',
          period,
        },
      },
      {
        type: 'RelationshipReviewed',
        data: {
          relationshipId,
          reviewId: id(),
          stakeholderRole: pick(ROLES),
          valueScore: 1 + Math.floor(random() * 5),
          comment: null,
          offeringId,
        },
      },
    );
  }
  if (random() < 0.1)
    events.push({ type: 'RelationshipEnded', data: { relationshipId, reason: 'contract ended' } });
  return events;
}

function improvementEvents(improvementId: string, relationshipId: string): LedgerEvent[] {
  const baseline = 10 + Math.floor(random() * 50);
  const target = baseline + 10 + Math.floor(random() * 20);
  const events: LedgerEvent[] = [
    {
      type: 'ImprovementProposed',
      data: {
        improvementId,
        subject: { relationshipId },
        title: 'Improve',
        dimension: pick(FOUR_DIMENSIONS),
        valueChainActivity: pick(VALUE_CHAIN_ACTIVITIES),
        metric: 'satisfaction',
        direction: 'increase',
        baseline,
        baselineSource: 'stated',
        target,
        targetDate: '2026-12-31T00:00:00.000Z',
        owner: 'Bench Owner',
        objective: null,
        followsUp: null,
        cause: null,
        proposedBy: 'bench:service',
        proposedAt: '2026-01-01T00:00:00.000Z',
      },
    },
  ];
  if (random() < 0.2) {
    events.push({ type: 'ImprovementRejected', data: { improvementId, reason: 'not now' } });
    return events;
  }
  events.push({ type: 'ImprovementApproved', data: { improvementId } });
  if (random() < 0.8) {
    const implementedAt = '2026-02-01T00:00:00.000Z';
    events.push({ type: 'ImprovementImplemented', data: { improvementId, implementedAt } });
  }
  if (events.length === 3 && random() < 0.8) {
    const actual = baseline + Math.floor(random() * (target - baseline + 5));
    events.push({
      type: 'ImprovementEvaluated',
      data: {
        improvementId,
        actual,
        actualSource: 'stated',
        closure: actual >= target ? 'successful' : 'partially-successful',
        notes: null,
        targetMet: actual >= target,
      },
    });
  }
  return events;
}

async function generate(file: string): Promise<number> {
  const store = SqliteEventStore.open({ file, synchronous: 'NORMAL' });
  const log = new LogWriter(store);
  const organizations = Math.max(20, Math.round(EVENTS / 2000));
  const orgIds: string[] = [];
  for (let i = 0; i < organizations; i++) {
    const organizationId = id();
    orgIds.push(organizationId);
    await log.append(`organization-${organizationId}`, [
      { type: 'OrganizationRegistered', data: { organizationId, name: `Org ${i}` } },
    ]);
  }
  const providers = orgIds.slice(0, Math.ceil(organizations / 4));
  const consumers = orgIds.slice(providers.length);
  const offeringsOf = new Map<string, string[]>();
  for (const providerId of providers) {
    const ids: string[] = [];
    for (let k = 0; k < 2; k++) {
      const offeringId = id();
      ids.push(offeringId);
      await log.append(`offering-${offeringId}`, [
        {
          type: 'OfferingPublished',
          data: {
            offeringId,
            providerId,
            name: `Offering ${offeringId.slice(-6)}`,
            targetConsumerGroup: 'small firms',
            goods: [],
            resourceAccess: ['mailbox', 'storage'],
            serviceActions: ['support desk'],
            utility: ['mail', 'calendar'],
            warranty: { availabilityTarget: 99.9 },
          },
        },
      ]);
    }
    offeringsOf.set(providerId, ids);
  }
  let relationships = 0;
  while (log.written < EVENTS) {
    const relationshipId = id();
    const providerId = pick(providers);
    const offerings = offeringsOf.get(providerId)!;
    const provisioned = random() < 0.3 ? offerings : [pick(offerings)];
    let events = relationshipEvents(relationshipId, providerId, pick(consumers), provisioned);
    events = events.slice(0, EVENTS - log.written);
    await log.append(`relationship-${relationshipId}`, events);
    relationships += 1;
    if (relationships % 10 === 0 && log.written < EVENTS) {
      const improvementId = id();
      const lifecycle = improvementEvents(improvementId, relationshipId).slice(
        0,
        EVENTS - log.written,
      );
      await log.append(`improvement-${improvementId}`, lifecycle);
    }
  }
  const head = await store.headPosition();
  await store.close();
  return Number(head);
}

async function headOf(file: string): Promise<number> {
  const store = SqliteEventStore.open({ file });
  const head = await store.headPosition();
  await store.close();
  return Number(head);
}

// ---------------------------------------------------------------- child processes

/**
 * The workers run as plain JavaScript (no TypeScript compiler in their heap): transpile the
 * libraries they use and the worker into `outDir`, keeping the layout, with `@app/*` imports
 * pointed at the transpiled libraries.
 */
function buildWorker(outDir: string): string {
  const libs = ['domain', 'event-store', 'projections'];
  const sources = [
    ...libs.flatMap((lib) => listTs(join(ROOT, 'libs', lib, 'src'))),
    join(ROOT, 'test', 'bench', 'projections-worker.ts'),
  ];
  for (const source of sources) {
    const { outputText } = transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: {
        module: ModuleKind.CommonJS,
        target: ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    const target = join(outDir, relative(ROOT, source)).replace(/\.ts$/, '.js');
    const rewritten = outputText.replace(/require\("@app\/([a-z-]+)"\)/g, (_, lib: string) => {
      const path = relative(dirname(target), join(outDir, 'libs', lib, 'src'));
      return `require(${JSON.stringify(path.startsWith('.') ? path : `./${path}`)})`;
    });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, rewritten);
  }
  return join(outDir, 'test', 'bench', 'projections-worker.js');
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listTs(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

type Side = 'read' | 'rebuild';

function measure(worker: string, side: Side, file: string, scratch: string): WorkerResult {
  const output = execFileSync(process.execPath, [worker, side, file, scratch], {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(output) as WorkerResult;
}

// ---------------------------------------------------------------- report

async function main(): Promise<void> {
  const log = (message: string) => process.stderr.write(`${message}\n`);
  const dir = KEEP_DIR ?? mkdtempSync(join(tmpdir(), 'bench-projections-'));
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `events-${EVENTS}.db`);
    const worker = buildWorker(join(dir, 'build'));
    const generated = process.hrtime.bigint();
    const events = existsSync(file) ? await headOf(file) : await generate(file);
    log(
      `bench:projections — generated ${fmt(events)} events in ${fmt(Number(process.hrtime.bigint() - generated) / 1e9, 1)} s; ${RUNS} runs`,
    );
    const samples: Record<Side, WorkerResult[]> = { read: [], rebuild: [] };
    for (let run = 1; run <= RUNS; run++) {
      // Alternate which side goes first so drift in machine load does not favour one.
      const order: Side[] = run % 2 ? ['read', 'rebuild'] : ['rebuild', 'read'];
      for (const side of order) {
        const result = measure(worker, side, file, dir);
        if (result.events !== events)
          throw new Error(`${side} saw ${result.events} of ${events} events`);
        samples[side].push(result);
        log(
          `  run ${run} ${side}: ${fmt(result.eventsPerSecond)} events/s, ${fmt(result.seconds, 2)} s (CPU ${fmt(result.cpuSeconds, 2)} s), peak RSS ${fmt(result.peakRssMb)} MB`,
        );
      }
    }
    const rate = (side: Side) => median(samples[side].map((r) => r.eventsPerSecond));
    const rss = (side: Side) => median(samples[side].map((r) => r.peakRssMb));
    const ratio = rate('rebuild') / rate('read');
    const perCpu = (side: Side) => median(samples[side].map((r) => r.events / r.cpuSeconds));
    const cpuRatio = perCpu('rebuild') / perCpu('read');
    const rows = [
      ['line', 'events/s', 'seconds', 'events/CPU-s', 'peak RSS MB'],
      [
        'raw readAll (decode only)',
        fmt(rate('read')),
        fmt(median(samples.read.map((r) => r.seconds)), 2),
        fmt(perCpu('read')),
        fmt(rss('read')),
      ],
      [
        'rebuild of every projection',
        fmt(rate('rebuild')),
        fmt(median(samples.rebuild.map((r) => r.seconds)), 2),
        fmt(perCpu('rebuild')),
        fmt(rss('rebuild')),
      ],
    ];
    const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    const line = (r: string[]) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
    process.stdout.write(
      [
        `bench:projections — ${fmt(events)} events, medians of ${RUNS}`,
        line(rows[0]),
        `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
        ...rows.slice(1).map(line),
        `rebuild / raw read: ${fmt(ratio, 2)} (target ≥ 0.50) ${ratio >= 0.5 ? 'MET' : 'MISSED'}; by CPU time: ${fmt(cpuRatio, 2)}`,
        `rebuild peak RSS: ${fmt(rss('rebuild'))} MB (target < 300) ${rss('rebuild') < 300 ? 'MET' : 'MISSED'}`,
        '',
      ].join('\n'),
    );
  } finally {
    if (!KEEP_DIR) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
