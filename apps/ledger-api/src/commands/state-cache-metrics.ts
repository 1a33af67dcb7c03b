import { Injectable, OnModuleInit } from '@nestjs/common';
import { AggregateSnapshots, AggregateStateCache } from '@app/ledger';
import { MetricsRegistry } from '../metrics/metrics.registry';

/** The command side's memory at GET /metrics: the state cache's size and hit rate, snapshots. */
@Injectable()
export class StateCacheMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly cache: AggregateStateCache,
    private readonly snapshots: AggregateSnapshots,
  ) {}

  onModuleInit(): void {
    this.metrics.registerGauge({
      name: 'ledger_state_cache_bytes',
      help: 'Approximate bytes of folded aggregate states kept in memory (LEDGER_STATE_CACHE_BYTES bounds it).',
      collect: () => [{ value: this.cache.stats().bytes }],
    });
    this.metrics.registerGauge({
      name: 'ledger_state_cache_entries',
      help: 'Aggregate streams whose folded state is kept in memory.',
      collect: () => [{ value: this.cache.stats().entries }],
    });
    this.metrics.registerGauge({
      name: 'ledger_state_cache_lookups',
      help: 'State cache lookups since the start, by result (hit: no fold from the snapshot or stream start).',
      collect: () => {
        const { hits, misses } = this.cache.stats();
        return [
          { labels: { result: 'hit' }, value: hits },
          { labels: { result: 'miss' }, value: misses },
        ];
      },
    });
    this.metrics.registerGauge({
      name: 'ledger_state_cache_hit_ratio',
      help: 'Share of state cache lookups that were hits since the start (0 before the first).',
      collect: () => {
        const { hits, misses } = this.cache.stats();
        return [{ value: hits + misses === 0 ? 0 : hits / (hits + misses) }];
      },
    });
    this.metrics.registerGauge({
      name: 'ledger_snapshots_written',
      help: 'State snapshots written beside the events since the start, by outcome.',
      collect: () => {
        const { written, failed } = this.snapshots.stats();
        return [
          { labels: { outcome: 'written' }, value: written },
          { labels: { outcome: 'failed' }, value: failed },
        ];
      },
    });
  }
}
