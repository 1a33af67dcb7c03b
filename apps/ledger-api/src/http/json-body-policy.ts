import { parse } from 'lossless-json';
import { FieldProblem } from '../errors/problem-details.dto';
import { inexactNumberReason } from './exact-number';
import { lowerCaseId } from './lower-case-ids';

/** Deepest nesting of arrays and objects a body may have (SPEC: deeper → 400). */
export const MAX_BODY_DEPTH = 32;

/** C0 controls but tab, DEL and C1 controls: what can forge lines or drive a terminal. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

/** A JSON body the policy refuses, with the fields at fault (a 400). */
export class JsonBodyRefused extends Error {
  override readonly name = 'JsonBodyRefused';

  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.messages.join(', ')}`).join('; '));
  }
}

/** A number as written in the body that cannot be taken exactly; reported by the walk. */
class InexactNumber {
  constructor(
    readonly source: string,
    readonly reason: string,
  ) {}
}

/**
 * The one body policy of the API, applied to the raw text of every JSON body before anything
 * (validation, the request hash, a handler) sees it:
 * - nesting deeper than {@link MAX_BODY_DEPTH} is refused before parsing (no recursion on it);
 * - numbers are read from their source text: non-finite, unsafe integers and numbers that lost
 *   digits are refused (see {@link inexactNumberReason});
 * - of duplicate keys the last counts, as in JSON.parse;
 * - control characters other than tab are refused in every string and key;
 * - ids are lower-cased (see {@link lowerCaseId}).
 * Malformed JSON throws a SyntaxError.
 */
export function parseJsonBody(text: string): unknown {
  const depth = nestingDepth(text);
  if (depth > MAX_BODY_DEPTH) {
    throw new JsonBodyRefused([
      {
        field: 'body',
        messages: [`body must not be nested deeper than ${MAX_BODY_DEPTH} levels`],
      },
    ]);
  }
  const parsed = mayHoldInexactNumber(text)
    ? parse(text, null, {
        parseNumber: (source) => {
          const reason = inexactNumberReason(source);
          return reason === undefined ? Number(source) : new InexactNumber(source, reason);
        },
        // As JSON.parse does (the fast path below): the last of duplicate keys counts.
        onDuplicateKey: ({ newValue }) => newValue,
      })
    : (JSON.parse(text) as unknown);
  const problems: FieldProblem[] = [];
  const value = normalize(parsed, '', problems);
  if (problems.length > 0) throw new JsonBodyRefused(problems);
  return value;
}

function normalize(value: unknown, path: string, problems: FieldProblem[]): unknown {
  const field = path === '' ? 'body' : path;
  if (typeof value === 'string') {
    if (CONTROL.test(value)) {
      problems.push({
        field,
        messages: [`${field} must not contain control characters (other than tab)`],
      });
    }
    return lowerCaseId(value);
  }
  if (value instanceof InexactNumber) {
    problems.push({ field, messages: [`${field}: the number ${value.source} ${value.reason}`] });
    return null;
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => normalize(item, join(path, String(index)), problems));
  }
  if (value !== null && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (CONTROL.test(key)) {
        problems.push({
          field,
          messages: [`the keys of ${field} must not contain control characters`],
        });
        continue;
      }
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') {
        problems.push({ field: join(path, key), messages: [`property ${key} is not allowed`] });
        continue;
      }
      result[key] = normalize(item, join(path, key), problems);
    }
    return result;
  }
  return value;
}

/**
 * False when every number in the text is certainly exact as a double: one with at most 15
 * significant digits and no exponent always is. Then the native JSON.parse (several times
 * faster) is enough; otherwise the text is parsed again with each number's source at hand.
 * Strings are blanked first; `e` outside them is an exponent (or malformed JSON, which the
 * slow path reports as well).
 */
function mayHoldInexactNumber(text: string): boolean {
  const outsideStrings = text.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return /[eE]|\d[\d.]{15,}/.test(outsideStrings);
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** The deepest nesting of `[` and `{` outside strings, found in one pass without recursion. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // backslash: skip the escaped character
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > MAX_BODY_DEPTH) return deepest; // no need to read on
    } else if (code === 0x5d || code === 0x7d) {
      depth--;
    }
  }
  return deepest;
}
