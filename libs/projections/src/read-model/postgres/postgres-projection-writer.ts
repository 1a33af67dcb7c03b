import type { Pool } from 'pg';
import { CollectionSpec, IndexValue, ProjectionWriter } from '../read-model-store';
import { indexColumn, qualified, tableName } from './read-model-tables';
import { sortKey } from './sort-key';

function indexValue(doc: object, field: string): IndexValue {
  const value = (doc as Record<string, unknown>)[field];
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

/**
 * One projection generation's documents for the process that owns the projection. A projection
 * reads synchronously inside `apply` while the database answers over the network, so the writer
 * holds every document of the collections it reads, loaded once when it opens: its owner is the
 * only writer, so this copy stays right. A projection changes what it reads in place, so `get`
 * hands out a copy (one per document per batch) and the committed copy changes only at commit:
 * a discarded batch leaves nothing behind. Write-only collections (`cache: false`) are not
 * loaded; reading one outside the pending batch is refused.
 */
export class PostgresProjectionWriter implements ProjectionWriter {
  private readonly committed = new Map<string, Map<string, object>>();
  /** Changes since the last commit; `null` is a deletion. */
  private readonly pending = new Map<string, Map<string, object | null>>();
  /** Copies handed out in this batch, so two reads of a document see one object. */
  private readonly copies = new Map<string, Map<string, object>>();

  constructor(
    private readonly pool: Pool,
    private readonly projection: string,
    readonly generation: number,
    private readonly specs: ReadonlyMap<string, CollectionSpec>,
  ) {}

  /** Loads the documents of every collection the projection reads. */
  async load(): Promise<void> {
    for (const spec of this.specs.values()) {
      if (spec.cache === false) continue;
      const table = qualified(tableName(this.projection, this.generation, spec.name));
      const { rows } = await this.pool.query<{ key: string; doc: object }>(
        `SELECT key, doc FROM ${table}`,
      );
      this.committed.set(spec.name, new Map(rows.map((r) => [r.key, r.doc])));
    }
  }

  get<T extends object>(collection: string, key: string): T | undefined {
    const change = this.pending.get(collection);
    if (change?.has(key)) return (change.get(key) ?? undefined) as T | undefined;
    const docs = this.committed.get(collection);
    if (docs) {
      let copies = this.copies.get(collection);
      let copy = copies?.get(key);
      if (copy) return copy as T;
      const doc = docs.get(key);
      if (doc === undefined) return undefined;
      copy = structuredClone(doc);
      if (!copies) this.copies.set(collection, (copies = new Map<string, object>()));
      copies.set(key, copy);
      return copy as T;
    }
    const spec = this.spec(collection);
    throw new Error(
      `${this.projection}: ${spec.name} is write-only (cache: false) and cannot be read in apply`,
    );
  }

  put<T extends object>(collection: string, key: string, doc: T): void {
    this.changes(collection).set(key, doc);
  }

  delete(collection: string, key: string): void {
    this.changes(collection).set(key, null);
  }

  discard(): void {
    this.pending.clear();
    this.copies.clear();
  }

  pendingDocuments(): number {
    let pending = 0;
    for (const changes of this.pending.values()) pending += changes.size;
    return pending;
  }

  /**
   * The pending changes as data-modifying statements for the store's one commit statement (see
   * PostgresReadModelStore.commit), each done only if `when` holds there; `param` adds a
   * parameter and answers its placeholder.
   */
  pendingStatements(param: (value: unknown) => string, when: string): string[] {
    const statements: string[] = [];
    for (const [collection, changes] of this.pending) {
      const spec = this.spec(collection);
      const table = qualified(tableName(this.projection, this.generation, collection));
      const indexes = spec.indexes ?? [];
      const rows: Record<string, unknown>[] = [];
      const deleted: string[] = [];
      for (const [key, doc] of changes) {
        if (doc === null) {
          deleted.push(key);
          continue;
        }
        const row: Record<string, unknown> = { key, doc };
        for (const field of indexes) row[`i_${field}`] = sortKey(indexValue(doc, field));
        rows.push(row);
      }
      if (deleted.length > 0) {
        statements.push(
          `DELETE FROM ${table} WHERE key = ANY(${param(deleted)}::text[]) AND ${when}`,
        );
      }
      if (rows.length === 0) continue;
      const columns = ['key', 'doc', ...indexes.map(indexColumn)];
      const types = ['key text', 'doc json', ...indexes.map((f) => `${indexColumn(f)} text`)];
      const updates = columns.slice(1).map((c) => `${c} = EXCLUDED.${c}`);
      // One statement per collection: the rows travel as one JSON array (documents keep
      // their key order: the column is json, not jsonb).
      statements.push(
        `INSERT INTO ${table} (${columns.join(', ')})
         SELECT ${columns.join(', ')} FROM json_to_recordset(${param(JSON.stringify(rows))}::json) AS r(${types.join(', ')})
         WHERE ${when}
         ON CONFLICT (key) DO UPDATE SET ${updates.join(', ')}`,
      );
    }
    return statements;
  }

  /** After the transaction committed: the pending changes are the stored state. */
  committedChanges(): void {
    for (const [collection, changes] of this.pending) {
      const docs = this.committed.get(collection);
      // Write-only collections keep nothing.
      if (!docs) continue;
      for (const [key, doc] of changes) {
        if (doc === null) docs.delete(key);
        else docs.set(key, doc);
      }
    }
    this.pending.clear();
    this.copies.clear();
  }

  private changes(collection: string): Map<string, object | null> {
    let changes = this.pending.get(collection);
    if (!changes) {
      this.spec(collection);
      changes = new Map();
      this.pending.set(collection, changes);
    }
    return changes;
  }

  private spec(collection: string): CollectionSpec {
    const spec = this.specs.get(collection);
    if (!spec) throw new Error(`collection ${collection} of ${this.projection} is not prepared`);
    return spec;
  }
}
