import { Pool, type PoolClient } from 'pg';
import type { ExpectedRevision } from '@app/event-store';
import {
  appendGroup,
  appendGroupValues,
  type ChainedAppend,
} from '../../libs/event-store/src/postgres/append-events';
import { migratePostgresSchema } from '../../libs/event-store/src/postgres/schema';
import { throwAwayDatabaseForFile } from './support/postgres-test-database';

// Schema migration 3's set-based ledger_append against migration 2's loop, kept as
// ledger_append_each: the same group on the same log must get the same answers and store the
// same rows, on its own path (independent appends) and on the loop's (a stream twice, a retry).
const pg = throwAwayDatabaseForFile('PostgreSQL ledger_append cases');

const NEW = undefined;
let counter = 0;

/** An append of `n` events with made-up hashes (the function stores them, it does not check). */
function append(
  streamId: string,
  expectedRevision: ExpectedRevision,
  tail: { revision: number; hash: string } | undefined,
  n: number,
  eventIds: string[] = [],
): ChainedAppend {
  let previousHash = tail?.hash ?? 'genesis';
  const events = Array.from({ length: n }, (_, k) => {
    counter += 1;
    const hash = `hash-${counter}`;
    const event = {
      eventId: eventIds[k] ?? `event-${counter}`,
      type: 'Probe',
      data: { n: counter },
      metadata: { actor: 'tester' },
      revision: (tail?.revision ?? -1) + 1 + k,
      previousHash,
      hash,
    };
    previousHash = hash;
    return event;
  });
  return { streamId, expectedRevision, tail, events };
}

/** What a function answered for `group` and what it left in the log, rolled back after. */
async function outcomeOf(client: PoolClient, fn: string, group: readonly ChainedAppend[]) {
  await client.query('BEGIN');
  try {
    const { rows: head } = await client.query<{ head: string }>(
      'SELECT COALESCE(MAX(position), 0) AS head FROM events',
    );
    const answered = await client.query(
      `SELECT * FROM ${fn}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [...appendGroupValues(group)],
    );
    const events = await client.query(
      'SELECT * FROM events WHERE position > $1 ORDER BY position',
      [head[0].head],
    );
    const streams = await client.query('SELECT * FROM streams ORDER BY stream_id');
    return { answered: answered.rows, events: events.rows, streams: streams.rows };
  } finally {
    await client.query('ROLLBACK');
  }
}

(pg.unavailable === undefined ? describe : describe.skip)('ledger_append (migration 3)', () => {
  let pool: Pool;
  let client: PoolClient;

  beforeAll(async () => {
    pool = new Pool({ connectionString: pg.url(), max: 1 });
    client = await pool.connect();
    await migratePostgresSchema(client);
    // The log the groups below meet: a, d, f at 0, b at 1 (its ids known), e at 2.
    await appendGroup(client, [
      append('a', 'no_stream', NEW, 1),
      append('b', 'no_stream', NEW, 2, ['b-0', 'b-1']),
      append('d', 'no_stream', NEW, 1),
      append('e', 'no_stream', NEW, 3),
      append('f', 'no_stream', NEW, 1),
    ]);
  });

  afterAll(async () => {
    client.release();
    await pool.end();
  });

  async function head(stream: string): Promise<{ revision: number; hash: string }> {
    const { rows } = await client.query<{ revision: number; last_hash: string }>(
      'SELECT revision, last_hash FROM streams WHERE stream_id = $1',
      [stream],
    );
    return { revision: rows[0].revision, hash: rows[0].last_hash };
  }

  async function expectSameAsLoop(group: ChainedAppend[], outcomes: string[]): Promise<void> {
    const set = await outcomeOf(client, 'ledger_append', group);
    const loop = await outcomeOf(client, 'ledger_append_each', group);
    expect(set.answered.map((row: { outcome: string }) => row.outcome)).toEqual(outcomes);
    expect(set).toEqual(loop);
  }

  it('answers independent appends of every outcome as the loop does, in one group', async () => {
    const a = await head('a');
    const e = await head('e');
    await expectSameAsLoop(
      [
        append('new-1', 'no_stream', NEW, 2),
        append('a', 0, a, 1),
        append('b', 0, await head('b'), 1),
        append('c-missing', 'stream_exists', NEW, 1),
        append('d', 'any', NEW, 1),
        append('e', 'stream_exists', e, 3),
        append('f', 'no_stream', NEW, 1),
        append('new-2', 7, NEW, 1),
        append('a-any', 'any', NEW, 2),
      ],
      [
        'appended',
        'appended',
        'conflict',
        'conflict',
        'stale',
        'appended',
        'conflict',
        'conflict',
        'appended',
      ],
    );
  });

  it('answers a retry of a stored append in its group as the loop does', async () => {
    const retry = append('b', 'no_stream', NEW, 2, ['b-0', 'b-1']);
    const changed = append('b', 'no_stream', NEW, 2, ['b-0', 'b-other']);
    await expectSameAsLoop(
      [append('new-3', 'no_stream', NEW, 1), retry, append('a', 0, await head('a'), 1)],
      ['appended', 'duplicate', 'appended'],
    );
    await expectSameAsLoop(
      [changed, append('new-4', 'no_stream', NEW, 1)],
      ['conflict', 'appended'],
    );
  });

  it('answers a stream appended twice in one group as the loop does', async () => {
    const a = await head('a');
    await expectSameAsLoop(
      [
        append('new-5', 'no_stream', NEW, 1),
        append('a', 0, a, 1),
        append('new-5', 'no_stream', NEW, 1),
        append('a', 'any', a, 1),
      ],
      ['appended', 'appended', 'conflict', 'stale'],
    );
  });
});

// A database made by migration 2's code, with events in it, brought to migration 3.
const older = throwAwayDatabaseForFile('PostgreSQL migration 3 cases');

(older.unavailable === undefined ? describe : describe.skip)(
  'migration 3 on a database in use',
  () => {
    it('replaces the function, leaves every stored row as it was, and appends after', async () => {
      const pool = new Pool({ connectionString: older.url(), max: 1 });
      const client = await pool.connect();
      try {
        await migratePostgresSchema(client, 2);
        await appendGroup(client, [
          append('m', 'no_stream', NEW, 2),
          append('n', 'no_stream', NEW, 1),
        ]);
        // xmin and ctid: the same row versions, not rewritten copies.
        const rows = 'SELECT xmin::text, ctid::text, * FROM events ORDER BY position';
        const before = (await client.query(rows)).rows;

        await migratePostgresSchema(client);

        expect((await client.query(rows)).rows).toEqual(before);
        const version = await client.query('SELECT MAX(version) AS v FROM ledger_schema');
        expect(version.rows[0].v).toBe(3);
        const m = await client.query<{ revision: number; last_hash: string }>(
          "SELECT revision, last_hash FROM streams WHERE stream_id = 'm'",
        );
        const tail = { revision: m.rows[0].revision, hash: m.rows[0].last_hash };
        const { outcomes } = await appendGroup(client, [
          append('m', 1, tail, 1),
          append('o', 'no_stream', NEW, 1),
        ]);
        expect(outcomes).toMatchObject([
          { kind: 'appended', revision: 2, position: '4' },
          { kind: 'appended', revision: 0, position: '5' },
        ]);
      } finally {
        client.release();
        await pool.end();
      }
    });
  },
);
