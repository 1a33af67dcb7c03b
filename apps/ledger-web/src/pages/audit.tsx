import { type FormEvent, useState } from 'react';
import { authHeaders, errorOf } from '../api/client';
import { useCheckpoint, useRelationships, useReplay, useVerification } from '../api/queries';
import type { RelationshipReplay, TimelineFact } from '../api/types';
import { partyName } from '../api/derive';
import { formatInstant, toUtcInstant } from '../format/period';
import { Empty, isMissing, QueryView } from '../ui/states';
import { FactList } from './relationship';

export function AuditPage() {
  return (
    <>
      <h1>Audit</h1>
      <div className="columns">
        <Verification />
        <Checkpoint />
      </div>
      <AsOf />
      <Export />
    </>
  );
}

function Verification() {
  const [asked, setAsked] = useState(false);
  const verification = useVerification(asked);
  return (
    <section aria-labelledby="verify-heading">
      <h2 id="verify-heading">Integrity</h2>
      <p>Recomputes every stream's SHA-256 hash chain.</p>
      <button type="button" onClick={() => (asked ? void verification.refetch() : setAsked(true))}>
        Verify the log
      </button>
      {asked && (
        <QueryView query={verification} what="the verification">
          {(report) => (
            <div
              className={`verdict ${report.valid ? 'valid' : 'invalid'}`}
              role="status"
              data-testid="verify-result"
            >
              <strong>{report.valid ? 'Valid' : 'Broken'}</strong>: {report.eventsChecked} events
              {report.streamsChecked !== undefined && ` in ${report.streamsChecked} streams`}{' '}
              checked
              {report.failures.length > 0 && (
                <ul>
                  {report.failures.map((f) => (
                    <li key={`${f.streamId}:${f.revision}`}>
                      {f.streamId} at revision {f.revision}: {f.reason}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </QueryView>
      )}
    </section>
  );
}

function Checkpoint() {
  const checkpoint = useCheckpoint();
  return (
    <section aria-labelledby="checkpoint-heading">
      <h2 id="checkpoint-heading">Latest signed checkpoint</h2>
      {checkpoint.isError && isMissing(checkpoint.error) ? (
        <Empty>This ledger has signed no checkpoint yet.</Empty>
      ) : (
        <QueryView query={checkpoint} what="the checkpoint">
          {(text) => (
            <pre className="checkpoint" data-testid="checkpoint">
              {text}
            </pre>
          )}
        </QueryView>
      )}
    </section>
  );
}

function AsOf() {
  const relationships = useRelationships({ limit: '100' });
  const [relationshipId, setRelationshipId] = useState('');
  const [asOfText, setAsOfText] = useState(() => new Date().toISOString());
  const [invalid, setInvalid] = useState(false);
  const [asked, setAsked] = useState<{ id: string; asOf: string | undefined }>({
    id: '',
    asOf: undefined,
  });
  const replay = useReplay(asked.id, asked.asOf);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const asOf = toUtcInstant(asOfText);
    setInvalid(asOf === undefined);
    if (asOf !== undefined) setAsked({ id: relationshipId.trim(), asOf });
  };
  const options = relationships.data?.items ?? [];
  return (
    <section aria-labelledby="asof-heading">
      <h2 id="asof-heading">A relationship as the ledger knew it</h2>
      <form className="filters" onSubmit={submit}>
        <label>
          Relationship
          {options.length > 0 ? (
            <select
              value={relationshipId}
              onChange={(e) => setRelationshipId(e.target.value)}
              required
            >
              <option value="">choose…</option>
              {options.map((r) => (
                <option key={r.id} value={r.id}>
                  {`${partyName(r.provider)} → ${partyName(r.consumer)}`}
                </option>
              ))}
            </select>
          ) : (
            <input
              value={relationshipId}
              onChange={(e) => setRelationshipId(e.target.value)}
              placeholder="relationship id"
              required
            />
          )}
        </label>
        <label>
          As of (ISO 8601; UTC unless a zone is given)
          <input
            name="asOf"
            value={asOfText}
            onChange={(e) => setAsOfText(e.target.value)}
            aria-invalid={invalid}
            placeholder="2026-01-31T12:00:00Z"
            size={26}
          />
        </label>
        <button type="submit">Replay</button>
      </form>
      {invalid && (
        <p className="state error" role="alert">
          Give the time as an ISO 8601 instant, e.g. 2026-01-31T12:00:00Z.
        </p>
      )}
      {asked.id !== '' && (
        <QueryView query={replay} what="the replay">
          {(answer) => <ReplayView answer={answer} />}
        </QueryView>
      )}
    </section>
  );
}

function ReplayView({ answer }: { answer: RelationshipReplay }) {
  const state = answer.state as Record<string, unknown>;
  const counts = (state.counts ?? {}) as Record<string, number>;
  const facts: TimelineFact[] = answer.events
    .map((e) => ({
      factId: null,
      type: e.type,
      occurredAt: typeof e.data.occurredAt === 'string' ? e.data.occurredAt : e.metadata.recordedAt,
      recordedAt: e.metadata.recordedAt,
      actor: e.metadata.actor ?? null,
      position: e.position,
      data: e.data,
      retracted: null,
    }))
    .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return (
    <div data-testid="replay">
      <p>
        As of {formatInstant(answer.asOf)}:{' '}
        <span className={`badge status-${answer.state.status}`}>{answer.state.status}</span>,{' '}
        {answer.revision === null
          ? 'nothing recorded yet'
          : `${answer.events.length} events (up to revision ${answer.revision})`}
        , chain {answer.integrity.valid ? 'valid' : 'BROKEN'}.
      </p>
      {Object.keys(counts).length > 0 && (
        <p className="counts">
          {Object.entries(counts)
            .map(([kind, n]) => `${kind} ${n}`)
            .join(' · ')}
        </p>
      )}
      {facts.length > 0 && <FactList facts={facts} />}
    </div>
  );
}

function Export() {
  const [state, setState] = useState<{ busy: boolean; message: string | null }>({
    busy: false,
    message: null,
  });
  const download = async () => {
    setState({ busy: true, message: null });
    try {
      // Fetched with the key in a header, then handed to the browser as a file: a plain link
      // would need the key in the URL.
      const response = await fetch('/v1/audit/export', { headers: authHeaders() });
      if (!response.ok) throw await errorOf(response);
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = `ledger-export-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.ndjson`;
      link.click();
      URL.revokeObjectURL(url);
      setState({
        busy: false,
        message: 'Export downloaded. Check it with node docs/verify-export.mjs.',
      });
    } catch (error) {
      setState({
        busy: false,
        message: `Export failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p>Every event as NDJSON with its hashes, to verify outside the ledger.</p>
      <button type="button" onClick={() => void download()} disabled={state.busy}>
        {state.busy ? 'Exporting…' : 'Download the export'}
      </button>
      {state.message !== null && (
        <p className="state" role="status">
          {state.message}
        </p>
      )}
    </section>
  );
}
