import type { JsonValue } from '../json';

/** Strings at least this long are stored as raw bytes after the JSON, not inside it. */
const MIN_RAW_CHARS = 4096;
const NEWLINE = 0x0a;

type PathStep = string | number;

/** Where a raw string goes back into the state, and how many bytes (= chars) it takes. */
interface RawPart {
  path: PathStep[];
  length: number;
}

/**
 * How a snapshot's state is kept in SQLite: a packed state is mostly a few long ASCII strings
 * (ids, times, positions: 7 MB at 100,000 facts), and as one JSON text a cold load paid for
 * decoding the row as UTF-8, then JSON.parse scanning and copying every char again. So the
 * state is stored as a BLOB: one line of JSON with those strings left out (`null` in their
 * place) and where they go, then the strings' bytes one after the other. Reading it is one copy
 * per string (a one-byte string from its bytes). Only ASCII strings are moved out (one byte per
 * char both ways); a row written before this (JSON text) still reads.
 */
export function encodeSnapshotState(state: JsonValue): Buffer {
  const parts: RawPart[] = [];
  const strings: string[] = [];
  const stripped = strip(state, [], (path, text) => {
    parts.push({ path, length: text.length });
    strings.push(text);
  });
  const head = Buffer.from(JSON.stringify({ state: stripped, parts }), 'utf8');
  const blob = Buffer.allocUnsafe(head.length + 1 + parts.reduce((n, p) => n + p.length, 0));
  head.copy(blob);
  blob[head.length] = NEWLINE;
  let offset = head.length + 1;
  for (const text of strings) offset += blob.write(text, offset, 'latin1');
  return blob;
}

/** The state a snapshot row holds: a BLOB of {@link encodeSnapshotState}, or older JSON text. */
export function decodeSnapshotState(stored: string | Buffer): JsonValue {
  if (typeof stored === 'string') return JSON.parse(stored) as JsonValue;
  const end = stored.indexOf(NEWLINE);
  if (end < 0) throw new Error('snapshot state without its JSON line');
  const { state, parts } = JSON.parse(stored.toString('utf8', 0, end)) as {
    state: JsonValue;
    parts: RawPart[];
  };
  let offset = end + 1;
  let root = state;
  for (const { path, length } of parts) {
    if (offset + length > stored.length) throw new Error('snapshot state cut short');
    const text = stored.toString('latin1', offset, offset + length);
    offset += length;
    root = put(root, path, text);
  }
  return root;
}

/** `value` with its long ASCII strings replaced by null, each handed to `raw` with its path. */
function strip(
  value: JsonValue,
  path: PathStep[],
  raw: (path: PathStep[], text: string) => void,
): JsonValue {
  if (typeof value === 'string') {
    if (value.length < MIN_RAW_CHARS || Buffer.byteLength(value, 'utf8') !== value.length) {
      return value;
    }
    raw([...path], value);
    return null;
  }
  if (value === null || typeof value !== 'object' || hasToJson(value)) return value;
  // One path array for the whole walk (pushed and popped), copied only for a raw string.
  if (Array.isArray(value)) {
    return value.map((item, i) => {
      path.push(i);
      const stripped = strip(item, path, raw);
      path.pop();
      return stripped;
    });
  }
  const copy: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value)) {
    path.push(key);
    copy[key] = strip(value[key], path, raw);
    path.pop();
  }
  return copy;
}

/** Left to JSON.stringify as it is (it would call `toJSON`). */
function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/** `root` with `text` at `path` (set in place: the parsed head is this reader's own). */
function put(root: JsonValue, path: PathStep[], text: string): JsonValue {
  if (path.length === 0) return text;
  let node = root as Record<PathStep, JsonValue>;
  for (const step of path.slice(0, -1)) node = node[step] as Record<PathStep, JsonValue>;
  node[path[path.length - 1]] = text;
  return root;
}
