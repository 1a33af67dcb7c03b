import {
  assertNoReservedKeys,
  HASH_KEY,
  packMetadata,
  PREVIOUS_HASH_KEY,
  unpackMetadata,
} from './esdb-metadata';

const previousHash = '0'.repeat(64);
const hash = 'a'.repeat(64);

describe('EventStoreDB event metadata', () => {
  it('stores the chain next to the ledger metadata and splits it back out exactly', () => {
    const metadata = {
      actor: 'crm:service',
      correlationId: 'c-1',
      schemaVersion: 2,
      recordedAt: '2026-01-01T00:00:00.000Z',
    };
    const packed = packMetadata(metadata, previousHash, hash);
    expect(packed).toEqual({ ...metadata, [PREVIOUS_HASH_KEY]: previousHash, [HASH_KEY]: hash });
    // What ESDB gives back is the parsed JSON of what was stored.
    const stored: unknown = JSON.parse(JSON.stringify(packed));
    expect(unpackMetadata(stored, 'event')).toEqual({ metadata, previousHash, hash });
  });

  it('leaves out undefined values, as JSON and the canonical hash encoding do', () => {
    const packed = packMetadata(
      { actor: undefined, recordedAt: '2026-01-01T00:00:00.000Z' },
      previousHash,
      hash,
    );
    expect(Object.keys(packed).sort()).toEqual([HASH_KEY, PREVIOUS_HASH_KEY, 'recordedAt']);
  });

  it('refuses writer metadata that uses the reserved keys', () => {
    expect(() => assertNoReservedKeys({ [HASH_KEY]: 'x' })).toThrow(TypeError);
    expect(() => assertNoReservedKeys({ [PREVIOUS_HASH_KEY]: 'x' })).toThrow(TypeError);
    expect(() => assertNoReservedKeys({ actor: 'a' })).not.toThrow();
  });

  it.each([
    ['no metadata', undefined],
    ['binary metadata', new Uint8Array([1, 2])],
    ['no chain', { recordedAt: '2026-01-01T00:00:00.000Z' }],
    ['no recordedAt', { [PREVIOUS_HASH_KEY]: previousHash, [HASH_KEY]: hash }],
  ])('refuses an event with %s', (_case, raw) => {
    expect(() => unpackMetadata(raw, 'stream s revision 0')).toThrow(/stream s revision 0/);
  });
});
