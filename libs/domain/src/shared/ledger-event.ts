import { ImprovementEvent } from '../improvement/improvement.events';
import { OfferingEvent } from '../offering/offering.events';
import { OrganizationEvent } from '../organization/organization.events';
import { RelationshipEvent } from '../relationship/relationship.events';

/** Every domain event of the ledger. Stored with `type` as the event type, `data` as its data. */
export type LedgerEvent = OrganizationEvent | OfferingEvent | RelationshipEvent | ImprovementEvent;
export type LedgerEventType = LedgerEvent['type'];

/**
 * Schema version of each event type's `data`, stored in the event's metadata as
 * `schemaVersion`. Bump it when a shape changes, and teach readers the old one.
 */
export const EVENT_SCHEMA_VERSIONS: Record<LedgerEventType, number> = {
  OrganizationRegistered: 1,
  OfferingPublished: 1,
  OfferingRevised: 1,
  OfferingRetired: 1,
  RelationshipEstablished: 1,
  StakeholderAssigned: 1,
  ServiceProvisioned: 1,
  ServiceConsumed: 1,
  OutputDelivered: 1,
  OutcomeRealized: 1,
  CostRecorded: 1,
  RiskRecorded: 1,
  ServiceLevelMeasured: 1,
  RelationshipReviewed: 1,
  RelationshipEnded: 1,
  ImprovementProposed: 1,
  ImprovementApproved: 1,
  ImprovementRejected: 1,
  ImprovementImplemented: 1,
  ImprovementEvaluated: 1,
};

export function isLedgerEventType(type: string): type is LedgerEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_SCHEMA_VERSIONS, type);
}

/** Narrows a stored (type, data) pair to a typed event; the store keeps only what decide made. */
export function asLedgerEvent(type: string, data: unknown): LedgerEvent | undefined {
  return isLedgerEventType(type) ? ({ type, data } as LedgerEvent) : undefined;
}
