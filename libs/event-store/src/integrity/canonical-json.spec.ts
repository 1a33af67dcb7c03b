import { canonicalJson } from './canonical-json';
import { computeEventHash, GENESIS_HASH } from './event-hash';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no white space', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 'x'], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,"x"]},"b":1}',
    );
  });

  it('sorts by UTF-16 code units, not by locale', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3 })).toBe('{"Z":3,"z":2,"é":1}');
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

  it('changes when any covered field changes', () => {
    const base = computeEventHash(content);
    expect(computeEventHash({ ...content, revision: 1 })).not.toBe(base);
    expect(computeEventHash({ ...content, data: { name: 'Acme.' } })).not.toBe(base);
    expect(computeEventHash({ ...content, previousHash: 'f'.repeat(64) })).not.toBe(base);
  });
});
