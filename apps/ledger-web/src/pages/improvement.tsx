import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { postJson } from '../api/client';
import { formatNumber, isOverdue, subjectOf } from '../api/derive';
import { ApiError } from '../api/problem';
import { useImprovement } from '../api/queries';
import type { ImprovementDetail, Me } from '../api/types';
import { mayRunImprovements } from '../auth/roles';
import { Chart } from '../charts/chart';
import { beforeAfterChartOption } from '../charts/options';
import { beforeAfterSeries } from '../charts/series';
import { formatDate, formatInstant } from '../format/period';
import { href } from '../router';
import { Empty, QueryView } from '../ui/states';

export function ImprovementPage({ id, me }: { id: string; me: Me }) {
  const improvement = useImprovement(id);
  return (
    <QueryView query={improvement} what="the improvement">
      {(i) => <ImprovementView improvement={i} me={me} />}
    </QueryView>
  );
}

function ImprovementView({ improvement: i, me }: { improvement: ImprovementDetail; me: Me }) {
  const series = useMemo(() => beforeAfterSeries(i), [i]);
  const option = useMemo(() => beforeAfterChartOption(series), [series]);
  const subject = subjectOf(i);
  const overdue = isOverdue(i, new Date());
  return (
    <>
      <header className="page-head">
        <p className="crumbs">
          <a href={href({ page: 'improvements' })}>Improvement register</a> / improvement
        </p>
        <h1>{i.title}</h1>
        <p>
          <span className={`badge status-${i.status}`}>{i.status}</span>
          {overdue && <span className="badge overdue-mark">overdue</span>} {i.dimension} ·{' '}
          {i.valueChainActivity}
          {subject.id !== null && (
            <>
              {' · subject '}
              {subject.kind === null ? (
                subject.id
              ) : (
                <a href={href({ page: subject.kind, id: subject.id })}>
                  {subject.kind} {subject.id.slice(0, 8)}
                </a>
              )}
            </>
          )}
        </p>
      </header>
      <div className="columns">
        <section aria-labelledby="facts-heading">
          <h2 id="facts-heading">Measure</h2>
          <dl className="facts">
            <dt>Metric</dt>
            <dd>
              {i.metric} ({i.direction ?? '—'})
            </dd>
            <dt>Baseline</dt>
            <dd>
              {formatNumber(i.baseline)} {i.baselineSource && <small>({i.baselineSource})</small>}
            </dd>
            <dt>Target</dt>
            <dd>
              {formatNumber(i.target)} by {formatDate(i.targetDate)}
            </dd>
            <dt>Actual</dt>
            <dd>
              {formatNumber(i.actual)} {i.actualSource && <small>({i.actualSource})</small>}
            </dd>
            <dt>Target met</dt>
            <dd>{i.targetMet === true ? 'yes' : i.targetMet === false ? 'no' : '—'}</dd>
            <dt>Benefit realized</dt>
            <dd>
              {i.benefitRealizedPercent == null
                ? '—'
                : `${formatNumber(i.benefitRealizedPercent, 1)} %`}
            </dd>
            <dt>Closure</dt>
            <dd>{i.closure ?? '—'}</dd>
            <dt>Objective</dt>
            <dd>{i.objective ?? '—'}</dd>
            {i.reason && (
              <>
                <dt>Reason</dt>
                <dd>{i.reason}</dd>
              </>
            )}
          </dl>
        </section>
        <section aria-labelledby="people-heading">
          <h2 id="people-heading">People and stages</h2>
          <dl className="facts">
            <dt>Owner</dt>
            <dd>{i.owner ?? '—'}</dd>
            <dt>Proposed by</dt>
            <dd>
              {i.proposedBy ?? '—'} <When at={i.stageTimes?.proposedAt} />
            </dd>
            <dt>Approved by</dt>
            <dd>
              {i.approvedBy ?? '—'} <When at={i.stageTimes?.approvedAt} />
            </dd>
            <dt>Implemented</dt>
            <dd>{formatInstant(i.stageTimes?.implementedAt)}</dd>
            <dt>Evaluated by</dt>
            <dd>
              {i.evaluatedBy ?? '—'} <When at={i.stageTimes?.evaluatedAt} />
            </dd>
          </dl>
        </section>
      </div>
      <section aria-labelledby="before-after-heading">
        <h2 id="before-after-heading">Before and after</h2>
        {series.labels.length === 0 ? (
          <Empty>No measured period of {i.metric} on its subject yet.</Empty>
        ) : (
          <Chart
            option={option}
            label={`${i.metric} before and after the improvement`}
            testId="chart-before-after"
          />
        )}
      </section>
      {mayRunImprovements(me.role) && <Lifecycle improvement={i} />}
    </>
  );
}

/** A stage's time beside its actor; nothing when the stage has not happened. */
function When({ at }: { at: string | null | undefined }) {
  return at ? <small>{formatInstant(at)}</small> : null;
}

type Step = 'approve' | 'reject' | 'implement' | 'evaluate' | 'withdraw' | 'hold' | 'resume';

/** The steps SPEC's lifecycle allows from each status (the server decides; this only offers). */
const STEPS: Record<string, Step[]> = {
  proposed: ['approve', 'reject', 'hold', 'withdraw'],
  approved: ['implement', 'hold', 'withdraw'],
  'on-hold': ['resume'],
  implemented: ['evaluate'],
};
const NEEDS_REASON: Step[] = ['withdraw', 'hold'];

function Lifecycle({ improvement }: { improvement: ImprovementDetail }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [closure, setClosure] = useState('successful');
  const [actual, setActual] = useState('');
  const mutation = useMutation({
    mutationFn: (step: Step) => {
      const body: Record<string, unknown> = {};
      if (reason.trim() !== '' && step !== 'evaluate') body.reason = reason.trim();
      if (step === 'evaluate') {
        body.closure = closure;
        if (actual.trim() !== '') body.actual = Number(actual);
        if (reason.trim() !== '') body.notes = reason.trim();
      }
      return postJson(`/v1/improvements/${encodeURIComponent(improvement.id)}/${step}`, body);
    },
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const steps = STEPS[improvement.status] ?? [];
  if (steps.length === 0) return null;
  return (
    <section aria-labelledby="lifecycle-heading" className="lifecycle">
      <h2 id="lifecycle-heading">Next step</h2>
      <form onSubmit={(e) => e.preventDefault()}>
        <label>
          Reason or notes
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {steps.includes('evaluate') && (
          <>
            <label>
              Closure
              <select value={closure} onChange={(e) => setClosure(e.target.value)}>
                <option value="successful">successful</option>
                <option value="partially-successful">partially-successful</option>
                <option value="unsuccessful">unsuccessful</option>
              </select>
            </label>
            <label>
              Actual (empty: measured)
              <input
                inputMode="decimal"
                value={actual}
                onChange={(e) => setActual(e.target.value)}
              />
            </label>
          </>
        )}
        <div className="buttons">
          {steps.map((step) => (
            <button
              key={step}
              type="button"
              disabled={mutation.isPending || (NEEDS_REASON.includes(step) && reason.trim() === '')}
              onClick={() => mutation.mutate(step)}
            >
              {step}
            </button>
          ))}
        </div>
      </form>
      {mutation.isError && (
        <p className="state error" role="alert">
          The ledger refused:{' '}
          {mutation.error instanceof ApiError ? mutation.error.message : String(mutation.error)}
        </p>
      )}
      {mutation.isSuccess && (
        <p className="state ok" role="status">
          Recorded.
        </p>
      )}
    </section>
  );
}
