/**
 * `npm run bench:projections` — a full rebuild of every projection against a raw `readAll`
 * of the same store that only decodes events. Not a test: it prints a table of medians.
 *
 * 1. Generates BENCH_EVENTS (default 1,000,000) events of the command API's scenario mix
 *    (organizations, offerings with warranties of two service levels, some revised;
 *    relationships with stakeholders, provisions, outputs, outcomes, costs and risks both
 *    ways, monthly availability and response-time measurements judged against the warranty in
 *    force, reviews, retractions, deprovisions, ends, all placed in time by occurredAt;
 *    improvements through their lifecycle) into a fresh SQLite store with large appends (one
 *    per stream). The first fifth of the log is in the v1 shapes, as an upgraded ledger holds
 *    it, so the rebuild also reads through the upcasters.
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
  LedgerEventType,
  VALUE_CHAIN_ACTIVITIES,
} from '@app/domain';
import { JsonObject, NewEvent } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
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

/** An event to append, with the schema version its data is written in. */
interface BenchEvent {
  type: string;
  data: object;
  /** 2 for the v2 shapes of SPEC v2; 1 for events as v1 code wrote them (upcast on read). */
  schemaVersion?: number;
}

class LogWriter {
  written = 0;
  constructor(private readonly store: SqliteEventStore) {}

  /** Appends one stream's events in one call; recorded times advance with the log. */
  async append(streamId: string, events: BenchEvent[]): Promise<void> {
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
          schemaVersion: e.schemaVersion ?? EVENT_SCHEMA_VERSIONS[e.type as LedgerEventType],
        },
      };
    });
    await this.store.append(streamId, newEvents, { expectedRevision: 'no_stream' });
  }
}

const CURRENCIES = ['EUR', 'USD', 'GBP'] as const;
const ROLES = ['customer', 'user', 'sponsor'] as const;
const DAY = 86_400_000;

function amount(): string {
  return `${1 + Math.floor(random() * 5000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`;
}

/** The first day (UTC) of the month `months` after the month of `at`. */
function monthStart(at: number, months: number): number {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1);
}

interface ServiceLevel {
  metric: string;
  target: number;
  comparison: 'at-least' | 'at-most';
  unit: string;
}

/** An offering's warranty revisions (v2): the one in force for a period is looked up here. */
interface Warranties {
  revisions: { effectiveFrom: number; serviceLevels: ServiceLevel[] }[];
}

function levelInForce(w: Warranties, metric: string, at: number): ServiceLevel {
  let found = w.revisions[0];
  for (const r of w.revisions) if (r.effectiveFrom <= at) found = r;
  return found.serviceLevels.find((l) => l.metric === metric)!;
}

const SERVICE_LEVELS = (responseMs: number): ServiceLevel[] => [
  { metric: 'availability', target: 99.9, comparison: 'at-least', unit: 'percent' },
  { metric: 'response-time-ms', target: responseMs, comparison: 'at-most', unit: 'ms' },
];

/**
 * One relationship's life: about 100 events of value co-creation, placed in time by
 * `occurredAt` (v2) over months after it was established, with monthly measurements of both
 * warranty metrics judged against the revision in force, a few retractions and, for some, a
 * deprovisioning. `v1` writes the same life as v1 code stored it (no occurredAt, the caller's
 * target, no breach, no retractions): the start of an upgraded ledger's log.
 */
