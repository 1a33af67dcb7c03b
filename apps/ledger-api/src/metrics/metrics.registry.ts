import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** One sample of a gauge collected at scrape time. */
export interface GaugeSample {
  labels?: Record<string, string>;
  value: number;
}

/** A gauge whose samples are read when Prometheus scrapes (e.g. projection lag). */
export interface GaugeCollector {
  name: string;
  help: string;
  collect(): Promise<GaugeSample[]> | GaugeSample[];
}

/** Upper bounds (seconds) of the request-duration histogram buckets. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** Upper bounds of the group-commit batch-size histogram (writes per COMMIT). */
const BATCH_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256];
/** Upper bounds (seconds) of the COMMIT (fsync) time histogram. */
const COMMIT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1];

/**
 * The ledger's Prometheus metrics on prom-client, one registry per app: the default process
 * metrics (memory, CPU, event loop lag, GC, handles) plus the ledger's own. Counters live in
 * memory and restart at zero with the process, as Prometheus expects.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'ledger_http_requests_total',
    help: 'HTTP requests answered, by route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  private readonly durations = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  private readonly commands = new Counter({
    name: 'ledger_commands_total',
    help: 'Commands executed through the API, by type and outcome (accepted, rejected, conflict, invalid, failed).',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly commitBatch = new Histogram({
    name: 'ledger_store_commit_batch_size',
    help: 'Writes per group commit of the embedded store (appends sharing one fsync).',
    buckets: BATCH_BUCKETS,
    registers: [this.registry],
  });
  private readonly commitTime = new Histogram({
    name: 'ledger_store_commit_seconds',
    help: 'Time of the COMMIT of a group commit (the fsync, with synchronous=FULL).',
    buckets: COMMIT_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Called once per answered request; `route` is the route pattern, never the raw URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.durations.observe(labels, seconds);
  }

  observeCommand(type: string, outcome: string): void {
    this.commands.inc({ type, outcome });
  }

  observeCommit(batchSize: number, seconds: number): void {
    this.commitBatch.observe(batchSize);
    this.commitTime.observe(seconds);
  }

  /** A gauge read at scrape time; its samples may carry any labels. */
  registerGauge(collector: GaugeCollector): void {
    this.registry.registerMetric({
      name: collector.name,
      help: collector.help,
      type: 'gauge',
      get: async () => ({
        name: collector.name,
        help: collector.help,
        type: 'gauge',
        aggregator: 'sum',
        values: (await collector.collect()).map(({ labels, value }) => ({
          labels: labels ?? {},
          value,
        })),
      }),
    } as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
