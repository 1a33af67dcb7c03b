/** ledger_append's parameter types, to name the function in ALTER FUNCTION. */
const APPEND_ARGUMENTS =
  'TEXT[], TEXT[], INTEGER[], TEXT[], INTEGER[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[], TEXT[]';

/**
 * Schema migration 3: `ledger_append` appends a whole group with a few statements whatever
 * its size, where migration 2's loop ran four per append (plpgsql runs each on its own): in a
 * scratch run of groups of 5 one-event appends over 1,000 streams, the server's CPU per group
 * went from 1,073 to 607 µs (medians of 3 alternated runs, synchronous_commit on). Same
 * signature, same outcomes (see append-function.ts), so code of either version calls either.
 *
 * The set-based path holds when the appends are independent: no stream twice in the group
 * (a later append would see an earlier one's events) and no append whose first event id is
 * stored in its stream already (a retry, answered 'duplicate' or refused by the loop's rules).
 * Otherwise the group goes to the loop, kept as `ledger_append_each`. The fallback's check
 * runs under the append lock, like everything after it.
 *
 * Plans are generic (planned once per connection): a custom plan per call would cost more than
 * the statement. So each lookup is written to stay a lookup by key whatever the statistics say
 * (a fresh table's say "small", and a join planned then scans all of it for as long as the
 * connection lives).
 */
export const APPEND_SET_FUNCTION_SQL = `
  ALTER FUNCTION ledger_append(${APPEND_ARGUMENTS}) RENAME TO ledger_append_each;
  CREATE FUNCTION ledger_append(
    stream_ids      TEXT[],
    expected        TEXT[],
    tail_revisions  INTEGER[],
    tail_hashes     TEXT[],
    event_counts    INTEGER[],
    event_ids       TEXT[],
    types           TEXT[],
    datas           TEXT[],
    metadatas       TEXT[],
    previous_hashes TEXT[],
    hashes          TEXT[]
  ) RETURNS TABLE (outcome TEXT, out_revision INTEGER, out_position BIGINT, out_hash TEXT)
  LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $$
  DECLARE
    outcomes  TEXT[];
    revisions INTEGER[];
    positions BIGINT[];
    heads     TEXT[];
    notified  BIGINT;
  BEGIN
    PERFORM pg_advisory_xact_lock(7283540001);
    IF EXISTS (SELECT 1 FROM unnest(stream_ids) AS s GROUP BY s HAVING COUNT(*) > 1)
       OR EXISTS (
         SELECT 1
           FROM (SELECT u.s, SUM(u.n) OVER (ORDER BY u.i) - u.n + 1 AS f
                   FROM unnest(stream_ids, event_counts) WITH ORDINALITY AS u(s, n, i)) a
           -- A subquery per append, not a join: see above.
           WHERE (SELECT e.revision FROM events e
                   WHERE e.stream_id = a.s AND e.event_id = event_ids[a.f] LIMIT 1) IS NOT NULL)
    THEN
      RETURN QUERY SELECT * FROM ledger_append_each(stream_ids, expected, tail_revisions,
        tail_hashes, event_counts, event_ids, types, datas, metadatas, previous_hashes, hashes);
      RETURN;
    END IF;

    -- Each append checked against its stream's head as the loop does (expected revision, then
    -- the tail it was hashed onto); the appended ones placed at consecutive positions in order.
    WITH a AS (
      SELECT u.i, u.s, u.x, u.tr, u.th, u.n, SUM(u.n) OVER (ORDER BY u.i) - u.n + 1 AS f
        FROM unnest(stream_ids, expected, tail_revisions, tail_hashes, event_counts)
             WITH ORDINALITY AS u(s, x, tr, th, n, i)
    ), checked AS (
      SELECT a.*, h.revision AS hr, h.last_hash AS hh,
             CASE
               WHEN NOT COALESCE(CASE a.x
                   WHEN 'any' THEN TRUE
                   WHEN 'no_stream' THEN h.revision IS NULL
                   WHEN 'stream_exists' THEN h.revision IS NOT NULL
                   ELSE h.revision = a.x::INTEGER END, FALSE) THEN 'conflict'
               WHEN COALESCE(h.revision, -1) <> a.tr OR h.last_hash IS DISTINCT FROM a.th
                 THEN 'stale'
               ELSE 'appended'
             END AS o
        -- A lookup by key per append (OFFSET 0 keeps the subquery from becoming a join).
        FROM a LEFT JOIN LATERAL (SELECT h.revision, h.last_hash FROM streams h
                                   WHERE h.stream_id = a.s OFFSET 0) h ON TRUE
    ), placed AS (
      SELECT c.*,
             (SELECT COALESCE(MAX(e.position), 0) FROM events e)
               + SUM(CASE WHEN c.o = 'appended' THEN c.n ELSE 0 END) OVER (ORDER BY c.i)
               AS last_position
        FROM checked c
    ), stored AS (
      INSERT INTO events
          (position, stream_id, revision, event_id, type, data, metadata, previous_hash, hash)
        SELECT p.last_position - p.n + 1 + k, p.s, p.tr + 1 + k, event_ids[p.f + k],
               types[p.f + k], datas[p.f + k], metadatas[p.f + k], previous_hashes[p.f + k],
               hashes[p.f + k]
          FROM placed p, generate_series(0, p.n - 1) AS k
          WHERE p.o = 'appended'
    ), moved AS (
      INSERT INTO streams (stream_id, revision, last_hash)
        SELECT p.s, p.tr + p.n, hashes[p.f + p.n - 1] FROM placed p WHERE p.o = 'appended'
        ON CONFLICT (stream_id) DO UPDATE
          SET revision = EXCLUDED.revision, last_hash = EXCLUDED.last_hash
    )
    SELECT array_agg(p.o ORDER BY p.i),
           array_agg(CASE WHEN p.o = 'appended' THEN p.tr + p.n ELSE p.hr END ORDER BY p.i),
           array_agg(CASE WHEN p.o = 'appended' THEN p.last_position END ORDER BY p.i),
           array_agg(CASE WHEN p.o = 'appended' THEN hashes[p.f + p.n - 1] ELSE p.hh END
                     ORDER BY p.i),
           MAX(CASE WHEN p.o = 'appended' THEN p.last_position END)
      INTO outcomes, revisions, positions, heads, notified
      FROM placed p;

    IF notified IS NOT NULL THEN
      PERFORM pg_notify('ledger_events', notified::TEXT);
    END IF;
    RETURN QUERY SELECT * FROM unnest(outcomes, revisions, positions, heads);
  END $$;
`;
