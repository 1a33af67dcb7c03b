import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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
} from './read-model-store';

type Db = Database.Database;
type Statement = Database.Statement;

interface CheckpointRow {
  name: string;
  version: number;
  generation: number;
  position: string | null;
  events_applied: number;
  updated_at: string;
}

interface StatusRow {
  name: string;
  status: ProjectionStatus['status'];
  failure: string | null;
  updated_at: string;
}

function toStatus(row: StatusRow): ProjectionStatus {
  return {
    name: row.name,
    status: row.status,
    failure: row.failure === null ? null : (JSON.parse(row.failure) as ProjectionStatus['failure']),
    updatedAt: row.updated_at,
  };
}

/**
 * Documents cached per writer; beyond this many, the least recently written are dropped after a
 * commit, down to half of it (hot documents, e.g. an offering's years, stay). Catching up, the
 * documents changed between two commits are held anyway (runner/projection-slot); what stays
 * after a commit is the heap's floor, and V8 lets the heap grow to a multiple of it: 1,000 kept
 * a 1M rebuild's peak RSS at 270–299 MB where 2,000 gave 250–314.
 */
const WRITER_CACHE_LIMIT = 1_000;

function tableName(projection: string, generation: number, collection: string): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');
  return `rm_${safe(projection)}_g${generation}_${safe(collection)}`;
}

function indexColumn(field: string): string {
  return `i_${field.replace(/[^A-Za-z0-9]/g, '_')}`;
}

