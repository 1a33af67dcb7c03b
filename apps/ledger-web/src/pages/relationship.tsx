import { partyName } from '../api/derive';
import { useOfferings, useRelationship, useTimeline } from '../api/queries';
import type { TimelineFact } from '../api/types';
import { describeFact, humanType } from '../format/fact';
import { formatInstant } from '../format/period';
import { href } from '../router';
import { Empty, QueryView } from '../ui/states';

export function RelationshipPage({ id }: { id: string }) {
  const summary = useRelationship(id);
  const timeline = useTimeline(id);
  const catalog = useOfferings();
  const offeringName = (offeringId: string): string =>
    catalog.data?.items.find((o) => o.id === offeringId)?.name ??
    `offering ${offeringId.slice(0, 8)}`;
  return (
    <>
      <QueryView query={summary} what="the relationship">
        {(r) => (
          <header className="page-head">
            <p className="crumbs">
              <a href={href({ page: 'overview' })}>Overview</a> / relationship
            </p>
            <h1>
              {partyName(r.provider)} → {partyName(r.consumer)}
            </h1>
            <p>
              <span className={`badge status-${r.status}`}>{r.status}</span>{' '}
              {(r.offerings ?? []).map((o) => (
                <a key={o} className="chip" href={href({ page: 'offering', id: o })}>
                  {offeringName(o)}
                </a>
              ))}
            </p>
            {r.stakeholders && r.stakeholders.length > 0 && (
              <p>Stakeholders: {r.stakeholders.map((s) => `${s.name} (${s.role})`).join(', ')}</p>
            )}
          </header>
        )}
      </QueryView>
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline (by when each fact happened)</h2>
        <QueryView query={timeline} what="the timeline">
          {(t) =>
            t.facts.length === 0 ? <Empty>No facts recorded.</Empty> : <FactList facts={t.facts} />
          }
        </QueryView>
      </section>
    </>
  );
}

/** Facts by occurredAt; a retracted fact stays, struck through, with who retracted it and why. */
export function FactList({ facts }: { facts: TimelineFact[] }) {
  return (
    <ol className="timeline">
      {facts.map((fact) => (
        <li
          key={fact.position}
          className={fact.retracted ? 'retracted' : undefined}
          data-type={fact.type}
        >
          <time dateTime={fact.occurredAt}>{formatInstant(fact.occurredAt)}</time>
          <div className="fact">
            <span className="fact-type">{humanType(fact.type)}</span>{' '}
            {fact.retracted ? (
              <del>{describeFact(fact.type, fact.data)}</del>
            ) : (
              <span>{describeFact(fact.type, fact.data)}</span>
            )}
            <p className="meta">
              recorded {formatInstant(fact.recordedAt)} by {fact.actor ?? 'unknown'}
              {fact.retracted &&
                ` · retracted ${formatInstant(fact.retracted.recordedAt)} by ${fact.retracted.actor ?? 'unknown'}: ${fact.retracted.reason}`}
            </p>
          </div>
        </li>
      ))}
    </ol>
  );
}
