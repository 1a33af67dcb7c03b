import { caught, given } from '../../testing/given-when-then';
import { OrganizationState } from '../organization/organization.state';
import { InvalidInput, RuleViolated } from '../shared/domain-errors';
import { fold } from '../shared/fold';
import { ensureOfferingProviderRegistered } from './offering-provider';
import { ensureOfferingProvisionable } from './offering-provisionable';
import { PublishOffering, ReviseOffering } from './offering.commands';
import { offeringDecider } from './offering.decider';
import {
  OfferingDescription,
  OfferingPublished,
  OfferingRetired,
  ServiceLevel,
} from './offering.events';

const NOW = '2026-03-01T10:00:00.000Z';
const LATER = '2026-03-01T10:05:00.000Z';

function availability(target: number): ServiceLevel {
  return { metric: 'availability', target, comparison: 'at-least', unit: 'percent' };
}
const resolutionHours: ServiceLevel = {
  metric: 'resolution-hours',
  target: 8,
  comparison: 'at-most',
  unit: 'hours',
};

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
  warranty: { serviceLevels: [availability(99.9)] },
};
const published: OfferingPublished = {
  type: 'OfferingPublished',
  data: { offeringId, providerId, ...description, effectiveFrom: NOW },
};
const retired: OfferingRetired = { type: 'OfferingRetired', data: { offeringId, reason: null } };
const revisedDescription: OfferingDescription = {
  ...description,
  name: 'Managed Kubernetes Plus',
  warranty: { serviceLevels: [availability(99.95), resolutionHours] },
};

