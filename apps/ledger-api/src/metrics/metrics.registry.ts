import { Injectable } from '@nestjs/common';

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

interface Histogram {
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * The ledger's Prometheus metrics, written in the text exposition format by hand: a handful of
 * series does not need a client library. Counters live in memory and restart at zero with the
 * process, as Prometheus expects.
 */
@Injectable()
export class MetricsRegistry {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();
  private readonly collectors: GaugeCollector[] = [];

  /** Called once per answered request; `route` is the route pattern, never the raw URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const counterKey = labels({ method, route, status: String(status) });
    this.requests.set(counterKey, (this.requests.get(counterKey) ?? 0) + 1);
    const histogramKey = labels({ method, route });
    let histogram = this.durations.get(histogramKey);
    if (!histogram) {
      histogram = { buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(histogramKey, histogram);
    }
    const bucket = DURATION_BUCKETS.findIndex((bound) => seconds <= bound);
    if (bucket >= 0) histogram.buckets[bucket] += 1;
    histogram.sum += seconds;
    histogram.count += 1;
  }

  registerGauge(collector: GaugeCollector): void {
    this.collectors.push(collector);
  }

  async render(): Promise<string> {
    const lines: string[] = [];
    lines.push('# HELP ledger_http_requests_total HTTP requests answered, by route and status.');
    lines.push('# TYPE ledger_http_requests_total counter');
    for (const [key, value] of this.requests)
      lines.push(`ledger_http_requests_total{${key}} ${value}`);

    lines.push('# HELP ledger_http_request_duration_seconds Time to answer an HTTP request.');
    lines.push('# TYPE ledger_http_request_duration_seconds histogram');
    for (const [key, histogram] of this.durations) {
      let cumulative = 0;
      DURATION_BUCKETS.forEach((bound, index) => {
        cumulative += histogram.buckets[index];
        lines.push(
          `ledger_http_request_duration_seconds_bucket{${key},le="${bound}"} ${cumulative}`,
        );
      });
      lines.push(
        `ledger_http_request_duration_seconds_bucket{${key},le="+Inf"} ${histogram.count}`,
      );
      lines.push(`ledger_http_request_duration_seconds_sum{${key}} ${histogram.sum}`);
      lines.push(`ledger_http_request_duration_seconds_count{${key}} ${histogram.count}`);
    }

    const memory = process.memoryUsage();
    gauge(lines, 'process_resident_memory_bytes', 'Resident memory of the process.', [
      { value: memory.rss },
    ]);
    gauge(lines, 'nodejs_heap_used_bytes', 'V8 heap in use.', [{ value: memory.heapUsed }]);
    gauge(lines, 'process_uptime_seconds', 'Seconds since the process started.', [
      { value: process.uptime() },
    ]);
    for (const collector of this.collectors) {
      gauge(lines, collector.name, collector.help, await collector.collect());
    }
    return `${lines.join('\n')}\n`;
  }
}

function gauge(lines: string[], name: string, help: string, samples: GaugeSample[]): void {
  lines.push(`# HELP ${name} ${help}`);
  lines.push(`# TYPE ${name} gauge`);
  for (const sample of samples) {
    const text = sample.labels ? `{${labels(sample.labels)}}` : '';
    lines.push(`${name}${text} ${sample.value}`);
  }
}

/** Prometheus label set, values escaped as the exposition format requires. */
function labels(values: Record<string, string>): string {
  return Object.entries(values)
    .map(
      ([key, value]) =>
        `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`,
    )
    .join(',');
}
