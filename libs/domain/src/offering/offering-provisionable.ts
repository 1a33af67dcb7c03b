import { RuleViolated } from '../shared/domain-errors';
import { OfferingState } from './offering.state';

/**
 * Cross-aggregate rule for ProvisionService: provisioning names a published, not retired
 * offering of the relationship's own provider. The command handler loads the relationship
 * first (for its providerId), then the stream `offering-<offeringId>`, and calls this before
 * deciding on the relationship's stream.
 */
export function ensureOfferingProvisionable(
  offering: OfferingState,
  offeringId: string,
  providerId: string,
): void {
  if (offering.status === 'unpublished') {
    throw new RuleViolated('offering-not-published', `offering ${offeringId} is not published`);
  }
  if (offering.status === 'retired') {
    throw new RuleViolated('offering-retired', `offering ${offeringId} is retired`);
  }
  if (offering.providerId !== providerId) {
    throw new RuleViolated(
      'offering-of-another-provider',
      `offering ${offeringId} belongs to provider ${offering.providerId}, not ${providerId}`,
    );
  }
}
