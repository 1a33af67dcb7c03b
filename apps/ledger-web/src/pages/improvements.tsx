import { useState } from 'react';
import { formatNumber, isOverdue } from '../api/derive';
import { type ImprovementFilter, useImprovements } from '../api/queries';
import { formatDate } from '../format/period';
import { href } from '../router';
import { Empty, QueryView } from '../ui/states';

const STATUSES = [
  'proposed',
  'approved',
  'rejected',
  'implemented',
  'evaluated',
  'withdrawn',
  'on-hold',
];
const DIMENSIONS = [
  'organizations-and-people',
  'information-and-technology',
  'partners-and-suppliers',
  'value-streams-and-processes',
];
const ACTIVITIES = [
  'plan',
  'improve',
  'engage',
  'design-and-transition',
  'obtain-build',
  'deliver-and-support',
];

/** The continual improvement register, filtered; overdue entries are marked. */
export function ImprovementsPage() {
  const [filter, setFilter] = useState<ImprovementFilter>({});
  const improvements = useImprovements(filter);
  const set = (name: string, value: string) =>
    setFilter((f) => ({ ...f, [name]: value === '' ? undefined : value }));
  const now = new Date();

  return (
    <>
      <h1>Improvement register</h1>
      <form
        className="filters"
        aria-label="Filter the register"
        onSubmit={(e) => e.preventDefault()}
      >
        <Select
          label="Status"
          name="status"
          options={STATUSES}
          value={filter.status}
          onChange={set}
        />
        <Select
          label="Dimension"
          name="dimension"
          options={DIMENSIONS}
          value={filter.dimension}
          onChange={set}
        />
        <Select
          label="Value chain activity"
          name="valueChainActivity"
          options={ACTIVITIES}
          value={filter.valueChainActivity}
          onChange={set}
        />
        <label>
          Owner
          <input value={filter.owner ?? ''} onChange={(e) => set('owner', e.target.value)} />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={filter.overdue === 'true'}
            onChange={(e) => set('overdue', e.target.checked ? 'true' : '')}
          />
          Overdue only
        </label>
      </form>
      <QueryView query={improvements} what="the register">
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No improvement matches.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="register">
                <thead>
                  <tr>
                    <th scope="col">Improvement</th>
                    <th scope="col">Status</th>
                    <th scope="col">Owner</th>
                    <th scope="col">Metric</th>
                    <th scope="col" className="num">
                      Baseline → target
                    </th>
                    <th scope="col" className="num">
                      Actual
                    </th>
                    <th scope="col">Target date</th>
                    <th scope="col">Closure</th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((i) => {
                    const overdue = isOverdue(i, now);
                    return (
                      <tr
                        key={i.id}
                        className={overdue ? 'overdue' : undefined}
                        data-overdue={overdue}
                      >
                        <td>
                          <a href={href({ page: 'improvement', id: i.id })}>{i.title}</a>
                        </td>
                        <td>
                          <span className={`badge status-${i.status}`}>{i.status}</span>
                        </td>
                        <td>{i.owner ?? '—'}</td>
                        <td>{i.metric}</td>
                        <td className="num">
                          {formatNumber(i.baseline)} → {formatNumber(i.target)}
                        </td>
                        <td className="num">{formatNumber(i.actual)}</td>
                        <td>
                          {formatDate(i.targetDate)}
                          {overdue && (
                            <span
                              className="badge overdue-mark"
                              title="Target date passed, still open"
                            >
                              overdue
                            </span>
                          )}
                        </td>
                        <td>{i.closure ?? '—'}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </>
  );
}

function Select({
  label,
  name,
  options,
  value,
  onChange,
}: {
  label: string;
  name: string;
  options: string[];
  value: string | undefined;
  onChange: (name: string, value: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(name, e.target.value)}>
        <option value="">any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}