function indexValue(doc: object, field: string): IndexValue {
  const value = (doc as Record<string, unknown>)[field];
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

/**
 * Read models in their own SQLite file (`<dataDir>/read-models.db`). They are disposable: the
 * file can be deleted at any time and the runner rebuilds everything from the log. Writes go
 * through one connection (the runner's); queries use a second one, so in WAL mode they only
 * ever see committed batches. `synchronous=NORMAL` suffices: a lost last batch after a power
 * loss is re-applied from the checkpoint, which is committed in the same transaction.
 */
export class SqliteReadModelStore implements ReadModelStore {
  private readonly specs = new Map<string, CollectionSpec>();
  /** Generations this process published (a reader in another process follows checkpoints). */
  private readonly published = new Map<string, number>();
  private readonly readStatements = new Map<string, Statement>();
  /** Indexed columns of tables this process did not prepare (a reader beside a projector). */
  private readonly readerColumns = new Map<string, ReadonlySet<string>>();
  private readonly upsertCheckpoint: Statement;

  private constructor(
    private readonly db: Db,
    private readonly reader: Db,
  ) {
    this.upsertCheckpoint = db.prepare(
      `INSERT INTO projection_checkpoints (name, version, generation, position, events_applied, updated_at)
       VALUES (@name, @version, @generation, @position, @eventsApplied, @updatedAt)
       ON CONFLICT(name) DO UPDATE SET version = excluded.version, generation = excluded.generation,
         position = excluded.position, events_applied = excluded.events_applied, updated_at = excluded.updated_at`,
    );
  }

  static open(options: { file: string }): SqliteReadModelStore {
    if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
    const db = new Database(options.file);
    // 8 KiB pages (for a new file; an existing one keeps its size): documents up to ~2 KB stay
    // on their B-tree page instead of spilling to an overflow page, so a scattered rewrite (an
    // offering's months, a relationship) dirties one page, not two. Measured: ~7 % less CPU for
    // a rebuild of the v2 mix.
    db.pragma('page_size = 8192');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // Batches rewrite the same hot pages: a larger page cache and fewer WAL checkpoints (each
    // one syncs) cut the cost of a commit. Bounded: 16 MiB (32 MiB cost a rebuild no CPU less
    // since it commits rarely while catching up, and 16 MiB more RSS), WAL ≤ ~80 MiB.
    db.pragma('cache_size = -16384');
    db.pragma('wal_autocheckpoint = 10000');
    db.exec(`CREATE TABLE IF NOT EXISTS projection_checkpoints (
      name TEXT PRIMARY KEY, version INTEGER NOT NULL, generation INTEGER NOT NULL,
      position TEXT, events_applied INTEGER NOT NULL, updated_at TEXT NOT NULL)`);
    db.exec(`CREATE TABLE IF NOT EXISTS projection_status (
      name TEXT PRIMARY KEY, status TEXT NOT NULL, failure TEXT, updated_at TEXT NOT NULL)`);
    // An in-memory database cannot be shared between two connections: read through the writer.
    const reader =
      options.file === ':memory:' ? db : new Database(options.file, { readonly: true });
    return new SqliteReadModelStore(db, reader);
  }

  async checkpoints(): Promise<ProjectionCheckpoint[]> {
    return this.storedCheckpoints();
  }

  private storedCheckpoints(): ProjectionCheckpoint[] {
    const rows = this.db
      .prepare('SELECT * FROM projection_checkpoints ORDER BY name')
      .all() as CheckpointRow[];
    return rows.map(toCheckpoint);
  }

  async checkpoint(name: string): Promise<ProjectionCheckpoint | undefined> {
    const row = this.db.prepare('SELECT * FROM projection_checkpoints WHERE name = ?').get(name) as
      CheckpointRow | undefined;
    return row && toCheckpoint(row);
  }

  async prepare(
    projection: string,
    generation: number,
    collections: readonly CollectionSpec[],
  ): Promise<void> {
    this.db.transaction(() => {
      for (const spec of collections) {
        const table = tableName(projection, generation, spec.name);
        this.specs.set(table, spec);
        const columns = (spec.indexes ?? []).map((f) => `, ${indexColumn(f)}`).join('');
        this.db.exec(
          // WITHOUT ROWID: one B-tree per collection (not a table plus a key index), half the pages
          // a batch rewrites.
          `CREATE TABLE IF NOT EXISTS ${table} (key TEXT PRIMARY KEY, doc TEXT NOT NULL${columns}) WITHOUT ROWID`,
        );
        for (const field of spec.indexes ?? []) {
          const column = indexColumn(field);
          this.db.exec(
            `CREATE INDEX IF NOT EXISTS ${table}_${column} ON ${table} (${column}, key)`,
          );
        }
      }
    })();
  }

  async drop(projection: string, generation: number): Promise<void> {
    const prefix = tableName(projection, generation, '');
    const tables = this.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ?`)
      .all(prefix.length, prefix) as { name: string }[];
    for (const key of [...this.readStatements.keys()]) {
      if (key.startsWith(prefix)) this.readStatements.delete(key);
    }
    this.db.transaction(() => {
      for (const { name } of tables) {
        this.db.exec(`DROP TABLE IF EXISTS ${name}`);
        this.specs.delete(name);
      }
    })();
  }

  async writer(projection: string, generation: number): Promise<ProjectionWriter> {
    const spec = [...this.specs.entries()].filter(([table]) =>
      table.startsWith(tableName(projection, generation, '')),
    );
    // A generation whose tables are all empty (a rebuild, a new projection) needs no reads
    // for documents this writer has not written: they do not exist.
    const empty = spec.every(
      ([table]) => this.db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get() === undefined,
    );
    return new SqliteProjectionWriter(this.db, this.specs, projection, generation, empty);
  }

  async commit(writes: readonly ReadModelWrite[]): Promise<void> {
    this.db.transaction(() => {
      for (const { writer, checkpoint } of writes) {
        if (writer) (writer as SqliteProjectionWriter).flush();
        if (checkpoint) {
          this.upsertCheckpoint.run({ ...checkpoint, position: checkpoint.position ?? null });
        }
      }
    })();
    for (const { writer } of writes) (writer as SqliteProjectionWriter | undefined)?.committed();
  }

  async publishGeneration(projection: string, generation: number): Promise<void> {
    this.published.set(projection, generation);
  }

  async recordStatus({ name, status, failure, updatedAt }: ProjectionStatus): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO projection_status (name, status, failure, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET status = excluded.status, failure = excluded.failure,
           updated_at = excluded.updated_at`,
      )
      .run(name, status, failure && JSON.stringify(failure), updatedAt);
  }

  async statuses(): Promise<ProjectionStatus[]> {
    const rows = this.db
      .prepare('SELECT name, status, failure, updated_at FROM projection_status ORDER BY name')
      .all() as StatusRow[];
    return rows.map(toStatus);
  }

  async get<T extends object>(
    projection: string,
    collection: string,
    key: string,
  ): Promise<T | undefined> {
    const row = this.onPublished(projection, collection, (table) =>
      this.readStatement(`${table}:get`, `SELECT doc FROM ${table} WHERE key = ?`).get(key),
    ) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : undefined;
  }

  async list<T extends object>(
    projection: string,
    collection: string,
    query: ListQuery,
  ): Promise<ListPage<T>> {
    return this.onPublished(projection, collection, (table) =>
      this.listOf<T>(table, collection, query),
    );
  }

  private listOf<T extends object>(
    table: string,
    collection: string,
    query: ListQuery,
  ): ListPage<T> {
    const columns = this.indexedColumns(table);
    const indexed = (field: string): string => {
      if (!columns.has(indexColumn(field))) {
        throw new Error(`${collection} cannot be filtered or sorted by ${field}`);
      }
      return indexColumn(field);
    };
    const conditions: string[] = [];
    const params: (string | number)[] = [];
    for (const [field, value] of Object.entries(query.where ?? {})) {
      conditions.push(`${indexed(field)} = ?`);
      params.push(value);
    }
    for (const [field, value] of Object.entries(query.contains ?? {})) {
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(field)) throw new Error(`bad array field ${field}`);
      conditions.push(`EXISTS (SELECT 1 FROM json_each(doc, '$.${field}') WHERE value = ?)`);
      params.push(value);
    }
    if (query.search !== undefined) {
      conditions.push(`instr(${indexed(query.search.field)}, ?) > 0`);
      params.push(query.search.text.toLowerCase());
    }
    if (query.keyPrefix !== undefined) {
      // A range on the primary key: `prefix` ≤ key < `prefix` followed by the highest character.
      conditions.push('key >= ? AND key < ?');
      params.push(query.keyPrefix, `${query.keyPrefix}\uffff`);
    }
    const filter = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const { total } = this.reader
      .prepare(`SELECT count(*) AS total FROM ${table} ${filter}`)
      .get(...params) as { total: number };
    const pageConditions = [...conditions];
    const pageParams = [...params];
    let order = 'key';
    let sortColumn: string | undefined;
    if (query.orderBy) {
      sortColumn = indexed(query.orderBy.field);
      const direction = query.orderBy.descending ? 'DESC' : 'ASC';
      order = `(${sortColumn} IS NULL), ${sortColumn} ${direction}, key`;
      if (query.after) {
        const { value, key } = query.after;
        if (value === null) {
          pageConditions.push(`(${sortColumn} IS NULL AND key > ?)`);
          pageParams.push(key);
        } else {
          const beyond = query.orderBy.descending ? '<' : '>';
          pageConditions.push(
            `(${sortColumn} IS NULL OR ${sortColumn} ${beyond} ? OR (${sortColumn} = ? AND key > ?))`,
          );
          pageParams.push(value, value, key);
        }
      }
    } else if (query.afterKey !== undefined) {
      pageConditions.push('key > ?');
      pageParams.push(query.afterKey);
    }
    const pageFilter = pageConditions.length ? `WHERE ${pageConditions.join(' AND ')}` : '';
    const rows = this.reader
      .prepare(
        `SELECT key, doc${sortColumn ? `, ${sortColumn} AS sortValue` : ''} FROM ${table} ${pageFilter} ORDER BY ${order} LIMIT ? OFFSET ?`,
      )
      .all(...pageParams, query.limit + 1, query.offset ?? 0) as {
      key: string;
      doc: string;
      sortValue?: IndexValue;
    }[];
    const more = rows.length > query.limit;
    const page = more ? rows.slice(0, query.limit) : rows;
    const last = page[page.length - 1];
    return {
      items: page.map((r) => JSON.parse(r.doc) as T),
      lastKey: more ? last?.key : undefined,
      lastSortValue: more && sortColumn ? (last?.sortValue ?? null) : undefined,
      total,
    };
  }

  async close(): Promise<void> {
    if (this.reader !== this.db && this.reader.open) this.reader.close();
    if (this.db.open) this.db.close();
  }

  /**
   * Runs a read on the table of the published generation: the one this process published, else
   * (a reader beside a projector in another process) the one its committed checkpoint names,
   * which the runner commits before it publishes. A swap that dropped it in between makes the
   * read run once more.
   */
  private onPublished<R>(projection: string, collection: string, read: (table: string) => R): R {
    for (let attempt = 0; ; attempt++) {
      const generation =
        this.published.get(projection) ??
        (
          this.readStatement(
            'generation',
            'SELECT generation FROM projection_checkpoints WHERE name = ?',
          ).get(projection) as { generation: number } | undefined
        )?.generation;
      if (generation === undefined) {
        throw new Error(`projection ${projection} has no read model yet`);
      }
      try {
        return read(tableName(projection, generation, collection));
      } catch (error) {
        if (attempt > 0 || !/no such table/.test((error as Error).message)) throw error;
      }
    }
  }

  /** The index columns of a table: as prepared here, else as the file says. */
  private indexedColumns(table: string): ReadonlySet<string> {
    const spec = this.specs.get(table);
    if (spec) return new Set((spec.indexes ?? []).map(indexColumn));
    let columns = this.readerColumns.get(table);
    if (!columns) {
      const info = this.reader.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
      columns = new Set(info.map((c) => c.name).filter((name) => name.startsWith('i_')));
      this.readerColumns.set(table, columns);
    }
    return columns;
  }

  private readStatement(key: string, sql: string): Statement {
    let statement = this.readStatements.get(key);
    if (!statement) {
      statement = this.reader.prepare(sql);
      this.readStatements.set(key, statement);
    }
    return statement;
  }
}