function relationshipEvents(
  relationshipId: string,
  providerId: string,
  consumerId: string,
  offerings: string[],
  warranties: Map<string, Warranties>,
  v1: boolean,
): BenchEvent[] {
  const established = START + Math.floor(random() * (SPAN / 2));
  const version = v1 ? 1 : 2;
  const occurred = (at: number) => (v1 ? {} : { occurredAt: new Date(at).toISOString() });
  const fact = (type: string, at: number, data: object): BenchEvent => ({
    type,
    data: { relationshipId, ...data, ...occurred(at) },
    schemaVersion: version,
  });
  const events: BenchEvent[] = [
    fact('RelationshipEstablished', established, { providerId, consumerId }),
    ...ROLES.map((role) =>
      fact('StakeholderAssigned', established + DAY, {
        stakeholderId: id(),
        role,
        name: `${role} of ${consumerId.slice(-6)}`,
      }),
    ),
    ...offerings.map((offeringId) => fact('ServiceProvisioned', established + DAY, { offeringId })),
  ];
  /** Facts a correction may withdraw: [id, event type]. */
  const retractable: [string, string][] = [];
  const cycles = 8 + Math.floor(random() * 5);
  let last = established;
  for (let c = 0; c < cycles; c++) {
    const offeringId = pick(offerings);
    const outputId = id();
    const at = established + (c + 1) * 30 * DAY + Math.floor(random() * 28 * DAY);
    last = at;
    const start = monthStart(established, c + 1);
    const period = {
      start: new Date(start).toISOString(),
      end: new Date(monthStart(start, 1)).toISOString(),
    };
    const costId = id();
    const reviewId = id();
    const measurementIds = [id(), id()];
    retractable.push([costId, 'CostRecorded'], [reviewId, 'RelationshipReviewed']);
    retractable.push(...measurementIds.map((m): [string, string] => [m, 'ServiceLevelMeasured']));
    const measured = (measurementId: string, metric: string, actual: number): BenchEvent => {
      const level = levelInForce(warranties.get(offeringId)!, metric, start);
      const breached =
        level.comparison === 'at-least' ? actual < level.target : actual > level.target;
      const judged = v1
        ? { target: level.target, comparison: level.comparison }
        : { target: level.target, comparison: level.comparison, unit: level.unit, breached };
      return {
        type: 'ServiceLevelMeasured',
        data: { relationshipId, measurementId, offeringId, metric, actual, period, ...judged },
        schemaVersion: version,
      };
    };
    events.push(
      fact('ServiceConsumed', at, { consumptionId: id(), offeringId, description: 'daily use' }),
      fact('OutputDelivered', at, { outputId, description: `deliverable ${c}`, offeringId }),
      fact('OutcomeRealized', at + DAY, {
        outcomeId: id(),
        stakeholderRole: pick(ROLES),
        description: `result ${c}`,
        enabledBy: [outputId],
        offeringId,
      }),
      fact('CostRecorded', at, {
        costId,
        effect: 'removed',
        amount: amount(),
        currency: pick(CURRENCIES),
        description: 'cost removed',
        offeringId,
      }),
      fact('CostRecorded', at, {
        costId: id(),
        effect: 'imposed',
        amount: amount(),
        currency: pick(CURRENCIES),
        description: 'fee',
        offeringId,
      }),
      fact('RiskRecorded', at, {
        riskId: id(),
        effect: random() < 0.6 ? 'removed' : 'imposed',
        description: 'risk',
        severity: pick(['low', 'medium', 'high', 'critical'] as const),
        offeringId,
      }),
      measured(
        measurementIds[0],
        'availability',
        Math.round((random() < 0.15 ? 99 + random() * 0.8 : 99.9 + random() * 0.1) * 100) / 100,
      ),
      measured(measurementIds[1], 'response-time-ms', Math.floor(100 + random() * 300)),
      fact('RelationshipReviewed', at + 2 * DAY, {
        reviewId,
        stakeholderRole: pick(ROLES),
        valueScore: 1 + Math.floor(random() * 5),
        comment: null,
        offeringId,
      }),
    );
  }
  if (!v1) {
    // Corrections: about one fact in a hundred recorded by mistake and retracted.
    for (const chance of [0.6, 0.3]) {
      if (random() >= chance || retractable.length === 0) continue;
      const [factId, factType] = retractable.splice(
        Math.floor(random() * retractable.length),
        1,
      )[0];
      events.push(
        fact('FactRetracted', last + 3 * DAY, { factId, factType, reason: 'recorded by mistake' }),
      );
    }
    if (offerings.length > 1 && random() < 0.3) {
      events.push(fact('ServiceDeprovisioned', last + 4 * DAY, { offeringId: offerings[0] }));
    }
  }
  if (random() < 0.1) {
    events.push(fact('RelationshipEnded', last + 5 * DAY, { reason: 'contract ended' }));
  }
  return events;
}

function improvementEvents(improvementId: string, relationshipId: string): BenchEvent[] {
  const baseline = 10 + Math.floor(random() * 50);
  const target = baseline + 10 + Math.floor(random() * 20);
  const events: BenchEvent[] = [
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
  const warranties = new Map<string, Warranties>();
  for (const [p, providerId] of providers.entries()) {
    const ids: string[] = [];
    for (let k = 0; k < 2; k++) {
      const offeringId = id();
      ids.push(offeringId);
      const description = {
        offeringId,
        name: `Offering ${offeringId.slice(-6)}`,
        targetConsumerGroup: 'small firms',
        goods: [],
        resourceAccess: ['mailbox', 'storage'],
        serviceActions: ['support desk'],
        utility: ['mail', 'calendar'],
      };
      // The first fifth as v1 code published them (one availability target), the rest v2;
      // every third v2 offering revised a year in with a tighter response time.
      const v1 = p < providers.length / 5;
      const w: Warranties = {
        revisions: [{ effectiveFrom: START, serviceLevels: SERVICE_LEVELS(300) }],
      };
      const events: BenchEvent[] = [
        v1
          ? {
              type: 'OfferingPublished',
              data: { ...description, providerId, warranty: { availabilityTarget: 99.9 } },
              schemaVersion: 1,
            }
          : {
              type: 'OfferingPublished',
              data: {
                ...description,
                providerId,
                warranty: { serviceLevels: SERVICE_LEVELS(300) },
                effectiveFrom: new Date(START).toISOString(),
              },
              schemaVersion: 2,
            },
      ];
      if (!v1 && (p + k) % 3 === 0) {
        const effectiveFrom = START + SPAN / 2;
        w.revisions.push({ effectiveFrom, serviceLevels: SERVICE_LEVELS(250) });
        events.push({
          type: 'OfferingRevised',
          data: {
            ...description,
            warranty: { serviceLevels: SERVICE_LEVELS(250) },
            effectiveFrom: new Date(effectiveFrom).toISOString(),
          },
          schemaVersion: 2,
        });
      }
      warranties.set(offeringId, w);
      await log.append(`offering-${offeringId}`, events);
    }
    offeringsOf.set(providerId, ids);
  }
  let relationships = 0;
  while (log.written < EVENTS) {
    const relationshipId = id();
    const providerId = pick(providers);
    const offerings = offeringsOf.get(providerId)!;
    const provisioned = random() < 0.3 ? offerings : [pick(offerings)];
    // The first fifth of the log as v1 code wrote it: an upgraded ledger, read through upcasters.
    const v1 = log.written < EVENTS / 5;
    let events = relationshipEvents(
      relationshipId,
      providerId,
      pick(consumers),
      provisioned,
      warranties,
      v1,
    );
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
