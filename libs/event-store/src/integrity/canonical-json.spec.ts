import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json';
import { computeEventHash, GENESIS_HASH } from './event-hash';

/** The first implementation, kept as the reference: the encoding of stored hashes may not move. */
function referenceCanonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`cannot encode non-finite number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined ? 'null' : referenceCanonicalJson(item))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((key) => `${JSON.stringify(key)}:${referenceCanonicalJson(record[key])}`).join(',')}}`;
  }
  throw new TypeError(`cannot encode a value of type ${typeof value}`);
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no white space', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,"x"]},"b":1}',
    );
  });

  it('sorts by UTF-16 code units, not by locale', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3 })).toBe('{"Z":3,"z":2,"é":1}');
  });

  it('encodes any JSON value (and undefined members) exactly as the reference encoding', () => {
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(
        fc.constant(null),
        fc.constant(undefined),
        fc.boolean(),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        fc.string({ unit: 'binary' }),
      ),
      node: fc.oneof(
        { depthSize: 'small' },
        tie('leaf'),
        fc.array(tie('node'), { maxLength: 5 }),
        fc.dictionary(fc.string({ unit: 'binary' }), tie('node'), { maxKeys: 5 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary' }), value, { maxKeys: 6 }), (object) => {
        expect(canonicalJson(object)).toBe(referenceCanonicalJson(object));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts keys that are array indexes by code units too, and keeps a __proto__ key', () => {
    // JSON.stringify writes index keys first in numeric order; the canonical order is textual.
    expect(canonicalJson({ b: 1, 10: 'ten', 9: 'nine', a: [{ 2: 0, 10: 1 }] })).toBe(
      '{"10":"ten","9":"nine","a":[{"10":1,"2":0}],"b":1}',
    );
    const parsed: unknown = JSON.parse('{"z":1,"__proto__":{"x":2},"a":3}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":2},"a":3,"z":1}');
    expect(canonicalJson(parsed)).toBe(referenceCanonicalJson(parsed));
  });

  it('writes an array hole as nothing, as the reference does', () => {
    // eslint-disable-next-line no-sparse-arrays
    const holed = [1, , 3];
    expect(canonicalJson({ a: holed })).toBe(referenceCanonicalJson({ a: holed }));
  });

  it('encodes objects with index-like and other keys exactly as the reference encoding', () => {
    const key = fc.oneof(
      fc.nat().map(String),
      fc.constantFrom('__proto__', '01', '-1', '4294967295', '4294967294', '1e3', ''),
      fc.string({ unit: 'binary' }),
    );
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.constant(null), fc.constant(undefined), fc.integer(), fc.string()),
      node: fc.oneof(
        { depthSize: 'small' },
        tie('leaf'),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(key, tie('node'), { maxKeys: 5 }),
      ),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (object) => {
        expect(canonicalJson(object)).toBe(referenceCanonicalJson(object));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves out undefined values and refuses non-finite numbers', () => {
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
  });
});

describe('computeEventHash', () => {
  const content = {
    streamId: 'organization-00000000-0000-4000-8000-000000000001',
    revision: 0,
    eventId: '00000000-0000-4000-8000-000000000002',
    type: 'OrganizationRegistered',
    data: { name: 'Acme' },
    metadata: { actor: 'test:service', recordedAt: '2026-01-01T00:00:00.000Z' },
    previousHash: GENESIS_HASH,
  };

  it('is stable for the same content regardless of key order', () => {
    const reordered = {
      ...content,
      metadata: { recordedAt: content.metadata.recordedAt, actor: 'test:service' },
    };
    expect(computeEventHash(reordered)).toBe(computeEventHash(content));
    expect(computeEventHash(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the SHA-256 of the UTF-8 bytes of the canonical JSON, in hex', () => {
    const unicode = { ...content, data: { name: 'Zürich ✓ 𝄞', ü: [1.5, -0, 1e21] } };
    const expected = createHash('sha256')
      .update(referenceCanonicalJson(unicode), 'utf8')
      .digest('hex');
    expect(computeEventHash(unicode)).toBe(expected);
  });

  it('changes when any covered field changes', () => {
    const base = computeEventHash(content);
    expect(computeEventHash({ ...content, revision: 1 })).not.toBe(base);
    expect(computeEventHash({ ...content, data: { name: 'Acme.' } })).not.toBe(base);
    expect(computeEventHash({ ...content, previousHash: 'f'.repeat(64) })).not.toBe(base);
  });
});
