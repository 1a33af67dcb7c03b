import { asFoldedLedgerEvent, asLedgerEvent, EVENT_SCHEMA_VERSIONS } from './ledger-event';
import { upcastEvent } from './upcast-event';

const RECORDED_AT = '2025-02-03T04:05:06.789Z';
const v1 = (
  type: string,
  data: Record<string, unknown>,
  schemaVersion: number | undefined = 1,
) => ({
  type,
  data,
  metadata: { recordedAt: RECORDED_AT, actor: 'crm:service', schemaVersion },
  hash: 'h',
});

describe('upcastEvent (stored v1 events read in the current shape)', () => {
  it('OfferingPublished v1: availabilityTarget becomes one availability level, effective when recorded', () => {
    const stored = v1('OfferingPublished', {
      offeringId: 'o',
      providerId: 'p',
      name: 'Mail',
      warranty: { availabilityTarget: 99.5 },
    });
    const snapshot = JSON.stringify(stored);
    const upcast = upcastEvent(stored);
    expect(upcast).toEqual({
      type: 'OfferingPublished',
      data: {
        offeringId: 'o',
        providerId: 'p',
        name: 'Mail',
        warranty: {
          serviceLevels: [
            { metric: 'availability', target: 99.5, comparison: 'at-least', unit: 'percent' },
          ],
        },
        effectiveFrom: RECORDED_AT,
      },
      metadata: { recordedAt: RECORDED_AT, actor: 'crm:service', schemaVersion: 2 },
      hash: 'h',
    });
    // The stored event is never changed: the hash chain is checked on it, not on the copy.
    expect(JSON.stringify(stored)).toBe(snapshot);
  });

  it('OfferingRevised v1: the same', () => {
    const { data } = upcastEvent(
      v1('OfferingRevised', { offeringId: 'o', warranty: { availabilityTarget: 99 } }),
    );
    expect(data).toMatchObject({
      warranty: { serviceLevels: [{ metric: 'availability', target: 99 }] },
      effectiveFrom: RECORDED_AT,
    });
  });

  it.each([
    'RelationshipEstablished',
    'StakeholderAssigned',
    'ServiceProvisioned',
    'ServiceConsumed',
    'OutputDelivered',
    'OutcomeRealized',
    'CostRecorded',
    'RiskRecorded',
    'RelationshipReviewed',
    'RelationshipEnded',
  ])('%s v1: occurredAt is when it was recorded', (type) => {
    const { data, metadata } = upcastEvent(v1(type, { relationshipId: 'r' }));
    expect(data).toEqual({ relationshipId: 'r', occurredAt: RECORDED_AT });
    expect(metadata.schemaVersion).toBe(EVENT_SCHEMA_VERSIONS[type as 'CostRecorded']);
  });

  it('ServiceLevelMeasured v1: keeps the recorded target, adds unit and the derived breach', () => {
    const measured = (metric: string, actual: number, comparison?: string) =>
      upcastEvent(
        v1('ServiceLevelMeasured', {
          relationshipId: 'r',
          measurementId: 'm',
          offeringId: 'o',
          metric,
          target: 99.9,
          actual,
          ...(comparison === undefined ? {} : { comparison }),
          period: { start: '2025-01-01', end: '2025-01-31' },
        }),
      ).data;
    expect(measured('availability', 99.5)).toMatchObject({
      target: 99.9,
      comparison: 'at-least',
      unit: 'percent',
      breached: true,
    });
    expect(measured('p95 ms', 99.5, 'at-most')).toMatchObject({
      comparison: 'at-most',
      unit: 'unspecified',
      breached: false,
    });
  });

  it('a missing schemaVersion counts as 1', () => {
    const { data } = upcastEvent(v1('RelationshipEnded', { relationshipId: 'r' }, undefined));
    expect(data).toMatchObject({ occurredAt: RECORDED_AT });
  });

  it('returns a current event, and one of an unknown type, as the same object', () => {
    const current = v1('RelationshipEnded', { relationshipId: 'r', occurredAt: 'x' }, 2);
    expect(upcastEvent(current)).toBe(current);
    const unknown = v1('SomethingElse', {});
    expect(upcastEvent(unknown)).toBe(unknown);
    expect(asLedgerEvent(unknown.type, unknown.data, unknown.metadata)).toBeUndefined();
  });

  it('asLedgerEvent gives the typed domain event in the current shape', () => {
    const stored = v1('RelationshipEnded', { relationshipId: 'r', reason: null });
    expect(asLedgerEvent(stored.type, stored.data, stored.metadata)).toEqual({
      type: 'RelationshipEnded',
      data: { relationshipId: 'r', reason: null, occurredAt: RECORDED_AT },
    });
  });
});

describe('asFoldedLedgerEvent (a fold reads the schema version, the metadata only to upcast)', () => {
  /** A fold's stored event whose metadata counts how often it is read. */
  const folded = (type: string, data: Record<string, unknown>, schemaVersion: unknown) => {
    const reads = { count: 0 };
    const stored = {
      type,
      data,
      schemaVersion,
      get metadata() {
        reads.count += 1;
        return { recordedAt: RECORDED_AT, actor: 'crm:service', schemaVersion };
      },
    };
    return { stored, reads };
  };

  it('gives a current event as stored, without reading its metadata', () => {
    const data = { relationshipId: 'r', outputId: 'o', description: 'd', occurredAt: RECORDED_AT };
    const { stored, reads } = folded('OutputDelivered', data, 2);
    expect(asFoldedLedgerEvent(stored)).toEqual({ type: 'OutputDelivered', data });
    expect(reads.count).toBe(0);
  });

  it('upcasts an older (or unversioned) event with its metadata, as asLedgerEvent does', () => {
    for (const version of [1, undefined, 'x']) {
      const data = { relationshipId: 'r', outputId: 'o', description: 'd' };
      const { stored, reads } = folded('OutputDelivered', data, version);
      expect(asFoldedLedgerEvent(stored)).toEqual(
        asLedgerEvent('OutputDelivered', data, stored.metadata),
      );
      expect(asFoldedLedgerEvent(stored)?.data).toMatchObject({ occurredAt: RECORDED_AT });
      expect(reads.count).toBeGreaterThan(0);
    }
  });

  it('knows no other types', () => {
    expect(asFoldedLedgerEvent(folded('Foreign', {}, 1).stored)).toBeUndefined();
  });
});
