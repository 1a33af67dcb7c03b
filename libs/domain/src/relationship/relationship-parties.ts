import { RuleViolated } from '../shared/domain-errors';
import { OrganizationState } from '../organization/organization.state';

/**
 * Cross-aggregate rule for EstablishRelationship: a relationship joins two different,
 * registered organizations. The command handler loads the streams
 * `organization-<providerId>` and `organization-<consumerId>` and calls this before deciding
 * on the relationship's stream. (decide checks provider ≠ consumer on its own as well.)
 */
export function ensureRelationshipParties(
  provider: OrganizationState,
  consumer: OrganizationState,
  providerId: string,
  consumerId: string,
): void {
  ensureDifferentParties(providerId, consumerId);
  for (const [party, state, id] of [
    ['provider', provider, providerId],
    ['consumer', consumer, consumerId],
  ] as const) {
    if (state.status !== 'registered') {
      throw new RuleViolated(
        'organization-not-registered',
        `${party} organization ${id} is not registered`,
      );
    }
  }
}

/** A service relationship is between a provider and a different consumer. */
export function ensureDifferentParties(providerId: string, consumerId: string): void {
  if (providerId === consumerId) {
    throw new RuleViolated(
      'provider-is-consumer',
      `organization ${providerId} cannot be both provider and consumer of one relationship`,
    );
  }
}
