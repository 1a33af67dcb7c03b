import { ImprovementEvent } from '../improvement/improvement.events';
import { IMPROVEMENT_UPCASTERS } from '../improvement/improvement.upcasters';
import { OfferingEvent } from '../offering/offering.events';
import { OFFERING_UPCASTERS } from '../offering/offering.upcasters';
import { OrganizationEvent } from '../organization/organization.events';
import { RelationshipEvent } from '../relationship/relationship.events';
import { RELATIONSHIP_UPCASTERS } from '../relationship/relationship.upcasters';
import { runUpcasters, StoredEventMetadata, schemaVersionOf, UpcasterChain } from './upcasting';

/** Every domain event of the ledger. Stored with `type` as the event type, `data` as its data. */
export type LedgerEvent = OrganizationEvent | OfferingEvent | RelationshipEvent | ImprovementEvent;
export type LedgerEventType = LedgerEvent['type'];

/**
 * Schema version of each event type's `data`, stored in the event's metadata as
 * `schemaVersion`. Bump it when a shape changes, and teach readers the old one.
 */
export const EVENT_SCHEMA_VERSIONS: Record<LedgerEventType, number> = {
  OrganizationRegistered: 1,
  OfferingPublished: 2,
  OfferingRevised: 2,
  OfferingRetired: 1,
  RelationshipEstablished: 2,
  StakeholderAssigned: 2,
  ServiceProvisioned: 2,
  ServiceDeprovisioned: 1,
  ServiceConsumed: 2,
  OutputDelivered: 2,
  OutcomeRealized: 2,
  CostRecorded: 2,
  RiskRecorded: 2,
  ServiceLevelMeasured: 2,
  RelationshipReviewed: 2,
  FactRetracted: 1,
  RelationshipEnded: 2,
  ImprovementProposed: 2,
  ImprovementApproved: 1,
  ImprovementRejected: 1,
  ImprovementWithdrawn: 1,
  ImprovementPutOnHold: 1,
  ImprovementResumed: 1,
  ImprovementImplemented: 2,
  ImprovementEvaluated: 2,
};

/** Per event type, the upcasters that read its older schema versions (see upcasting.ts). */
const EVENT_UPCASTERS: Partial<Record<LedgerEventType, UpcasterChain>> = {
  ...OFFERING_UPCASTERS,
  ...RELATIONSHIP_UPCASTERS,
  ...IMPROVEMENT_UPCASTERS,
};

export function isLedgerEventType(type: string): type is LedgerEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, type);
}

/**
 * A stored event's data in the current shape of its type: events written with an older
 * `schemaVersion` are upcast on read (stored events are never rewritten).
 */
export function upcastEventData(
  type: LedgerEventType,
  data: unknown,
  metadata: StoredEventMetadata,
): unknown {
  return runUpcasters(EVENT_UPCASTERS[type], EVENT_SCHEMA_VERSIONS[type], data, metadata);
}

/**
 * Narrows a stored (type, data, metadata) to a typed event of the current shape; the store
 * keeps only what decide made, in the shape of its schema version.
 */
export function asLedgerEvent(
  type: string,
  data: unknown,
  metadata: StoredEventMetadata,
): LedgerEvent | undefined {
  if (!isLedgerEventType(type)) return undefined;
  return { type, data: upcastEventData(type, data, metadata) } as LedgerEvent;
}

/** A stored event as a fold reads it: its schema version at hand, its metadata read on access. */
export interface FoldedStoredEvent {
  type: string;
  data: unknown;
  schemaVersion: unknown;
  readonly metadata: StoredEventMetadata;
}

/**
 * {@link asLedgerEvent} for a fold's read: the metadata is touched only to upcast an event of
 * an older schema version (its upcaster may need the actor or the recorded time).
 */
export function asFoldedLedgerEvent(stored: FoldedStoredEvent): LedgerEvent | undefined {
  const { type, data } = stored;
  // One Map lookup both tells a ledger type and gives its version (per event of a long fold).
  const current = CURRENT_SCHEMA_VERSIONS.get(type);
  if (current === undefined) return undefined;
  if (schemaVersionOf(stored.schemaVersion) >= current) return { type, data } as LedgerEvent;
  return {
    type,
    data: upcastEventData(type as LedgerEventType, data, stored.metadata),
  } as LedgerEvent;
}

const CURRENT_SCHEMA_VERSIONS: ReadonlyMap<string, number> = new Map(
  Object.entries(EVENT_SCHEMA_VERSIONS),
);

/**
 * The current schema version of a ledger event type; undefined for any other type. One Map
 * lookup: a type read from a store is a fresh string, which as an object key would be looked
 * up in V8's string table first (per event of a long read).
 */
export function currentSchemaVersionOf(type: string): number | undefined {
  return CURRENT_SCHEMA_VERSIONS.get(type);
}