describe('offering decider', () => {
  describe('PublishOffering', () => {
    it('records OfferingPublished with the whole description', () => {
      given(offeringDecider)
        .when({
          type: 'PublishOffering',
          now: NOW,
          data: { offeringId, providerId, ...description },
        })
        .thenEvents([published]);
    });

    it('a second time is refused: already-exists', () => {
      given(offeringDecider, [published])
        .when({
          type: 'PublishOffering',
          now: NOW,
          data: { offeringId, providerId, ...description },
        })
        .thenRuleViolated('already-exists');
    });

    const publish = (data: Partial<PublishOffering['data']>, now = NOW): PublishOffering => ({
      type: 'PublishOffering',
      now,
      data: { offeringId, providerId, ...description, ...data },
    });

    it('takes effect from a given (backdated) effectiveFrom, recorded in UTC', () => {
      const [event] = offeringDecider.decide(
        publish({ effectiveFrom: '2025-01-01T01:00:00+01:00' }),
        offeringDecider.initialState(),
      );
      expect(event?.data).toMatchObject({ effectiveFrom: '2025-01-01T00:00:00.000Z' });
    });

    it('accepts an effectiveFrom up to 5 minutes ahead of now (clock skew)', () => {
      given(offeringDecider)
        .when(publish({ effectiveFrom: LATER }))
        .thenEvents([{ ...published, data: { ...published.data, effectiveFrom: LATER } }]);
    });

    it('refuses an effectiveFrom more than 5 minutes in the future: InvalidInput', () => {
      const error = caught(() =>
        offeringDecider.decide(
          publish({ effectiveFrom: '2026-03-01T10:05:01Z' }),
          offeringDecider.initialState(),
        ),
      );
      expect(error).toBeInstanceOf(InvalidInput);
      expect(error).toMatchObject({ field: 'effectiveFrom' });
    });

    it('records several service levels of one warranty', () => {
      const warranty = { serviceLevels: [availability(99.5), resolutionHours] };
      const [event] = offeringDecider.decide(publish({ warranty }), offeringDecider.initialState());
      expect(event?.data).toMatchObject({ warranty });
    });

    it('refuses a warranty without service levels: warranty-without-service-levels', () => {
      given(offeringDecider)
        .when(publish({ warranty: { serviceLevels: [] } }))
        .thenRuleViolated('warranty-without-service-levels');
    });

    it('refuses a metric named twice: duplicate-metric', () => {
      given(offeringDecider)
        .when(publish({ warranty: { serviceLevels: [availability(99), availability(98)] } }))
        .thenRuleViolated('duplicate-metric');
    });

    it('refuses an unknown comparison: invalid-comparison', () => {
      const level = { ...resolutionHours, comparison: 'about' as 'at-most' };
      given(offeringDecider)
        .when(publish({ warranty: { serviceLevels: [level] } }))
        .thenRuleViolated('invalid-comparison');
    });

    it.each([Number.NaN, Number.POSITIVE_INFINITY])(
      'refuses a target of %p: invalid-service-level',
      (target) => {
        given(offeringDecider)
          .when(publish({ warranty: { serviceLevels: [{ ...resolutionHours, target }] } }))
          .thenRuleViolated('invalid-service-level');
      },
    );

    it.each([-1, 100.01])('refuses a percentage target of %p: invalid-percentage', (target) => {
      given(offeringDecider)
        .when(publish({ warranty: { serviceLevels: [availability(target)] } }))
        .thenRuleViolated('invalid-percentage');
    });

    it('accepts the bounds 0 and 100 of a percentage', () => {
      for (const target of [0, 100]) {
        const events = offeringDecider.decide(
          publish({ warranty: { serviceLevels: [availability(target)] } }),
          offeringDecider.initialState(),
        );
        expect(events[0]?.type).toBe('OfferingPublished');
      }
    });
  });

  describe('ReviseOffering', () => {
    it('records OfferingRevised with the new description', () => {
      given(offeringDecider, [published])
        .when({ type: 'ReviseOffering', now: NOW, data: { offeringId, ...revisedDescription } })
        .thenEvents([
          {
            type: 'OfferingRevised',
            data: { offeringId, ...revisedDescription, effectiveFrom: NOW },
          },
        ]);
    });

    it('on an offering never published: NotFound', () => {
      given(offeringDecider)
        .when({ type: 'ReviseOffering', now: NOW, data: { offeringId, ...revisedDescription } })
        .thenNotFound('offering', offeringId);
    });

    it('on a retired offering is refused: offering-retired', () => {
      given(offeringDecider, [published, retired])
        .when({ type: 'ReviseOffering', now: NOW, data: { offeringId, ...revisedDescription } })
        .thenRuleViolated('offering-retired');
    });

    it('refuses a bad percentage: invalid-percentage', () => {
      given(offeringDecider, [published])
        .when({
          type: 'ReviseOffering',
          now: NOW,
          data: { offeringId, ...description, warranty: { serviceLevels: [availability(101)] } },
        })
        .thenRuleViolated('invalid-percentage');
    });

    it('may take effect later or earlier than the last revision, not before publication', () => {
      const backdated = fold(offeringDecider, [
        { ...published, data: { ...published.data, effectiveFrom: '2025-01-01T00:00:00.000Z' } },
      ]);
      const revise = (effectiveFrom: string): ReviseOffering => ({
        type: 'ReviseOffering',
        now: NOW,
        data: { offeringId, ...revisedDescription, effectiveFrom },
      });
      expect(
        offeringDecider.decide(revise('2025-04-01T00:00:00Z'), backdated)[0]?.data,
      ).toMatchObject({
        effectiveFrom: '2025-04-01T00:00:00.000Z',
      });
      const error = caught(() => offeringDecider.decide(revise('2024-12-31T23:59:59Z'), backdated));
      expect(error).toMatchObject({ rule: 'effective-before-publication' });
    });
  });

  describe('RetireOffering', () => {
    it('records OfferingRetired with its reason', () => {
      given(offeringDecider, [published])
        .when({ type: 'RetireOffering', now: NOW, data: { offeringId, reason: 'superseded' } })
        .thenEvents([{ type: 'OfferingRetired', data: { offeringId, reason: 'superseded' } }]);
    });

    it('without a reason records reason null', () => {
      given(offeringDecider, [published])
        .when({ type: 'RetireOffering', now: NOW, data: { offeringId } })
        .thenEvents([retired]);
    });

    it('on an offering never published: NotFound', () => {
      given(offeringDecider)
        .when({ type: 'RetireOffering', now: NOW, data: { offeringId } })
        .thenNotFound('offering', offeringId);
    });

    it('a second time is refused: offering-retired', () => {
      given(offeringDecider, [published, retired])
        .when({ type: 'RetireOffering', now: NOW, data: { offeringId } })
        .thenRuleViolated('offering-retired');
    });
  });

  describe('evolve', () => {
    it('tracks status, description and revisions', () => {
      const state = fold(offeringDecider, [
        published,
        {
          type: 'OfferingRevised',
          data: { offeringId, ...revisedDescription, effectiveFrom: LATER },
        },
        retired,
      ]);
      expect(state).toEqual({
        status: 'retired',
        offeringId,
        providerId,
        description: revisedDescription,
        publishedFrom: NOW,
        revisions: 1,
        warranties: [
          { effectiveFrom: NOW, serviceLevels: description.warranty.serviceLevels },
          { effectiveFrom: LATER, serviceLevels: revisedDescription.warranty.serviceLevels },
        ],
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
