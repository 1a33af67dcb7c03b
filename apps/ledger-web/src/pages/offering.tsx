import { useMemo } from 'react';
import {
  breachesOf,
  formatNumber,
  partyName,
  SEVERITIES,
  valueScoreByRole,
  worstFirst,
} from '../api/derive';
import {
  useOffering,
  useOfferingAnalytics,
  useOfferingTrend,
  useRelationships,
} from '../api/queries';
import type { CatalogOffering, OfferingAnalytics, OfferingTrend, ServiceLevel } from '../api/types';
import { Chart } from '../charts/chart';
import { metricChartOption } from '../charts/options';
import { metricSeries, metricsOf } from '../charts/series';
import { formatMoneyByCurrency } from '../format/money';
import { formatMonth } from '../format/period';
import { href } from '../router';
import { Empty, QueryView } from '../ui/states';

/** The warranty's service levels, also from a v1 offering (`availabilityTarget`). */
function serviceLevelsOf(offering: CatalogOffering | undefined): ServiceLevel[] {
  const warranty = offering?.warranty;
  if (warranty?.serviceLevels) return warranty.serviceLevels;
  if (typeof warranty?.availabilityTarget === 'number') {
    return [
      {
        metric: 'availability',
        target: warranty.availabilityTarget,
        comparison: 'at-least',
        unit: 'percent',
      },
    ];
  }
  return [];
}

export function OfferingPage({ id }: { id: string }) {
  const offering = useOffering(id);
  const analytics = useOfferingAnalytics(id);
  const trend = useOfferingTrend(id);
  const levels = serviceLevelsOf(offering.data);

  return (
    <>
      <QueryView query={offering} what="the offering">
        {(o) => (
          <header className="page-head">
            <p className="crumbs">
              <a href={href({ page: 'overview' })}>Overview</a> / offering
            </p>
            <h1>{o.name}</h1>
            <p>
              <span className={`badge status-${o.status}`}>{o.status}</span> for{' '}
              {o.targetConsumerGroup ?? '—'}
            </p>
            {levels.length > 0 && (
              <p className="warranty">
                Warranty:{' '}
                {levels
                  .map(
                    (l) =>
                      `${l.metric} ${l.comparison === 'at-most' ? '≤' : '≥'} ${l.target} ${l.unit}`,
                  )
                  .join(' · ')}
              </p>
            )}
          </header>
        )}
      </QueryView>

      <section aria-labelledby="levels-heading">
        <h2 id="levels-heading">Service levels by month</h2>
        <QueryView query={trend} what="the trend">
          {(t) => <ServiceLevelCharts trend={t} levels={levels} analytics={analytics.data} />}
        </QueryView>
      </section>

      <div className="columns">
        <section aria-labelledby="value-heading">
          <h2 id="value-heading">Value score by role</h2>
          <QueryView query={analytics} what="value scores">
            {(a) => <ValueScores analytics={a} trend={trend.data} />}
          </QueryView>
        </section>
        <section aria-labelledby="costs-heading">
          <h2 id="costs-heading">Costs</h2>
          <QueryView query={analytics} what="costs">
            {(a) => <Costs analytics={a} />}
          </QueryView>
        </section>
        <section aria-labelledby="risks-heading">
          <h2 id="risks-heading">Risks by severity</h2>
          <QueryView query={analytics} what="risks">
            {(a) => <Risks analytics={a} />}
          </QueryView>
        </section>
      </div>

      <section aria-labelledby="relationships-heading">
        <h2 id="relationships-heading">Relationships, worst first</h2>
        <Relationships offeringId={id} />
      </section>
    </>
  );
}

function ServiceLevelCharts({
  trend,
  levels,
  analytics,
}: {
  trend: OfferingTrend;
  levels: ServiceLevel[];
  analytics: OfferingAnalytics | undefined;
}) {
  const metrics = metricsOf(levels, analytics, trend);
  if (trend.months.length === 0 || metrics.length === 0) {
    return <Empty>Nothing has been measured for this offering yet.</Empty>;
  }
  return (
    <div className="metric-charts">
      {metrics.map((metric) => (
        <MetricChart
          key={metric}
          trend={trend}
          metric={metric}
          level={levels.find((l) => l.metric === metric)}
          summary={analytics?.serviceLevels?.[metric]}
        />
      ))}
    </div>
  );
}