function toCheckpoint(row: CheckpointRow): ProjectionCheckpoint {
  return {
    name: row.name,
    version: row.version,
    generation: row.generation,
    position: row.position ?? undefined,
    eventsApplied: row.events_applied,
    updatedAt: row.updated_at,
  };
}

/** A write-only collection's row as it will be stored: the JSON, then the indexed values. */
type PendingRow = [json: string, ...indexValues: IndexValue[]];

/**
 * What a writer keeps for one collection, in one object: `get` and `put` run for every event a
 * projection applies, and one lookup by collection name finds all of it.
 */
interface CollectionState {
  readonly name: string;
  readonly spec: CollectionSpec;
  /** Documents of a read-write collection; `null` remembers that a key has no document. */
  readonly docs: Map<string, object | null>;
  /** Keys of `docs` changed since the last commit. */
  readonly dirty: Set<string>;
  /**
   * A write-only collection's changes since the last commit, serialized when put (`null`:
   * deleted): a flat string is cheaper to hold across batches than the document it came from.
   */
  readonly rows: Map<string, PendingRow | null>;
  /**
   * While `knowsAll`: keys of stored documents dropped from `docs`. Any other key this writer
   * has not seen has no document, so a fresh generation never reads one back to find nothing.
   */
  readonly evicted: Set<string>;
  /**
   * The document last read or written and its key (undefined: none): consecutive events mostly
   * concern the same relationship or offering, and comparing a key with the last one spares a
   * Map lookup (hashing a key read fresh from an event) per get and per put.
   */
  lastKey: string | undefined;
  lastDoc: object | null;
  /** The last document is among `dirty`: putting it again changes nothing. */
  lastDirty: boolean;
  statements?: { get: Statement; put: Statement; del: Statement };
}

