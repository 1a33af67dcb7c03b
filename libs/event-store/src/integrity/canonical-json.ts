/**
 * Canonical JSON (the subset of RFC 8785 JCS the ledger needs): object keys sorted by UTF-16
 * code units, no white space, strings and numbers as `JSON.stringify` writes them (which is
 * what JCS prescribes for numbers). Keys whose value is `undefined` are left out, as JSON does.
 * An auditor can recompute it in any language; docs/integrity.md says how.
 *
 * Every append encodes each event with it, so it builds one string in loops rather than
 * arrays of parts (`sort()` without a comparator compares UTF-16 code units, as JCS asks).
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`cannot encode non-finite number ${value}`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? arrayJson(value) : objectJson(value as Record<string, unknown>);
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      throw new TypeError(`cannot encode a value of type ${typeof value}`);
  }
}

function arrayJson(items: readonly unknown[]): string {
  let json = '[';
  for (let i = 0; i < items.length; i += 1) {
    if (i > 0) json += ',';
    // A hole (never in parsed JSON) is written as nothing, as Array.prototype.join does.
    if (!(i in items)) continue;
    const item = items[i];
    json += item === undefined ? 'null' : canonicalJson(item);
  }
  return `${json}]`;
}

function objectJson(record: Record<string, unknown>): string {
  const keys = Object.keys(record).sort();
  let json = '{';
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    if (json.length > 1) json += ',';
    json += `${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${json}}`;
}
