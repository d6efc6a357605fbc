import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocatePayment, outstanding, payAgainst, sumFen } from '../../src/domain/allocation.js';

const charges = (spec: Record<number, number>) => Object.entries(spec).map(([y, a]) => ({ year: Number(y), amountFen: a }));

describe('outstanding: the oldest charges are paid first', () => {
  it('pays 2021 before 2022', () => {
    expect(outstanding(charges({ 2022: 50000, 2021: 50000 }), 60000)).toEqual({ owed: [{ year: 2022, amountFen: 40000 }], creditFen: 0 });
  });
  it('keeps what exceeds the charges as credit', () => {
    expect(outstanding(charges({ 2022: 50000 }), 75000)).toEqual({ owed: [], creditFen: 25000 });
  });
  it('a later bill consumes the credit', () => {
    expect(outstanding(charges({ 2022: 50000, 2023: 50000 }), 75000)).toEqual({ owed: [{ year: 2023, amountFen: 25000 }], creditFen: 0 });
  });
  it('nothing paid leaves every year owed', () => {
    expect(outstanding(charges({ 2022: 50000, 2023: 60000 }), 0).owed).toHaveLength(2);
  });
});

describe('allocatePayment', () => {
  it('splits over the years owed, oldest first, and keeps the rest as prepayment', () => {
    expect(allocatePayment([{ year: 2023, amountFen: 50000 }, { year: 2022, amountFen: 25000 }], 100000)).toEqual({
      allocations: [
        { year: 2022, amountFen: 25000 },
        { year: 2023, amountFen: 50000 },
      ],
      creditFen: 25000,
    });
  });

  const owedList = fc
    .uniqueArray(fc.integer({ min: 2000, max: 2040 }), { maxLength: 8 })
    .chain((years) => fc.tuple(...years.map((year) => fc.integer({ min: 1, max: 10_000_000 }).map((amountFen) => ({ year, amountFen })))));

  it('always sums to the payment, never exceeds what a year owes, and pays older years first', () => {
    fc.assert(
      fc.property(owedList, fc.integer({ min: 1, max: 100_000_000 }), (owed, payment) => {
        const { allocations, creditFen } = allocatePayment(owed, payment);
        expect(sumFen(allocations) + creditFen).toBe(payment);
        expect(creditFen).toBeGreaterThanOrEqual(0);
        for (const a of allocations) {
          expect(a.amountFen).toBeGreaterThan(0);
          expect(a.amountFen).toBeLessThanOrEqual(owed.find((o) => o.year === a.year)!.amountFen);
        }
        // A year is only touched once every older year is fully paid.
        const sorted = [...owed].sort((a, b) => a.year - b.year);
        allocations.slice(0, -1).forEach((a, i) => expect(a.amountFen).toBe(sorted[i]!.amountFen));
        if (creditFen > 0) expect(sumFen(allocations)).toBe(sumFen(owed));
      }),
    );
  });

  it('agrees with outstanding: paying in two parts is the same as paying once', () => {
    fc.assert(
      fc.property(owedList, fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 1, max: 5_000_000 }), (list, first, second) => {
        const before = outstanding(list, first);
        const { creditFen } = allocatePayment(before.owed, second);
        const after = outstanding(list, first + second);
        expect(before.creditFen + creditFen).toBe(after.creditFen);
      }),
    );
  });
});

describe('payAgainst', () => {
  it('is allocatePayment of outstanding, in one pass', () => {
    const charges = fc
      .uniqueArray(fc.record({ year: fc.integer({ min: 2000, max: 2040 }), amountFen: fc.integer({ min: -50000, max: 200000 }) }), { selector: (c) => c.year, maxLength: 12 })
      .map((cs) => [...cs].sort((a, b) => a.year - b.year));
    fc.assert(
      fc.property(charges, fc.integer({ min: -300000, max: 3000000 }), fc.integer({ min: -1000, max: 3000000 }), (cs, paid, payment) => {
        const state = outstanding(cs, paid);
        const expected = allocatePayment(state.owed, payment);
        expect(payAgainst(cs, paid, payment)).toEqual({ allocations: expected.allocations, creditFen: expected.creditFen, creditBeforeFen: state.creditFen });
      }),
      { numRuns: 5000 },
    );
  });
});