function MetricChart({
  trend,
  metric,
  level,
  summary,
}: {
  trend: OfferingTrend;
  metric: string;
  level: ServiceLevel | undefined;
  summary: OfferingAnalytics['serviceLevels'][string] | undefined;
}) {
  const series = useMemo(
    () => metricSeries(trend, metric, level, summary),
    [trend, metric, level, summary],
  );
  const option = useMemo(() => metricChartOption(series), [series]);
  return (
    <figure className="metric" data-metric={metric}>
      <figcaption>
        <strong>{metric}</strong>
        {summary && (
          <span>
            {' '}
            — {summary.measurements} measured, {summary.breaches} breached
            {summary.mean !== undefined &&
              summary.mean !== null &&
              `, mean ${formatNumber(summary.mean)}`}
          </span>
        )}
      </figcaption>
      <Chart
        option={option}
        label={`${metric}: achieved against target by month`}
        testId={`chart-${metric}`}
      />
      <details>
        <summary>Table of {metric} by month</summary>
        <div className="table-wrap">
          <table data-testid={`table-${metric}`}>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" className="num">
                  Achieved
                </th>
                <th scope="col" className="num">
                  Target
                </th>
                <th scope="col" className="num">
                  Breaches
                </th>
              </tr>
            </thead>
            <tbody>
              {series.months.map((month, i) => (
                <tr key={month} className={series.breaches[i] > 0 ? 'breached' : undefined}>
                  <th scope="row">{formatMonth(month)}</th>
                  <td className="num">{formatNumber(series.achieved[i])}</td>
                  <td className="num">{formatNumber(series.target[i])}</td>
                  <td className="num">
                    {series.breaches[i] > 0 ? `⚠ ${series.breaches[i]}` : '0'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

function ValueScores({
  analytics,
  trend,
}: {
  analytics: OfferingAnalytics;
  trend: OfferingTrend | undefined;
}) {
  const average = analytics.averageValueScore;
  const rows = analytics.valueScore
    ? Object.entries(analytics.valueScore)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([role, score]) => ({ role, reviews: score.reviews, mean: score.mean }))
    : trend
      ? valueScoreByRole(trend)
      : [];
  if (rows.length === 0) return <Empty>No review yet.</Empty>;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Role</th>
          <th scope="col" className="num">
            Reviews
          </th>
          <th scope="col" className="num">
            Mean (1–5)
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.role}>
            <th scope="row">{r.role}</th>
            <td className="num">{r.reviews}</td>
            <td className="num">{formatNumber(r.mean)}</td>
          </tr>
        ))}
      </tbody>
      {average !== null && (
        <tfoot>
          <tr>
            <th scope="row">all</th>
            <td />
            <td className="num">{formatNumber(average)}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

function Costs({ analytics }: { analytics: OfferingAnalytics }) {
  const costs = analytics.costs ?? { removed: {}, imposed: {}, net: {} };
  return (
    <table>
      <tbody>
        <tr>
          <th scope="row">Removed from the consumer</th>
          <td className="num">{formatMoneyByCurrency(costs.removed)}</td>
        </tr>
        <tr>
          <th scope="row">Imposed on the consumer</th>
          <td className="num">{formatMoneyByCurrency(costs.imposed)}</td>
        </tr>
        <tr className="total">
          <th scope="row">Net (removed − imposed)</th>
          <td className="num">{formatMoneyByCurrency(costs.net)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function Risks({ analytics }: { analytics: OfferingAnalytics }) {
  const risks = analytics.risks ?? { removed: {}, imposed: {} };
  const count = (side: Record<string, number> | number | undefined, severity: string): number =>
    typeof side === 'object' ? (side[severity] ?? 0) : 0;
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">Severity</th>
          <th scope="col" className="num">
            Removed
          </th>
          <th scope="col" className="num">
            Imposed
          </th>
        </tr>
      </thead>
      <tbody>
        {SEVERITIES.map((severity) => (
          <tr key={severity}>
            <th scope="row">
              <span className={`badge sev-${severity}`}>{severity}</span>
            </th>
            <td className="num">{count(risks.removed, severity)}</td>
            <td className="num">{count(risks.imposed, severity)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Relationships({ offeringId }: { offeringId: string }) {
  const relationships = useRelationships({ offeringId, sort: '-breaches', limit: '50' });
  return (
    <QueryView query={relationships} what="the relationships">
      {(page) =>
        page.items.length === 0 ? (
          <Empty>No relationship has provisioned this offering.</Empty>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Consumer</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Breaches
                  </th>
                  <th scope="col" className="num">
                    Value score
                  </th>
                </tr>
              </thead>
              <tbody>
                {worstFirst(page.items).map((r) => (
                  <tr key={r.id}>
                    <td>
                      <a href={href({ page: 'relationship', id: r.id })}>{partyName(r.consumer)}</a>
                    </td>
                    <td>
                      <span className={`badge status-${r.status}`}>{r.status}</span>
                    </td>
                    <td className="num">{breachesOf(r)}</td>
                    <td className="num">{formatNumber(r.averageValueScore)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      }
    </QueryView>
  );
}
