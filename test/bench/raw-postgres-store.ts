import type { Pool } from 'pg';
import { chainEvents, type NewEvent } from '@app/event-store';
import { POSTGRES_SQL } from '../../libs/event-store/src/postgres/sql';

/**
 * The baseline of bench:store's PostgreSQL lines: raw `pg` running the adapter's SQL (same
 * schema, same statements, same append lock, same hashing), without the adapter around it.
 */
export class RawPostgresStore {
  constructor(private readonly pool: Pool) {}

  async append(streamId: string, events: NewEvent[], expectedRevision: number): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(POSTGRES_SQL.appendLock);
      await client.query(POSTGRES_SQL.findEventInStream, [streamId, events[0].eventId]);
      const head = (await client.query(POSTGRES_SQL.streamHead, [streamId])).rows[0] as
        { revision: number; last_hash: string } | undefined;
      if (head?.revision !== expectedRevision) throw new Error('revision conflict');
      const recordedAt = new Date().toISOString();
      const chained = chainEvents(
        streamId,
        { revision: head.revision, hash: head.last_hash },
        events.map((e) => ({ ...e, metadata: { ...e.metadata, recordedAt } })),
      );
      const next = BigInt((await client.query(POSTGRES_SQL.nextPosition)).rows[0].next as string);
      const positions = chained.map((_, i) => (next + BigInt(i)).toString());
      await client.query(POSTGRES_SQL.insertEvents, [
        positions,
        chained.map(() => streamId),
        chained.map((e) => e.revision),
        chained.map((e) => e.eventId),
        chained.map((e) => e.type),
        chained.map((e) => JSON.stringify(e.data)),
        chained.map((e) => JSON.stringify(e.metadata)),
        chained.map((e) => e.previousHash),
        chained.map((e) => e.hash),
      ]);
      const last = chained[chained.length - 1];
      await client.query(POSTGRES_SQL.upsertStreamHead, [streamId, last.revision, last.hash]);
      await client.query(POSTGRES_SQL.notifyCommit, [positions[positions.length - 1]]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    } finally {
      client.release();
    }
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