/** One projection generation's documents, cached across batches (the runner is the only writer). */
class SqliteProjectionWriter implements ProjectionWriter {
  private readonly collections = new Map<string, CollectionState>();

  constructor(
    private readonly db: Db,
    private readonly specs: Map<string, CollectionSpec>,
    private readonly projection: string,
    readonly generation: number,
    /** True while every stored document passed through this writer. */
    private knowsAll: boolean,
  ) {}

  get<T extends object>(collection: string, key: string): T | undefined {
    const state = this.state(collection);
    if (state.spec.cache === false) {
      const row = state.rows.get(key);
      if (row !== undefined) return row === null ? undefined : (JSON.parse(row[0]) as T);
      return this.read<T>(state, key) ?? undefined;
    }
    if (key === state.lastKey) return (state.lastDoc ?? undefined) as T | undefined;
    let doc = state.docs.get(key) as T | null | undefined;
    if (doc === undefined) {
      if (this.knowsAll && !state.evicted.has(key)) return undefined;
      doc = this.read<T>(state, key);
      state.docs.set(key, doc);
    }
    state.lastKey = key;
    state.lastDoc = doc;
    state.lastDirty = false;
    return doc ?? undefined;
  }

  put<T extends object>(collection: string, key: string, doc: T): void {
    const state = this.state(collection);
    if (state.spec.cache === false) {
      const row: PendingRow = [JSON.stringify(doc)];
      for (const field of state.spec.indexes ?? []) row.push(indexValue(doc, field));
      state.rows.set(key, row);
      return;
    }
    if (key === state.lastKey && doc === state.lastDoc && state.lastDirty) return;
    if (!state.dirty.has(key)) {
      // First write since the commit: moved to the end, so the Map's order is the order of
      // writes (eviction drops the oldest). A hot document is not moved again every event.
      state.dirty.add(key);
      state.docs.delete(key);
    }
    state.docs.set(key, doc);
    state.lastKey = key;
    state.lastDoc = doc;
    state.lastDirty = true;
  }

