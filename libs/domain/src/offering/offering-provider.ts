import { RuleViolated } from '../shared/domain-errors';
import { OrganizationState } from '../organization/organization.state';

/**
 * Cross-aggregate rule for PublishOffering: an offering belongs to a registered provider.
 * The command handler loads the stream `organization-<providerId>` and calls this before
 * deciding on the offering's own stream.
 */
export function ensureOfferingProviderRegistered(
  provider: OrganizationState,
  providerId: string,
): void {
  if (provider.status !== 'registered') {
    throw new RuleViolated(
      'organization-not-registered',
      `provider organization ${providerId} is not registered`,
    );
  }
}
