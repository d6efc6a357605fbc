import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { netByYear, withMoved, type HouseholdTotalsRow } from '../../src/db/period-totals-repo.js';
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

describe('withMoved: a closed day’s totals with what moved since', () => {
  const row = fc.record({
    household: fc.constantFrom('1-1-101', '1-1-102', '1-2-101', '2-1-101', '工行-1-1-101', '工行-2-1-101', '𠀋-1-101', 'b'),
    charged_fen: fc.integer({ min: 0, max: 1e7 }),
    paid_fen: fc.integer({ min: 0, max: 1e7 }),
    years: fc.option(fc.constantFrom('2023:50000', '2024:60000', '2023:50000,2024:-100'), { nil: null }),
  });
  const unique = (rows: HouseholdTotalsRow[]) => [...new Map(rows.map((r) => [r.household, r])).values()];
  const byCode = (a: HouseholdTotalsRow, b: HouseholdTotalsRow) => (a.household < b.household ? -1 : a.household > b.household ? 1 : 0);

  it('adds each moved household to its stored row, or adds it, in household order', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.array(row, { maxLength: 8 }), (s, m) => {
        const stored = unique(s).sort(byCode);
        const moved = unique(m);
        const expected = new Map(stored.map((r) => [r.household, { ...r }]));
        for (const x of moved) {
          const t = expected.get(x.household);
          expected.set(
            x.household,
            t ? { ...t, charged_fen: t.charged_fen + x.charged_fen, paid_fen: t.paid_fen + x.paid_fen, years: [t.years, x.years].filter((y) => y !== null).join(',') || null } : x,
          );
        }
        expect(withMoved(stored, moved)).toEqual([...expected.values()].sort(byCode));
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
