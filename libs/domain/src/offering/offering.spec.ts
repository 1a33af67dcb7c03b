import { caught, given } from '../../testing/given-when-then';
import { OrganizationState } from '../organization/organization.state';
import { RuleViolated } from '../shared/domain-errors';
import { fold } from '../shared/fold';
import { ensureOfferingProviderRegistered } from './offering-provider';
import { ensureOfferingProvisionable } from './offering-provisionable';
import { offeringDecider } from './offering.decider';
import { OfferingDescription, OfferingPublished, OfferingRetired } from './offering.events';

const offeringId = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';
const providerId = '11111111-1111-4111-8111-111111111111';
const otherProviderId = '22222222-2222-4222-8222-222222222222';

const description: OfferingDescription = {
  name: 'Managed Kubernetes',
  targetConsumerGroup: 'product teams',
  goods: [],
  resourceAccess: ['cluster namespace'],
  serviceActions: ['upgrades', '24/7 support'],
  utility: ['run containers'],
  warranty: { availabilityTarget: 99.9 },
};
const published: OfferingPublished = {
  type: 'OfferingPublished',
  data: { offeringId, providerId, ...description },
};
const retired: OfferingRetired = { type: 'OfferingRetired', data: { offeringId, reason: null } };
const revisedDescription: OfferingDescription = {
  ...description,
  name: 'Managed Kubernetes Plus',
  warranty: { availabilityTarget: 99.95 },
};

describe('offering decider', () => {
  describe('PublishOffering', () => {
    it('records OfferingPublished with the whole description', () => {
      given(offeringDecider)
        .when({ type: 'PublishOffering', data: { offeringId, providerId, ...description } })
        .thenEvents([published]);
    });

    it('a second time is refused: already-exists', () => {
      given(offeringDecider, [published])
        .when({ type: 'PublishOffering', data: { offeringId, providerId, ...description } })
        .thenRuleViolated('already-exists');
    });

    it.each([-1, 100.01, Number.NaN, Number.POSITIVE_INFINITY])(
      'refuses an availability target of %p: invalid-availability-target',
      (availabilityTarget) => {
        given(offeringDecider)
          .when({
            type: 'PublishOffering',
            data: { offeringId, providerId, ...description, warranty: { availabilityTarget } },
          })
          .thenRuleViolated('invalid-availability-target');
      },
    );

    it('accepts the bounds 0 and 100 of the availability target', () => {
      for (const availabilityTarget of [0, 100]) {
        const events = offeringDecider.decide(
          {
            type: 'PublishOffering',
            data: { offeringId, providerId, ...description, warranty: { availabilityTarget } },
          },
          offeringDecider.initialState(),
        );
        expect(events[0]?.type).toBe('OfferingPublished');
      }
    });
  });

  describe('ReviseOffering', () => {
    it('records OfferingRevised with the new description', () => {
      given(offeringDecider, [published])
        .when({ type: 'ReviseOffering', data: { offeringId, ...revisedDescription } })
        .thenEvents([{ type: 'OfferingRevised', data: { offeringId, ...revisedDescription } }]);
    });

    it('on an offering never published: NotFound', () => {
      given(offeringDecider)
        .when({ type: 'ReviseOffering', data: { offeringId, ...revisedDescription } })
        .thenNotFound('offering', offeringId);
    });

    it('on a retired offering is refused: offering-retired', () => {
      given(offeringDecider, [published, retired])
        .when({ type: 'ReviseOffering', data: { offeringId, ...revisedDescription } })
        .thenRuleViolated('offering-retired');
    });

    it('refuses a bad availability target: invalid-availability-target', () => {
      given(offeringDecider, [published])
        .when({
          type: 'ReviseOffering',
          data: { offeringId, ...description, warranty: { availabilityTarget: 101 } },
        })
        .thenRuleViolated('invalid-availability-target');
    });
  });

  describe('RetireOffering', () => {
    it('records OfferingRetired with its reason', () => {
      given(offeringDecider, [published])
        .when({ type: 'RetireOffering', data: { offeringId, reason: 'superseded' } })
        .thenEvents([{ type: 'OfferingRetired', data: { offeringId, reason: 'superseded' } }]);
    });

    it('without a reason records reason null', () => {
      given(offeringDecider, [published])
        .when({ type: 'RetireOffering', data: { offeringId } })
        .thenEvents([retired]);
    });

    it('on an offering never published: NotFound', () => {
      given(offeringDecider)
        .when({ type: 'RetireOffering', data: { offeringId } })
        .thenNotFound('offering', offeringId);
    });

    it('a second time is refused: offering-retired', () => {
      given(offeringDecider, [published, retired])
        .when({ type: 'RetireOffering', data: { offeringId } })
        .thenRuleViolated('offering-retired');
    });
  });

  describe('evolve', () => {
    it('tracks status, description and revisions', () => {
      const state = fold(offeringDecider, [
        published,
        { type: 'OfferingRevised', data: { offeringId, ...revisedDescription } },
        retired,
      ]);
      expect(state).toEqual({
        status: 'retired',
        offeringId,
        providerId,
        description: revisedDescription,
        revisions: 1,
      });
    });
  });
});

describe('ensureOfferingProviderRegistered (handler loads organization-<providerId>)', () => {
  it('passes for a registered provider', () => {
    const provider: OrganizationState = {
      status: 'registered',
      organizationId: providerId,
      name: 'Acme',
    };
    expect(() => ensureOfferingProviderRegistered(provider, providerId)).not.toThrow();
  });

  it('refuses an unregistered provider: organization-not-registered', () => {
    const error = caught(() =>
      ensureOfferingProviderRegistered({ status: 'unregistered' }, providerId),
    );
    expect(error).toBeInstanceOf(RuleViolated);
    expect(error).toMatchObject({ rule: 'organization-not-registered' });
  });
});

describe('ensureOfferingProvisionable (handler loads offering-<offeringId>)', () => {
  const publishedState = fold(offeringDecider, [published]);

  it('passes for a published offering of the same provider', () => {
    expect(() => ensureOfferingProvisionable(publishedState, offeringId, providerId)).not.toThrow();
  });

  it.each([
    ['an unpublished offering', 'offering-not-published', () => offeringDecider.initialState()],
    ['a retired offering', 'offering-retired', () => fold(offeringDecider, [published, retired])],
  ])('refuses %s: %s', (_label, rule, state) => {
    const error = caught(() => ensureOfferingProvisionable(state(), offeringId, providerId));
    expect(error).toBeInstanceOf(RuleViolated);
    expect(error).toMatchObject({ rule });
  });

  it("refuses another provider's offering: offering-of-another-provider", () => {
    const error = caught(() =>
      ensureOfferingProvisionable(publishedState, offeringId, otherProviderId),
    );
    expect(error).toMatchObject({ rule: 'offering-of-another-provider' });
  });
});
