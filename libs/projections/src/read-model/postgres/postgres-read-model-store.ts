import { Pool, type PoolClient } from 'pg';
import {
  CollectionSpec,
  IndexValue,
  ListPage,
  ListQuery,
  ProjectionCheckpoint,
  ProjectionStatus,
  ProjectionWriter,
  ReadModelStore,
  ReadModelWrite,
} from '../read-model-store';
import type { OwnershipFence } from '../../projector/ownership-fence';
import { PostgresProjectionWriter } from './postgres-projection-writer';
import {
  assertOwnerTokens,
  CREATE_PROJECTION_OWNERS,
  heldTokens,
  type OwnerTokenRow,
  PROJECTION_OWNERS,
} from './postgres-projection-owners';
import {
  fieldOfColumn,
  indexColumn,
  qualified,
  READ_MODEL_CHANNEL,
  READ_MODEL_SCHEMA,
  tableName,
  tablePrefix,
} from './read-model-tables';
import { SORT_KEY_TEXT_FROM, sortKey } from './sort-key';

export interface PostgresReadModelStoreOptions {
  /** A `postgres://` connection string (its password is never logged or reported). */
  connectionString: string;
  /** Connections for queries and commits. Default 8 (an API, a projector: each has a pool). */
  poolSize?: number;
  /**
   * The owner tokens of the projections this process owns (its projection locks): a commit of
   * a checkpoint whose projection has a newer owner is refused (see OwnershipFence).
   */
  fence?: OwnershipFence;
}

const CHECKPOINTS = `${READ_MODEL_SCHEMA}.projection_checkpoints`;
const STATUS = `${READ_MODEL_SCHEMA}.projection_status`;
/** Its own advisory key: two processes opening one fresh database create the schema once. */
const SCHEMA_LOCK = 'SELECT pg_advisory_xact_lock(7283540002)';
/** PostgreSQL's code for a table that does not exist (a generation dropped by a swap). */
const UNDEFINED_TABLE = '42P01';
/** A NOTIFY payload must be shorter than 8,000 bytes; a longer one would fail the commit. */
const MAX_NOTIFY_PAYLOAD = 7_900;
/** Commit statements prepared per process (each connection prepares those it runs). */
const MAX_PREPARED_COMMITS = 64;

interface CheckpointRow {
  name: string;
  version: number;
  generation: number;
  position: string | null;
  events_applied: string;
  updated_at: string;
}

/**
 * Read models in PostgreSQL, shared by every process of the ledger: documents as json (key
 * order kept) in one table per collection and generation, indexed fields as sort-key columns
 * (see sort-key.ts) with a B-tree on (field, key), checkpoints in one table, all in the schema
 * `ledger_read_models`. The generation readers see is the one in the projection's committed
 * checkpoint, so a projector's swap is seen by every API process at once.
 */
export class PostgresReadModelStore implements ReadModelStore {
  /** Collections by table, as prepared by this process (the writer's side). */
  private readonly specs = new Map<string, CollectionSpec>();
  /** Indexed fields by table, as the catalog says (the readers' side; tables never change). */
  private readonly indexed = new Map<string, Promise<ReadonlySet<string>>>();
  /** The published generation of each projection as last seen (every read checks it). */
  private readonly generations = new Map<string, number>();

  private closing: Promise<void> | undefined;
  /** Names of the commit statements prepared so far, by text (see preparedCommit). */
  private readonly commitNames = new Map<string, string>();

  private constructor(
    private readonly pool: Pool,
    private readonly fence: OwnershipFence | undefined,
  ) {}

