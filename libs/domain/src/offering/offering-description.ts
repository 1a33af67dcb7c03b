import { RuleViolated } from '../shared/domain-errors';
import { TARGET_COMPARISONS } from '../shared/vocabulary';
import { OfferingDescription, ServiceLevel } from './offering.events';

/**
 * The description to record: copied field by field, so nothing a caller added to the command
 * ends up in the event, and its warranty checked: at least one service level, metrics unique,
 * finite targets, a known comparison, an availability in percent between 0 and 100.
 */
export function offeringDescriptionOf(input: OfferingDescription): OfferingDescription {
  return {
    name: input.name,
    targetConsumerGroup: input.targetConsumerGroup,
    goods: [...input.goods],
    resourceAccess: [...input.resourceAccess],
    serviceActions: [...input.serviceActions],
    utility: [...input.utility],
    warranty: { serviceLevels: serviceLevelsOf(input.warranty.serviceLevels) },
  };
}

function serviceLevelsOf(levels: readonly ServiceLevel[]): ServiceLevel[] {
  if (levels.length === 0) {
    throw new RuleViolated(
      'warranty-without-service-levels',
      'a warranty names at least one service level',
    );
  }
  const seen = new Set<string>();
  return levels.map(({ metric, target, comparison, unit }) => {
    if (seen.has(metric)) {
      throw new RuleViolated('duplicate-metric', `the warranty names the metric ${metric} twice`);
    }
    seen.add(metric);
    if (!Number.isFinite(target)) {
      throw new RuleViolated(
        'invalid-service-level',
        `target of ${metric} must be a finite number`,
      );
    }
    if (!TARGET_COMPARISONS.includes(comparison)) {
      throw new RuleViolated(
        'invalid-comparison',
        `comparison must be one of ${TARGET_COMPARISONS.join(', ')}`,
      );
    }
    if (unit === 'percent' && (target < 0 || target > 100)) {
      throw new RuleViolated(
        'invalid-percentage',
        `target of ${metric} is a percentage from 0 to 100, got ${target}`,
      );
    }
    return { metric, target, comparison, unit };
  });
}
