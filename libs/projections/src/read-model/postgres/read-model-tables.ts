/** Where the read models live in the database, apart from the log's tables. */
export const READ_MODEL_SCHEMA = 'ledger_read_models';

/**
 * Notified by every read-model commit that moves checkpoints, on commit: the payload is
 * `[{ name, position }]` as JSON. Another process (an API waiting for `?minPosition=`) LISTENs.
 */
export const READ_MODEL_CHANNEL = 'ledger_read_models';

/** PostgreSQL cuts longer identifiers silently: two collections could end in one table. */
const MAX_IDENTIFIER = 63;

const safe = (s: string) => s.replace(/[^A-Za-z0-9]/g, '_');

/** The unquoted name of a generation's collection table (quote it with {@link qualified}). */
export function tableName(projection: string, generation: number, collection: string): string {
  const name = `${tablePrefix(projection, generation)}${safe(collection)}`;
  if (name.length > MAX_IDENTIFIER) {
    throw new Error(`read-model table name too long for PostgreSQL: ${name}`);
  }
  return name;
}

/** What every table of one generation of a projection starts with. */
export function tablePrefix(projection: string, generation: number): string {
  return `rm_${safe(projection)}_g${generation}_`;
}

export function qualified(table: string): string {
  return `${READ_MODEL_SCHEMA}."${table}"`;
}

/** The quoted column of an indexed field (its sort key, see sort-key.ts). */
export function indexColumn(field: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(field)) throw new Error(`bad indexed field ${field}`);
  return `"i_${field}"`;
}

/** The indexed field of a column name as the catalog reports it (`i_<field>`). */
export function fieldOfColumn(column: string): string | undefined {
  return column.startsWith('i_') ? column.slice(2) : undefined;
}
