import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargedInYear, netByYear, owedYears, withMoved, yearPairs, type HouseholdTotalsRow } from '../../src/db/period-totals-repo.js';
import { outstanding } from '../../src/domain/allocation.js';
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

describe('chargedInYear: one fee year of the pairs, without the others', () => {
  it('sums a year\'s pairs (a charge, a waiver, a voided waiver) and no other year\'s', () => {
    expect(chargedInYear(null, 2024)).toBe(0);
    expect(chargedInYear('', 2024)).toBe(0);
    expect(chargedInYear('2023:50000,2024:60000', 2024)).toBe(60000);
    expect(chargedInYear('2024:60000,2023:50000', 2023)).toBe(50000);
    expect(chargedInYear('2024:60000,2024:-10000,2024:10000,2024:-5000', 2024)).toBe(55000);
    expect(chargedInYear('2023:50000', 2024)).toBe(0);
    // A year that ends another's digits, or an amount that looks like a year, is not it.
    expect(chargedInYear('12024:700,2023:2024', 2024)).toBe(0);
    expect(chargedInYear('2024:0', 2024)).toBe(0);
  });

  it('equals netByYear\'s amount of that year, for any list of pairs', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: -1e12, max: 1e12 })), { maxLength: 30 }), fc.integer({ min: 1990, max: 2100 }), (pairs, year) => {
        const text = pairs.map(([y, a]) => `${y}:${a}`).join(',');
        expect(chargedInYear(text, year)).toBe(netByYear(text).find((y) => y.year === year)?.amountFen ?? 0);
      }),
    );
  });
});

describe('owedYears: what a household still owed on a day', () => {
  const row = (years: string | null, charged: number, paid: number, owed?: string | null): HouseholdTotalsRow => ({ household: '1-1-101', charged_fen: charged, paid_fen: paid, years, owed });

  it('its payments over its charges, oldest year first; nothing when it owes nothing', () => {
    // 70000 paid: 2023 in full, 20000 of 2024.
    expect(owedYears(row('2023:50000,2024:60000', 110000, 70000))).toEqual([{ year: 2024, amountFen: 40000 }]);
    expect(owedYears(row('2024:60000,2023:50000', 110000, 30000))).toEqual([
      { year: 2023, amountFen: 20000 },
      { year: 2024, amountFen: 60000 },
    ]);
    expect(owedYears(row('2023:50000', 50000, 50000))).toEqual([]);
    expect(owedYears(row('2023:50000', 50000, 80000))).toEqual([]);
    expect(owedYears(row(null, 0, 0))).toEqual([]);
  });

  it('the years a lock kept on the row, where it kept them (schema/0012), as they were kept', () => {
    expect(owedYears(row('2023:50000,2024:60000', 110000, 70000, '2024:40000'))).toEqual([{ year: 2024, amountFen: 40000 }]);
    // What was kept is what is read (verify checks it against the entries).
    expect(owedYears(row('2023:50000,2024:60000', 110000, 70000, '2023:1'))).toEqual([{ year: 2023, amountFen: 1 }]);
  });

  it('kept as yearPairs writes them, it reads the same as worked out, for any charges and payments', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 2000, max: 2040 }), fc.integer({ min: 0, max: 1e8 })), { selector: ([y]) => y, maxLength: 12 }),
        fc.integer({ min: 0, max: 1e9 }),
        (charges, paid) => {
          const years = charges.length > 0 ? charges.map(([y, a]) => `${y}:${a}`).join(',') : null;
          const charged = charges.reduce((s, [, a]) => s + a, 0);
          const worked = owedYears(row(years, charged, paid));
          expect(worked).toEqual(charged > paid ? outstanding(netByYear(years), paid).owed : []);
          expect(owedYears(row(years, charged, paid, yearPairs(worked)))).toEqual(worked);
        },
      ),
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
