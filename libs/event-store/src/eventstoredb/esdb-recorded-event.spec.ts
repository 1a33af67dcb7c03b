import { ChainVerifier } from '../integrity/verify-chain';
import { GENESIS_HASH } from '../integrity/event-hash';
import type { NewEvent } from '../new-event';
import { type Chained, chainEvents } from '../integrity/chain-events';
import { packMetadata, type StoredLedgerMetadata } from './esdb-metadata';
import { encodeEsdbPosition } from './esdb-position';
import { type EsdbEvent, isSystemEvent, toRecordedEvent } from './esdb-recorded-event';

const streamId = 'relationship-00000000-0000-4000-8000-000000000001';
const recordedAt = '2026-01-01T00:00:00.000Z';

/** What the client hands back for what the adapter wrote: the JSON parsed again. */
function asStored(
  chained: Chained<NewEvent & { metadata: StoredLedgerMetadata }>,
  commit: bigint,
  prepare: bigint,
): EsdbEvent {
  return {
    streamId,
    id: chained.eventId,
    revision: BigInt(chained.revision),
    type: chained.type,
    isJson: true,
    data: JSON.parse(JSON.stringify(chained.data)),
    metadata: JSON.parse(
      JSON.stringify(packMetadata(chained.metadata, chained.previousHash, chained.hash)),
    ),
    position: { commit, prepare },
  };
}

describe('EventStoreDB events as the port records them', () => {
  const batch: (NewEvent & { metadata: StoredLedgerMetadata })[] = [
    {
      eventId: '00000000-0000-4000-8000-00000000000a',
      type: 'ServiceRelationshipAgreed',
      data: { amount: '12.50', tags: ['a', 'b'] },
      metadata: { actor: 'crm:service', schemaVersion: 1, recordedAt },
    },
    {
      eventId: '00000000-0000-4000-8000-00000000000b',
      type: 'ServiceProvisioned',
      data: { at: recordedAt },
      metadata: { actor: 'crm:service', schemaVersion: 1, recordedAt },
    },
  ];

  it('chains a new stream from the genesis hash and an existing one from its tail', () => {
    const fresh = chainEvents(streamId, undefined, batch);
    expect(fresh.map((e) => e.revision)).toEqual([0, 1]);
    expect(fresh[0].previousHash).toBe(GENESIS_HASH);
    expect(fresh[1].previousHash).toBe(fresh[0].hash);

    const onTail = chainEvents(streamId, { revision: 1, hash: fresh[1].hash }, batch);
    expect(onTail.map((e) => e.revision)).toEqual([2, 3]);
    expect(onTail[0].previousHash).toBe(fresh[1].hash);
  });

  it('gives back every field as written, with a chain the verifier accepts', () => {
    const chained = chainEvents(streamId, undefined, batch);
    const recorded = chained.map((e, i) => toRecordedEvent(asStored(e, 2n ** 60n, BigInt(i))));

    recorded.forEach((event, i) => {
      expect(event).toEqual({
        streamId,
        revision: i,
        position: encodeEsdbPosition({ commit: 2n ** 60n, prepare: BigInt(i) }),
        eventId: batch[i].eventId,
        type: batch[i].type,
        data: batch[i].data,
        metadata: batch[i].metadata,
        recordedAt,
        previousHash: chained[i].previousHash,
        hash: chained[i].hash,
      });
    });
    const verifier = new ChainVerifier();
    expect(recorded.flatMap((event) => verifier.check(event))).toEqual([]);
  });

  it('refuses events the ledger did not write, and ones without a position', () => {
    const [first] = chainEvents(streamId, undefined, batch);
    const stored = asStored(first, 1n, 1n);
    expect(() => toRecordedEvent({ ...stored, isJson: false })).toThrow(/not a JSON object/);
    expect(() => toRecordedEvent({ ...stored, data: [1] })).toThrow(/not a JSON object/);
    expect(() => toRecordedEvent({ ...stored, metadata: { recordedAt } })).toThrow(/hash chain/);
    expect(() => toRecordedEvent({ ...stored, position: undefined })).toThrow(/22\.6/);
  });

  it('tells system events and system streams apart from ledger events', () => {
    expect(isSystemEvent({ streamId: '$scavenges', type: 'ScavengeStarted' })).toBe(true);
    expect(isSystemEvent({ streamId: '$$relationship-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ streamId: 'relationship-1', type: '$>' })).toBe(true);
    expect(isSystemEvent({ streamId: 'relationship-1', type: 'ServiceProvisioned' })).toBe(false);
    expect(isSystemEvent({ streamId: 'snapshot:relationship-1', type: 'LedgerSnapshot' })).toBe(
      true,
    );
  });
});
