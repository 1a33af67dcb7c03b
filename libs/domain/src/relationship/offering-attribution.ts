import { RuleViolated } from '../shared/domain-errors';
import { EstablishedRelationship } from './relationship.state';

/**
 * Which offering a value co-creation fact (output, outcome, cost, risk, review) belongs to.
 * Named: it must be provisioned in this relationship. Left out: the one provisioned offering
 * when there is exactly one, else null — analytics per offering then leave the fact out
 * rather than guess.
 */
export function attributeToOffering(
  relationship: EstablishedRelationship,
  offeringId: string | null | undefined,
): string | null {
  if (offeringId !== undefined && offeringId !== null) {
    ensureProvisioned(relationship, offeringId);
    return offeringId;
  }
  const provisioned = relationship.provisionedOfferingIds;
  if (provisioned.size !== 1) return null;
  for (const only of provisioned.values()) return only;
  return null;
}

/** Consumption and service level measurements must name an offering provisioned here. */
export function ensureProvisioned(relationship: EstablishedRelationship, offeringId: string): void {
  if (!relationship.provisionedOfferingIds.has(offeringId)) {
    throw new RuleViolated(
      'offering-not-provisioned',
      `offering ${offeringId} is not provisioned in relationship ${relationship.relationshipId}`,
    );
  }
}
