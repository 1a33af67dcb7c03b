import { describeFact, humanType } from './fact';

describe('describeFact', () => {
  it('says what a cost, a measurement and a review record', () => {
    expect(
      describeFact('CostRecorded', {
        effect: 'removed',
        amount: '1250.5',
        currency: 'EUR',
        description: 'licences',
      }),
    ).toBe('Cost removed: EUR 1,250.50 — licences');
    expect(
      describeFact('ServiceLevelMeasured', {
        metric: 'availability',
        actual: 99.5,
        target: 99.9,
        breached: true,
        period: { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' },
      }),
    ).toBe('availability 99.5 in Jan 2026 (target 99.9) — breached');
    expect(
      describeFact('RelationshipReviewed', { valueScore: 4, stakeholderRole: 'customer' }),
    ).toBe('Value score 4 from the customer');
  });

  it('names an unknown event by its type', () => {
    expect(describeFact('SomethingNew', {})).toBe('SomethingNew');
    expect(humanType('ServiceLevelMeasured')).toBe('Service level measured');
  });
});
