import { countValue } from './trend-fact';

describe('countValue (a metric month’s multiset of achieved values)', () => {
  it('keeps values ascending with their counts, whatever the order they come in', () => {
    const values: number[] = [];
    for (const v of [99.95, 100, 99.5, 99.95, 250, 99.5, 99.95]) countValue(values, v, 1);
    expect(values).toEqual([99.5, 2, 99.95, 3, 100, 1, 250, 1]);
  });

  it('takes a value back and forgets it when no measurement holds it', () => {
    const values = [99.5, 2, 99.95, 1, 100, 1];
    countValue(values, 99.5, -1);
    countValue(values, 99.95, -1);
    expect(values).toEqual([99.5, 1, 100, 1]);
    countValue(values, 100, -1);
    countValue(values, 99.5, -1);
    expect(values).toEqual([]);
  });

  it('counts 0 and -0 as one value, as the JSON they came from does', () => {
    const values: number[] = [];
    countValue(values, 0, 1);
    countValue(values, -0, 1);
    expect(values).toEqual([0, 2]);
  });
});