  delete(collection: string, key: string): void {
    const state = this.state(collection);
    if (state.spec.cache === false) {
      state.rows.set(key, null);
      return;
    }
    state.docs.set(key, null);
    state.dirty.add(key);
    state.lastKey = key;
    state.lastDoc = null;
    state.lastDirty = true;
  }

  discard(): void {
    for (const state of this.collections.values()) {
      state.docs.clear();
      state.dirty.clear();
      state.rows.clear();
      state.evicted.clear();
      state.lastKey = undefined;
    }
    this.knowsAll = false;
  }

  pendingDocuments(): number {
    let pending = 0;
    for (const state of this.collections.values()) pending += state.dirty.size + state.rows.size;
    return pending;
  }

  /** Runs inside the store's commit transaction. */
  flush(): void {
    for (const state of this.collections.values()) {
      if (state.dirty.size === 0 && state.rows.size === 0) continue;
      const { put, del } = this.statementsOf(state);
      const indexes = state.spec.indexes ?? [];
      for (const key of state.dirty) {
        const doc = state.docs.get(key);
        if (!doc) {
          del.run(key);
          continue;
        }
        put.run(key, JSON.stringify(doc), ...indexes.map((f) => indexValue(doc, f)));
      }
      for (const [key, row] of state.rows) {
        if (row === null) del.run(key);
        else put.run(key, ...row);
      }
    }
  }

  /** After the transaction committed: pending changes are now the stored state. */
  committed(): void {
    let cached = 0;
    for (const state of this.collections.values()) {
      state.dirty.clear();
      state.rows.clear();
      state.lastDirty = false;
      cached += state.docs.size;
    }
    if (cached <= WRITER_CACHE_LIMIT) return;
    for (const { docs, evicted } of this.collections.values()) {
      let drop = docs.size - Math.floor((docs.size * WRITER_CACHE_LIMIT) / 2 / cached);
      for (const [key, doc] of docs) {
        if (drop-- <= 0) break;
        docs.delete(key);
        if (doc !== null && this.knowsAll) evicted.add(key);
      }
    }
  }

  private read<T>(state: CollectionState, key: string): T | null {
    const row = this.statementsOf(state).get.get(key) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : null;
  }

  private state(collection: string): CollectionState {
    let state = this.collections.get(collection);
    if (!state) {
      // Once per collection: a table name costs three regex replaces.
      const spec = this.specs.get(tableName(this.projection, this.generation, collection));
      if (!spec) throw new Error(`collection ${collection} of ${this.projection} is not prepared`);
      state = {
        name: collection,
        spec,
        docs: new Map(),
        dirty: new Set(),
        rows: new Map(),
        evicted: new Set(),
        lastKey: undefined,
        lastDoc: null,
        lastDirty: false,
      };
      this.collections.set(collection, state);
    }
    return state;
  }

  private statementsOf(state: CollectionState) {
    if (!state.statements) {
      const table = tableName(this.projection, this.generation, state.name);
      const columns = ['key', 'doc', ...(state.spec.indexes ?? []).map(indexColumn)];
      state.statements = {
        get: this.db.prepare(`SELECT doc FROM ${table} WHERE key = ?`),
        put: this.db.prepare(
          `INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        ),
        del: this.db.prepare(`DELETE FROM ${table} WHERE key = ?`),
      };
    }
    return state.statements;
  }
}
