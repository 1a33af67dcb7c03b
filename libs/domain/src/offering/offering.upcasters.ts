import { storedRecordedAt, Upcaster, UpcasterChain } from '../shared/upcasting';
import { TargetComparison } from '../shared/vocabulary';
import { OfferingEvent } from './offering.events';

/** v1 `warranty: {availabilityTarget}` means one service level, availability ≥ target percent. */
function serviceLevelsFromV1(warranty: unknown) {
  const { availabilityTarget } = warranty as { availabilityTarget: number };
  const comparison: TargetComparison = 'at-least';
  return {
    serviceLevels: [
      { metric: 'availability', target: availabilityTarget, comparison, unit: 'percent' },
    ],
  };
}

/** v1 descriptions gain service levels and take effect from when they were recorded. */
const descriptionV1: Upcaster = (data, metadata) => ({
  ...data,
  warranty: serviceLevelsFromV1(data.warranty),
  effectiveFrom: storedRecordedAt(metadata),
});

/** Offering events recorded by v1 code, read in their v2 shape: one upcaster per changed type. */
export const OFFERING_UPCASTERS: Partial<Record<OfferingEvent['type'], UpcasterChain>> = {
  OfferingPublished: { 1: descriptionV1 },
  OfferingRevised: { 1: descriptionV1 },
};
