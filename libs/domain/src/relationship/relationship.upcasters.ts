import { isServiceLevelBreach } from '../shared/service-level-breach';
import { storedRecordedAt, Upcaster, UpcasterChain } from '../shared/upcasting';
import { TargetComparison } from '../shared/vocabulary';
import { RelationshipEvent } from './relationship.events';

/** v1 facts carried no occurredAt: the best knowledge of when they happened is when recorded. */
const occurredWhenRecorded: Upcaster = (data, metadata) => ({
  ...data,
  occurredAt: storedRecordedAt(metadata),
});

/**
 * ServiceLevelMeasured v1 → v2: v1 kept the caller's target and comparison (no unit, no
 * breach). They stay what was recorded; the unit is `percent` for availability (the only
 * metric a v1 warranty knew) and `unspecified` otherwise; `breached` is derived as v1 readers did.
 */
const serviceLevelMeasuredV1: Upcaster = (data) => {
  const target = data.target as number;
  const actual = data.actual as number;
  const comparison = (data.comparison ?? 'at-least') as TargetComparison;
  return {
    ...data,
    comparison,
    unit: data.metric === 'availability' ? 'percent' : 'unspecified',
    breached: isServiceLevelBreach({ target, actual, comparison }),
  };
};

/** Relationship events recorded by v1 code, read in their v2 shape: one upcaster per changed type. */
export const RELATIONSHIP_UPCASTERS: Partial<Record<RelationshipEvent['type'], UpcasterChain>> = {
  RelationshipEstablished: { 1: occurredWhenRecorded },
  StakeholderAssigned: { 1: occurredWhenRecorded },
  ServiceProvisioned: { 1: occurredWhenRecorded },
  ServiceConsumed: { 1: occurredWhenRecorded },
  OutputDelivered: { 1: occurredWhenRecorded },
  OutcomeRealized: { 1: occurredWhenRecorded },
  CostRecorded: { 1: occurredWhenRecorded },
  RiskRecorded: { 1: occurredWhenRecorded },
  ServiceLevelMeasured: { 1: serviceLevelMeasuredV1 },
  RelationshipReviewed: { 1: occurredWhenRecorded },
  RelationshipEnded: { 1: occurredWhenRecorded },
};
