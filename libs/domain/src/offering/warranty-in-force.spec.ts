import { ServiceLevel } from './offering.events';
import { warrantyInForce, WarrantyRevision } from './warranty-in-force';

const level = (target: number): ServiceLevel => ({
  metric: 'availability',
  target,
  comparison: 'at-least',
  unit: 'percent',
});
const revision = (effectiveFrom: string, target: number): WarrantyRevision => ({
  effectiveFrom,
  serviceLevels: [level(target)],
});

describe('warrantyInForce', () => {
  // Recorded out of order: the April revision was recorded before the February one.
  const history = [
    revision('2025-01-01T00:00:00.000Z', 99),
    revision('2025-04-01T00:00:00.000Z', 99.5),
    revision('2025-02-01T00:00:00.000Z', 99.2),
  ];

  it.each([
    ['2025-01-15T00:00:00.000Z', 99],
    ['2025-02-01T00:00:00.000Z', 99.2],
    ['2025-03-31T23:59:59.999Z', 99.2],
    ['2025-04-01T00:00:00.000Z', 99.5],
    ['2026-01-01T00:00:00.000Z', 99.5],
  ])('at %s is the revision with the latest effectiveFrom at or before it (%p)', (at, target) => {
    expect(warrantyInForce(history, at)?.serviceLevels[0]?.target).toBe(target);
  });

  it('is none before the first revision takes effect', () => {
    expect(warrantyInForce(history, '2024-12-31T23:59:59.999Z')).toBeUndefined();
  });

  it('among revisions effective at the same instant, the later recorded wins', () => {
    const same = [
      revision('2025-01-01T00:00:00.000Z', 99),
      revision('2025-01-01T00:00:00.000Z', 98),
    ];
    expect(warrantyInForce(same, '2025-06-01T00:00:00.000Z')?.serviceLevels[0]?.target).toBe(98);
  });
});
