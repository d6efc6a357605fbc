import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netByYear } from '../../src/db/period-totals-repo.js';
import { halfYearEndBefore } from '../../src/domain/period.js';

describe('netByYear: `year:amount` pairs summed per year', () => {
  it('reads charges, waivers (negative) and repeats of a year', () => {
    expect(netByYear(null)).toEqual([]);
    expect(netByYear('')).toEqual([]);
    expect(netByYear('2024:50000')).toEqual([{ year: 2024, amountFen: 50000 }]);
    expect(netByYear('2024:60000,2022:50000,2023:50000')).toEqual([
      { year: 2022, amountFen: 50000 },
      { year: 2023, amountFen: 50000 },
      { year: 2024, amountFen: 60000 },
    ]);
    expect(netByYear('2023:50000,2024:60000,2023:-10000,2024:0')).toEqual([
      { year: 2023, amountFen: 40000 },
      { year: 2024, amountFen: 60000 },
    ]);
  });

  it('equals splitting and summing, oldest year first, for any list of pairs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: -1e12, max: 1e12 })), { maxLength: 30 }), (pairs) => {
        const text = pairs.map(([y, a]) => `${y}:${a}`).join(',');
        const expected = new Map<number, number>();
        for (const [y, a] of pairs) expected.set(y, (expected.get(y) ?? 0) + a);
        expect(netByYear(text)).toEqual([...expected].sort(([a], [b]) => a - b).map(([year, amountFen]) => ({ year, amountFen })));
      }),
    );
  });
});

describe('halfYearEndBefore: the disclosure opening day before a lock day', () => {
  it.each([
    ['2024-12-31', '2024-06-30'],
    ['2024-07-01', '2024-06-30'],
    ['2024-06-30', '2023-12-31'],
    ['2024-01-01', '2023-12-31'],
    ['2024-09-30', '2024-06-30'],
  ])('%s -> %s', (day, before) => expect(halfYearEndBefore(day)).toBe(before));
});
