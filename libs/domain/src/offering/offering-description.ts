import { RuleViolated } from '../shared/domain-errors';
import { OfferingDescription } from './offering.events';

/**
 * The description to record: copied field by field, so nothing a caller added to the command
 * ends up in the event, and checked for the warranty's one number.
 */
export function offeringDescriptionOf(input: OfferingDescription): OfferingDescription {
  const { availabilityTarget } = input.warranty;
  if (!Number.isFinite(availabilityTarget) || availabilityTarget < 0 || availabilityTarget > 100) {
    throw new RuleViolated(
      'invalid-availability-target',
      `warranty availability target must be a percentage from 0 to 100, got ${availabilityTarget}`,
    );
  }
  return {
    name: input.name,
    targetConsumerGroup: input.targetConsumerGroup,
    goods: [...input.goods],
    resourceAccess: [...input.resourceAccess],
    serviceActions: [...input.serviceActions],
    utility: [...input.utility],
    warranty: { availabilityTarget },
  };
}
