import { OfferingState } from '../offering/offering.state';

/**
 * The metrics an offering's warranty has named in any revision: each one has measurements the
 * ledger judged against a warranty, so an improvement of it can be measured.
 */
export function warrantyMetrics(offering: OfferingState): string[] {
  if (offering.status === 'unpublished') return [];
  const metrics = offering.warranties.flatMap((w) => w.serviceLevels.map((level) => level.metric));
  return [...new Set(metrics)];
}
