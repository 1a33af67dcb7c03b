import { useQueries } from '@tanstack/react-query';
import { getJson } from '../api/client';
import {
  useImprovementAnalytics,
  useImprovements,
  useOfferings,
  useRelationships,
} from '../api/queries';
import type { OfferingTrend } from '../api/types';
import { formatMonth } from '../format/period';
import { href } from '../router';
import { Empty, QueryView } from '../ui/states';

const OPEN_STATUSES = ['proposed', 'approved', 'implemented', 'on-hold'];

/** SPEC: offerings, active relationships, breaches this month, open and overdue improvements. */
export function OverviewPage() {
  const month = new Date().toISOString().slice(0, 7);
  const offerings = useOfferings();
  const active = useRelationships({ status: 'active', limit: '1' });
  const improvements = useImprovementAnalytics();
  const overdue = useImprovements({ overdue: 'true' });
  const items = offerings.data?.items ?? [];
  const trends = useQueries({
    queries: items.map((o) => ({
      queryKey: ['/v1/analytics/offerings/trend', o.id, month, month],
      queryFn: () =>
        getJson<OfferingTrend>(`/v1/analytics/offerings/${encodeURIComponent(o.id)}/trend`, {
          from: month,
          to: month,
        }),
    })),
  });
  const breachesOf = (index: number): number | undefined => {
    const trend = trends[index]?.data;
    if (trend === undefined) return undefined;
    return trend.months
      .filter((m) => m.month === month)
      .flatMap((m) => Object.values(m.serviceLevels ?? {}))
      .reduce((sum, level) => sum + (level?.breaches ?? 0), 0);
  };
  const breachTotal = trends.every((t) => t.data !== undefined)
    ? items.reduce((sum, _o, i) => sum + (breachesOf(i) ?? 0), 0)
    : undefined;
  const byStatus = improvements.data?.byStatus ?? {};
  const open = improvements.data
    ? OPEN_STATUSES.reduce((sum, s) => sum + (byStatus[s] ?? 0), 0)
    : undefined;
  const overdueCount = overdue.data
    ? (overdue.data.total ?? overdue.data.items.length)
    : improvements.data?.overdue;

  return (
    <>
      <h1>Overview</h1>
      <section className="tiles" aria-label="Key figures">
        <Tile
          label="Offerings"
          value={offerings.data ? (offerings.data.total ?? items.length) : undefined}
        />
        <Tile
          label="Active relationships"
          value={active.data ? (active.data.total ?? active.data.items.length) : undefined}
          failed={active.isError}
        />
        <Tile
          label={`Breaches in ${formatMonth(month)}`}
          value={breachTotal}
          warn={(breachTotal ?? 0) > 0}
        />
        <Tile
          label="Open improvements"
          value={open}
          failed={improvements.isError}
          href={href({ page: 'improvements' })}
        />
        <Tile
          label="Overdue improvements"
          value={overdueCount}
          warn={(overdueCount ?? 0) > 0}
          failed={overdue.isError && improvements.data?.overdue === undefined}
          href="#/improvements"
        />
      </section>
      <section aria-labelledby="offerings-heading">
        <h2 id="offerings-heading">Offerings</h2>
        <QueryView query={offerings} what="the catalog">
          {(page) =>
            page.items.length === 0 ? (
              <Empty>No offering has been published yet.</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Offering</th>
                      <th scope="col">Status</th>
                      <th scope="col">Consumer group</th>
                      <th scope="col" className="num">
                        Breaches in {formatMonth(month)}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((o, i) => (
                      <tr key={o.id}>
                        <td>
                          <a href={href({ page: 'offering', id: o.id })}>{o.name}</a>
                        </td>
                        <td>
                          <span className={`badge status-${o.status}`}>{o.status}</span>
                        </td>
                        <td>{o.targetConsumerGroup ?? '—'}</td>
                        <td className="num">{breachesOf(i) ?? '…'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryView>
      </section>
    </>
  );
}

function Tile({
  label,
  value,
  warn = false,
  failed = false,
  href: link,
}: {
  label: string;
  value: number | undefined;
  warn?: boolean;
  failed?: boolean;
  href?: string;
}) {
  const shown = failed ? '—' : value === undefined ? '…' : String(value);
  const body = (
    <>
      <span className="tile-value">{shown}</span>
      <span className="tile-label">{label}</span>
    </>
  );
  return (
    <div className={`tile${warn ? ' warn' : ''}`}>
      {link === undefined ? body : <a href={link}>{body}</a>}
    </div>
  );
}
