import type { Pool } from 'pg';
import { chainEvents, type NewEvent, type StreamTail } from '@app/event-store';
import { POSTGRES_SQL } from '../../libs/event-store/src/postgres/sql';

/**
 * The baseline of bench:store's PostgreSQL lines: raw `pg` running the adapter's SQL (same
 * schema, same statement — the migration's `ledger_append`, one append per call — same append
 * lock, same hashing), without the adapter around it. Like the adapter, it hashes onto the
 * last event it wrote to a stream and reads the head only for a stream it does not know.
 */
export class RawPostgresStore {
  private readonly tails = new Map<string, StreamTail>();

  constructor(private readonly pool: Pool) {}

  async append(
    streamId: string,
    events: NewEvent[],
    expectedRevision: number | 'no_stream',
  ): Promise<void> {
    const tail = expectedRevision === 'no_stream' ? undefined : await this.tail(streamId);
    const recordedAt = new Date().toISOString();
    const chained = chainEvents(
      streamId,
      tail,
      events.map((e) => ({ ...e, metadata: { ...e.metadata, recordedAt } })),
    );
    const client = await this.pool.connect();
    try {
      const { rows } = await client.query<{
        outcome: string;
        out_revision: number;
        out_hash: string;
      }>({
        name: 'ledger_append',
        text: POSTGRES_SQL.appendGroup,
        values: [
          [streamId],
          [String(expectedRevision)],
          [tail ? tail.revision : -1],
          [tail ? tail.hash : null],
          [chained.length],
          chained.map((e) => e.eventId),
          chained.map((e) => e.type),
          chained.map((e) => JSON.stringify(e.data)),
          chained.map((e) => JSON.stringify(e.metadata)),
          chained.map((e) => e.previousHash),
          chained.map((e) => e.hash),
        ],
      });
      if (rows[0].outcome !== 'appended') throw new Error(`append ${rows[0].outcome}`);
      this.tails.set(streamId, { revision: rows[0].out_revision, hash: rows[0].out_hash });
    } finally {
      client.release();
    }
  }

  private async tail(streamId: string): Promise<StreamTail | undefined> {
    const known = this.tails.get(streamId);
    if (known) return known;
    const { rows } = await this.pool.query<{ revision: number; last_hash: string }>(
      POSTGRES_SQL.streamHead,
      [streamId],
    );
    return rows[0] && { revision: rows[0].revision, hash: rows[0].last_hash };
  }

  /** Reads the whole log in pages of `pageSize`, parsing each event's JSON; returns the count. */
  async readAll(pageSize: number): Promise<number> {
    let after = '0';
    let count = 0;
    for (;;) {
      const { rows } = await this.pool.query<{ position: string; data: string; metadata: string }>(
        POSTGRES_SQL.readAll,
        [after, pageSize],
      );
      for (const row of rows) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
        count += 1;
      }
      if (rows.length < pageSize) return count;
      after = rows[rows.length - 1].position;
    }
  }
}
