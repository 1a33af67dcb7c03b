/**
 * `ledger_append`, created by schema migration 2: a group of appends in ONE statement, so a
 * group costs one round trip and one WAL flush (the statement is its own transaction).
 *
 * Under the append lock (held to the end of the transaction, so position order stays commit
 * order) it takes each append in turn, as the one-append transaction did before it:
 * 1. the idempotency check: the same event ids stored at consecutive revisions → 'duplicate',
 *    with the original revision and position (before the revision check, so a retry of an
 *    append that did commit gets its original answer);
 * 2. the expected revision against the stream's head → 'conflict', with the actual revision;
 * 3. the tail the caller hashed the chain onto against the head → 'stale', with the head, for
 *    the caller to hash again (another writer appended in between);
 * 4. otherwise the insert at the next positions and the new head → 'appended'.
 * An append of the group sees the ones before it, and its outcome touches none of the others.
 * One NOTIFY per group that appended anything, delivered at commit.
 *
 * Parameters are parallel arrays: five per append, six per event (events in append order,
 * `event_counts` saying how many belong to each append).
 */
export const APPEND_FUNCTION_SQL = `
  CREATE FUNCTION ledger_append(
    stream_ids      TEXT[],
    expected        TEXT[],    -- 'any' | 'no_stream' | 'stream_exists' | a revision
    tail_revisions  INTEGER[], -- the revision the chain was hashed onto, -1 for a new stream
    tail_hashes     TEXT[],    -- that event's hash, NULL for a new stream
    event_counts    INTEGER[],
    event_ids       TEXT[],
    types           TEXT[],
    datas           TEXT[],
    metadatas       TEXT[],
    previous_hashes TEXT[],
    hashes          TEXT[]
  ) RETURNS TABLE (outcome TEXT, out_revision INTEGER, out_position BIGINT, out_hash TEXT)
  LANGUAGE plpgsql AS $$
  DECLARE
    first_event   INTEGER := 1;
    last_event    INTEGER;
    s             TEXT;
    n             INTEGER;
    found_at      INTEGER;
    stored_ids    TEXT[];
    head_revision INTEGER;
    head_hash     TEXT;
    next_position BIGINT;
    notified      BIGINT;
  BEGIN
    PERFORM pg_advisory_xact_lock(7283540001);
    SELECT COALESCE(MAX(e.position), 0) + 1 INTO next_position FROM events e;
    FOR i IN 1 .. COALESCE(array_length(stream_ids, 1), 0) LOOP
      s := stream_ids[i];
      n := event_counts[i];
      last_event := first_event + n - 1;
      outcome := NULL;

      SELECT e.revision INTO found_at FROM events e
        WHERE e.stream_id = s AND e.event_id = event_ids[first_event]
        ORDER BY e.revision LIMIT 1;
      IF FOUND THEN
        SELECT array_agg(x.event_id ORDER BY x.revision), MAX(x.revision), MAX(x.position)
          INTO stored_ids, out_revision, out_position
          FROM (SELECT e.event_id, e.revision, e.position FROM events e
                WHERE e.stream_id = s AND e.revision >= found_at
                ORDER BY e.revision LIMIT n) x;
        IF stored_ids = event_ids[first_event:last_event] THEN
          outcome := 'duplicate';
          out_hash := NULL;
        END IF;
      END IF;

      IF outcome IS NULL THEN
        SELECT h.revision, h.last_hash INTO head_revision, head_hash
          FROM streams h WHERE h.stream_id = s;
        IF NOT FOUND THEN
          head_revision := NULL;
          head_hash := NULL;
        END IF;
        IF NOT COALESCE(CASE expected[i]
            WHEN 'any' THEN TRUE
            WHEN 'no_stream' THEN head_revision IS NULL
            WHEN 'stream_exists' THEN head_revision IS NOT NULL
            ELSE head_revision = expected[i]::INTEGER END, FALSE) THEN
          outcome := 'conflict';
        ELSIF COALESCE(head_revision, -1) <> tail_revisions[i]
            OR head_hash IS DISTINCT FROM tail_hashes[i] THEN
          outcome := 'stale';
        END IF;
        out_revision := head_revision;
        out_position := NULL;
        out_hash := head_hash;
      END IF;

      IF outcome IS NULL THEN
        INSERT INTO events
            (position, stream_id, revision, event_id, type, data, metadata, previous_hash, hash)
          SELECT next_position + k, s, tail_revisions[i] + 1 + k, event_ids[first_event + k],
                 types[first_event + k], datas[first_event + k], metadatas[first_event + k],
                 previous_hashes[first_event + k], hashes[first_event + k]
          FROM generate_series(0, n - 1) AS k;
        INSERT INTO streams (stream_id, revision, last_hash)
          VALUES (s, tail_revisions[i] + n, hashes[last_event])
          ON CONFLICT (stream_id) DO UPDATE
            SET revision = EXCLUDED.revision, last_hash = EXCLUDED.last_hash;
        outcome := 'appended';
        out_revision := tail_revisions[i] + n;
        out_position := next_position + n - 1;
        out_hash := hashes[last_event];
        notified := out_position;
        next_position := next_position + n;
      END IF;

      RETURN NEXT;
      first_event := last_event + 1;
    END LOOP;
    IF notified IS NOT NULL THEN
      PERFORM pg_notify('ledger_events', notified::TEXT);
    END IF;
  END $$;
`;
