import { offeringDecider } from '../offering/offering.decider';
import { OfferingEvent } from '../offering/offering.events';
import { fold } from '../shared/fold';
import { warrantyMetrics } from './warranty-metrics';

const description = {
  offeringId: 'o',
  name: 'Managed e-mail',
  targetConsumerGroup: 'small firms',
  goods: [],
  resourceAccess: [],
  serviceActions: [],
  utility: [],
};
const level = (metric: string) => ({
  metric,
  target: 1,
  comparison: 'at-least' as const,
  unit: 'percent',
});

describe('warrantyMetrics', () => {
  it('names every metric any revision of the warranty stated, once', () => {
    const history: OfferingEvent[] = [
      {
        type: 'OfferingPublished',
        data: {
          ...description,
          providerId: 'p',
          warranty: { serviceLevels: [level('availability')] },
          effectiveFrom: '2026-01-01T00:00:00.000Z',
        },
      },
      {
        type: 'OfferingRevised',
        data: {
          ...description,
          warranty: { serviceLevels: [level('availability'), level('resolution-hours')] },
          effectiveFrom: '2026-03-01T00:00:00.000Z',
        },
      },
    ];
    expect(warrantyMetrics(fold(offeringDecider, history))).toEqual([
      'availability',
      'resolution-hours',
    ]);
  });

  it('none for an offering never published', () => {
    expect(warrantyMetrics(fold(offeringDecider, []))).toEqual([]);
  });
});