  static async connect(options: PostgresReadModelStoreOptions): Promise<PostgresReadModelStore> {
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 8,
    });
    // An idle connection dropped by the server must not crash the process.
    pool.on('error', () => undefined);
    try {
      await inTransaction(pool, async (client) => {
        await client.query(SCHEMA_LOCK);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${READ_MODEL_SCHEMA}`);
        await client.query(`CREATE TABLE IF NOT EXISTS ${CHECKPOINTS} (
          name TEXT COLLATE "C" PRIMARY KEY, version INTEGER NOT NULL, generation INTEGER NOT NULL,
          position TEXT, events_applied BIGINT NOT NULL, updated_at TEXT NOT NULL)`);
        await client.query(CREATE_PROJECTION_OWNERS);
        await client.query(`CREATE TABLE IF NOT EXISTS ${STATUS} (
          name TEXT COLLATE "C" PRIMARY KEY, status TEXT NOT NULL, failure JSON,
          updated_at TEXT NOT NULL)`);
      });
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresReadModelStore(pool, options.fence);
  }

  async checkpoints(): Promise<ProjectionCheckpoint[]> {
    const { rows } = await this.pool.query<CheckpointRow>(
      `SELECT * FROM ${CHECKPOINTS} ORDER BY name`,
    );
    return rows.map(toCheckpoint);
  }

  async checkpoint(name: string): Promise<ProjectionCheckpoint | undefined> {
    const { rows } = await this.pool.query<CheckpointRow>(
      `SELECT * FROM ${CHECKPOINTS} WHERE name = $1`,
      [name],
    );
    return rows[0] && toCheckpoint(rows[0]);
  }

  async prepare(
    projection: string,
    generation: number,
    collections: readonly CollectionSpec[],
  ): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      for (const spec of collections) {
        const name = tableName(projection, generation, spec.name);
        const table = qualified(name);
        const indexes = spec.indexes ?? [];
        const columns = indexes.map((f) => `, ${indexColumn(f)} TEXT COLLATE "C"`).join('');
        // Keys and sort keys compare byte-wise ("C"), as SQLite does, whatever the database's
        // own collation: pages and cursors are the same on both adapters.
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${table} (key TEXT COLLATE "C" PRIMARY KEY, doc JSON NOT NULL${columns})`,
        );
        for (const [i, field] of indexes.entries()) {
          await client.query(
            `CREATE INDEX IF NOT EXISTS "${name}_${i}" ON ${table} (${indexColumn(field)}, key)`,
          );
        }
        this.specs.set(name, spec);
      }
    });
  }

  async drop(projection: string, generation: number): Promise<void> {
    const prefix = tablePrefix(projection, generation);
    const { rows } = await this.pool.query<{ tablename: string }>(
      'SELECT tablename FROM pg_tables WHERE schemaname = $1 AND starts_with(tablename, $2)',
      [READ_MODEL_SCHEMA, prefix],
    );
    await inTransaction(this.pool, async (client) => {
      for (const { tablename } of rows) {
        await client.query(`DROP TABLE IF EXISTS ${qualified(tablename)}`);
      }
    });
    for (const { tablename } of rows) {
      this.specs.delete(tablename);
      this.indexed.delete(tablename);
    }
  }

  async writer(projection: string, generation: number): Promise<ProjectionWriter> {
    const prefix = tablePrefix(projection, generation);
    const specs = new Map<string, CollectionSpec>();
    for (const [table, spec] of this.specs) {
      if (table.startsWith(prefix)) specs.set(spec.name, spec);
    }
    const writer = new PostgresProjectionWriter(this.pool, projection, generation, specs);
    await writer.load();
    return writer;
  }

  /**
   * ONE statement, so one round trip and one transaction: every document change, the
   * checkpoints and their NOTIFY, each done only if the fence holds. The fence reads the owner
   * tokens of the fenced projections FOR SHARE: a process that lost its projection locks commits
   * nothing once a new owner took over (see OwnershipFence), and a new owner's token update
   * waits for a commit still checking the old one. Read models are rebuilt from the log: a
   * crash may lose the last commits, never part of one (documents and checkpoint go together),
   * so the commit does not wait for the WAL flush (`synchronous_commit` off for it alone).
   */
  async commit(writes: readonly ReadModelWrite[]): Promise<void> {
    const checkpoints = writes.flatMap((w) => (w.checkpoint ? [w.checkpoint] : []));
    const held = heldTokens(
      this.fence,
      writes.flatMap((w) => (w.checkpoint ? [w.fencedBy ?? w.checkpoint.name] : [])),
    );
    const params: unknown[] = [[...held.keys()], [...held.values()]];
    const param = (value: unknown) => `$${params.push(value)}`;
    const when = '(SELECT ok FROM verdict)';
    const statements: string[] = [];
    for (const { writer } of writes) {
      if (writer)
        statements.push(...(writer as PostgresProjectionWriter).pendingStatements(param, when));
    }
    let notify = 'NULL';
    if (checkpoints.length > 0) {
      statements.push(`INSERT INTO ${CHECKPOINTS} (name, version, generation, position, events_applied, updated_at)
        SELECT * FROM json_to_recordset(${param(JSON.stringify(checkpoints))}::json) AS r(name text,
          version integer, generation integer, position text, "eventsApplied" bigint, "updatedAt" text)
        WHERE ${when}
        ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version,
          generation = EXCLUDED.generation, position = EXCLUDED.position,
          events_applied = EXCLUDED.events_applied, updated_at = EXCLUDED.updated_at`);
      // Delivered on commit only: other processes wait on checkpoints without polling, and
      // take them from its payload without reading them (an empty payload, when they do not
      // fit, makes them read).
      const committed = JSON.stringify(checkpoints);
      const payload = Buffer.byteLength(committed) < MAX_NOTIFY_PAYLOAD ? committed : '';
      notify = `CASE WHEN ${when} THEN pg_notify(${param(READ_MODEL_CHANNEL)}, ${param(payload)}) END`;
    }
    if (statements.length > 0) {
      const text = `WITH fence AS (
           SELECT name, token FROM ${PROJECTION_OWNERS} WHERE name = ANY($1::text[]) FOR SHARE),
         verdict AS (
           SELECT NOT EXISTS (SELECT 1 FROM unnest($1::text[], $2::bigint[]) AS h(name, token)
             LEFT JOIN fence f ON f.name = h.name WHERE f.token IS DISTINCT FROM h.token) AS ok),
         ${statements.map((statement, i) => `w${i} AS (${statement})`).join(',\n')}
         SELECT (SELECT json_agg(json_build_array(name, token)) FROM fence) AS tokens,
           ${when} AS ok, ${notify},
           set_config('synchronous_commit', 'off', true)`;
      const { rows } = await this.pool.query<{ tokens: OwnerTokenRow[] | null; ok: boolean }>({
        ...this.preparedCommit(text),
        values: params,
      });
      // Fenced: nothing was written.
      assertOwnerTokens(held, rows[0].tokens);
      if (!rows[0].ok) throw new Error('read-model commit refused by the ownership fence');
    }
    for (const { writer } of writes)
      (writer as PostgresProjectionWriter | undefined)?.committedChanges();
  }

  /**
   * A commit statement under a name of its own, so each connection parses and plans it once
   * (about half of its cost on the server). Its text depends only on which collections the
   * batch changed, so a few texts come back batch after batch; past {@link MAX_PREPARED_COMMITS}
   * (many projections, rebuilds) the others go unprepared rather than fill the server's memory.
   */
  private preparedCommit(text: string): { name?: string; text: string } {
    let name = this.commitNames.get(text);
    if (name === undefined && this.commitNames.size < MAX_PREPARED_COMMITS) {
      name = `ledger_read_model_commit_${this.commitNames.size + 1}`;
      this.commitNames.set(text, name);
    }
    return { name, text };
  }

  /**
   * Nothing to do here: readers take the generation from the committed checkpoint, so every
   * process sees a swap at once (the runner commits the checkpoint before it publishes).
   */
  async publishGeneration(_projection: string, _generation: number): Promise<void> {}

  async recordStatus({ name, status, failure, updatedAt }: ProjectionStatus): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${STATUS} (name, status, failure, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET status = EXCLUDED.status, failure = EXCLUDED.failure,
         updated_at = EXCLUDED.updated_at`,
      [name, status, failure && JSON.stringify(failure), updatedAt],
    );
  }

  async statuses(): Promise<ProjectionStatus[]> {
    const { rows } = await this.pool.query<{
      name: string;
      status: ProjectionStatus['status'];
      failure: ProjectionStatus['failure'];
      updated_at: string;
    }>(`SELECT name, status, failure, updated_at FROM ${STATUS} ORDER BY name`);
    return rows.map(({ name, status, failure, updated_at }) => ({
      name,
      status,
      failure,
      updatedAt: updated_at,
    }));
  }

  async get<T extends object>(
    projection: string,
    collection: string,
    key: string,
  ): Promise<T | undefined> {
    return this.onPublished(projection, collection, async (table) => {
      // The generation comes back with the document, from the same snapshot.
      const { rows } = await this.pool.query<{ generation: number | null; doc: T | null }>(
        `SELECT (SELECT generation FROM ${CHECKPOINTS} WHERE name = $1) AS generation,
           (SELECT doc FROM ${qualified(table)} WHERE key = $2) AS doc`,
        [projection, key],
      );
      return { generation: rows[0].generation, answer: rows[0].doc ?? undefined };
    });
  }

  async list<T extends object>(
    projection: string,
    collection: string,
    query: ListQuery,
  ): Promise<ListPage<T>> {
    return this.onPublished(projection, collection, async (table) => {
      const fields = await this.indexedFields(table);
      const indexed = (field: string): string => {
        if (!fields.has(field)) {
          throw new Error(`${collection} cannot be filtered or sorted by ${field}`);
        }
        return indexColumn(field);
      };
      const params: unknown[] = [projection];
      const param = (value: unknown) => `$${params.push(value)}`;
      const conditions: string[] = [];
      for (const [field, value] of Object.entries(query.where ?? {})) {
        conditions.push(`${indexed(field)} = ${param(sortKey(value))}`);
      }
      for (const [field, value] of Object.entries(query.contains ?? {})) {
        if (!/^[A-Za-z][A-Za-z0-9]*$/.test(field)) throw new Error(`bad array field ${field}`);
        // As SQLite's json_each: an element of the array (or the value itself) equals it. The
        // text search first skips, without parsing them, documents that never mention it.
        conditions.push(
          `strpos(doc::text, ${param(JSON.stringify(value))}) > 0 AND (doc -> '${field}')::jsonb @> to_jsonb(${param(value)}::text)`,
        );
      }
      if (query.search !== undefined) {
        const column = indexed(query.search.field);
        conditions.push(
          `strpos(substr(${column}, ${SORT_KEY_TEXT_FROM}), ${param(query.search.text.toLowerCase())}) > 0`,
        );
      }
      if (query.keyPrefix !== undefined) {
        conditions.push(
          `key >= ${param(query.keyPrefix)} AND key < ${param(`${query.keyPrefix}\uffff`)}`,
        );
      }
      const from = qualified(table);
      const filter = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      let order = 'key';
      let sortColumn = 'NULL';
      /** The same order on the page's own columns (its sort value is `i`). */
      let pageOrder = 'key';
      if (query.orderBy) {
        const column = indexed(query.orderBy.field);
        sortColumn = column;
        const direction = query.orderBy.descending ? 'DESC' : 'ASC';
        order = `(${column} IS NULL), ${column} ${direction}, key`;
        pageOrder = `(i IS NULL), i ${direction}, key`;
        if (query.after) {
          const { value, key } = query.after;
          if (value === null) {
            conditions.push(`(${column} IS NULL AND key > ${param(key)})`);
          } else {
            const beyond = query.orderBy.descending ? '<' : '>';
            const at = param(sortKey(value));
            conditions.push(
              `(${column} IS NULL OR ${column} ${beyond} ${at} OR (${column} = ${at} AND key > ${param(key)}))`,
            );
          }
        }
      } else if (query.afterKey !== undefined) {
        conditions.push(`key > ${param(query.afterKey)}`);
      }
      const pageFilter = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
      // One statement, one snapshot: the generation, the total and the page.
      const { rows } = await this.pool.query<{
        generation: number | null;
        total: string;
        page: [string, T][] | null;
      }>(
        `WITH page AS (
           SELECT key, doc, ${sortColumn} AS i FROM ${from} ${pageFilter} ORDER BY ${order}
           LIMIT ${param(query.limit + 1)} OFFSET ${param(query.offset ?? 0)})
         SELECT (SELECT generation FROM ${CHECKPOINTS} WHERE name = $1) AS generation,
           (SELECT count(*) FROM ${from} ${filter}) AS total,
           (SELECT json_agg(json_build_array(key, doc) ORDER BY ${pageOrder})
              FROM page) AS page`,
        params,
      );
      const found = rows[0].page ?? [];
      const more = found.length > query.limit;
      const page = more ? found.slice(0, query.limit) : found;
      const last = page[page.length - 1];
      const sortField = query.orderBy?.field;
      return {
        generation: rows[0].generation,
        answer: {
          items: page.map(([, doc]) => doc),
          lastKey: more ? last?.[0] : undefined,
          lastSortValue: more && sortField && last ? sortValue(last[1], sortField) : undefined,
          total: Number(rows[0].total),
        },
      };
    });
  }

  /** Ends the pool once; a second close (two shutdown hooks) waits for the first. */
  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
  }

  /**
   * Runs a read on the table of the published generation as this process last saw it; the read
   * answers the generation published in its own snapshot too. When that is another one (a swap
   * happened), or the table is gone (dropped after a swap), the read runs again on the new one.
   */
  private async onPublished<R>(
    projection: string,
    collection: string,
    read: (table: string) => Promise<{ generation: number | null; answer: R }>,
  ): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      let generation = this.generations.get(projection);
      if (generation === undefined) {
        generation = await this.publishedGeneration(projection);
        this.generations.set(projection, generation);
      }
      try {
        const result = await read(tableName(projection, generation, collection));
        if (result.generation === null) {
          throw new Error(`projection ${projection} has no read model yet`);
        }
        if (result.generation === generation) return result.answer;
        this.generations.set(projection, result.generation);
      } catch (error) {
        if ((error as { code?: unknown }).code !== UNDEFINED_TABLE) throw error;
        this.generations.delete(projection);
      }
      if (attempt >= 2) throw new Error(`projection ${projection}: its generation keeps changing`);
    }
  }

  private async publishedGeneration(projection: string): Promise<number> {
    const { rows } = await this.pool.query<{ generation: number }>(
      `SELECT generation FROM ${CHECKPOINTS} WHERE name = $1`,
      [projection],
    );
    if (!rows[0]) throw new Error(`projection ${projection} has no read model yet`);
    return rows[0].generation;
  }

  private indexedFields(table: string): Promise<ReadonlySet<string>> {
    const prepared = this.specs.get(table);
    if (prepared) return Promise.resolve(new Set(prepared.indexes ?? []));
    let fields = this.indexed.get(table);
    if (!fields) {
      fields = this.pool
        .query<{ column_name: string }>(
          'SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
          [READ_MODEL_SCHEMA, table],
        )
        .then(({ rows }) => {
          const found = rows.flatMap((r) => fieldOfColumn(r.column_name) ?? []);
          return new Set(found);
        });
      fields.catch(() => this.indexed.delete(table));
      this.indexed.set(table, fields);
    }
    return fields;
  }
}

function sortValue(doc: object, field: string): IndexValue {
  const value = (doc as Record<string, unknown>)[field];
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

function toCheckpoint(row: CheckpointRow): ProjectionCheckpoint {
  return {
    name: row.name,
    version: row.version,
    generation: row.generation,
    position: row.position ?? undefined,
    eventsApplied: Number(row.events_applied),
    updatedAt: row.updated_at,
  };
}

/** BEGIN … COMMIT on one pooled connection; ROLLBACK (and a dropped connection) on error. */
async function inTransaction(
  pool: Pool,
  work: (client: PoolClient) => Promise<void>,
): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A connection the server drops while checked out (a restart, a failover) emits an error
  // that nobody else listens to, which would end the process: the statement in flight fails
  // with it anyway, and the connection is dropped when it goes back to the pool.
  const lost = (error: Error) => (broken = error);
  client.on('error', lost);
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch((rollback: Error) => (broken = rollback));
    throw error;
  } finally {
    client.off('error', lost);
    client.release(broken);
  }
}
