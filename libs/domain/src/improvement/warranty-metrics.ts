import { OfferingState } from '../offering/offering.state';

/**
 * The metrics an offering's warranty names (any service level it has stated). Read
 * structurally: v1 warranties were one availability target, v2 ones a list of service levels.
 */
export function warrantyMetrics(offering: OfferingState): string[] {
  if (offering.status === 'unpublished') return [];
  const warranty = offering.description.warranty as unknown as {
    availabilityTarget?: unknown;
    serviceLevels?: readonly { metric: string }[];
  };
  if (warranty.serviceLevels) return warranty.serviceLevels.map((level) => level.metric);
  return warranty.availabilityTarget === undefined ? [] : ['availability'];
}
