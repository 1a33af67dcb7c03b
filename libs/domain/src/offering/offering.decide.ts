import { assertNever } from '../shared/assert-never';
import { NotFound, RuleViolated } from '../shared/domain-errors';
import { resolveOccurredAt } from '../shared/occurred-at';
import { OfferingCommand } from './offering.commands';
import { offeringDescriptionOf } from './offering-description';
import { OfferingEvent } from './offering.events';
import { OfferingState } from './offering.state';

/**
 * Offering rules on its own stream. That the provider is a registered organization needs the
 * provider's stream: the command handler checks it with `ensureOfferingProviderRegistered`.
 */
export function decideOffering(command: OfferingCommand, state: OfferingState): OfferingEvent[] {
  const { offeringId } = command.data;
  switch (command.type) {
    case 'PublishOffering': {
      if (state.status !== 'unpublished') {
        throw new RuleViolated('already-exists', `offering ${offeringId} is already published`);
      }
      const effectiveFrom = resolveOccurredAt(
        command.data.effectiveFrom,
        command.now,
        'effectiveFrom',
      );
      return [
        {
          type: 'OfferingPublished',
          data: {
            offeringId,
            providerId: command.data.providerId,
            ...offeringDescriptionOf(command.data),
            effectiveFrom,
          },
        },
      ];
    }
    case 'ReviseOffering': {
      const open = ensureOpen(state, offeringId);
      const effectiveFrom = resolveOccurredAt(
        command.data.effectiveFrom,
        command.now,
        'effectiveFrom',
      );
      if (effectiveFrom < open.publishedFrom) {
        throw new RuleViolated(
          'effective-before-publication',
          `a revision of offering ${offeringId} cannot take effect at ${effectiveFrom}, before its publication took effect (${open.publishedFrom})`,
        );
      }
      return [
        {
          type: 'OfferingRevised',
          data: { offeringId, ...offeringDescriptionOf(command.data), effectiveFrom },
        },
      ];
    }
    case 'RetireOffering':
      ensureOpen(state, offeringId);
      return [
        { type: 'OfferingRetired', data: { offeringId, reason: command.data.reason ?? null } },
      ];
    default:
      return assertNever(command, 'offering command');
  }
}

/** Nothing is recorded on a retired offering, and nothing on one never published. */
function ensureOpen(state: OfferingState, offeringId: string) {
  if (state.status === 'unpublished') throw new NotFound('offering', offeringId);
  if (state.status === 'retired') {
    throw new RuleViolated('offering-retired', `offering ${offeringId} is retired`);
  }
  return state;
}
