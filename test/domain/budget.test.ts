import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualise, ceilDiv, proposeFee } from '../../src/domain/budget.js';
import { formatPerMille, perMille } from '../../src/domain/percent.js';

describe('perMille and formatPerMille', () => {
  it('rounds half up with integers only', () => {
    expect(perMille(5175000, 5900000)).toBe(877); // 87.71%
    expect(perMille(1, 8)).toBe(125); // exactly 12.5%
    expect(perMille(1, 3)).toBe(333);
    expect(perMille(2, 3)).toBe(667);
    expect(perMille(1, 2000)).toBe(1); // 0.05% rounds up to 0.1%
    expect(perMille(0, 10)).toBe(0);
    expect(perMille(5, 0)).toBeNull();
    expect(formatPerMille(877)).toBe('87.7%');
    expect(formatPerMille(1000)).toBe('100.0%');
    expect(formatPerMille(5)).toBe('0.5%');
    expect(formatPerMille(null)).toBe('—');
  });

  it('is the nearest per-mille, ties up (checked with bigint)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 1, max: 10 ** 9 }), (part, whole) => {
        const p = BigInt(perMille(part, whole)!);
        const exact2000 = BigInt(part) * 2000n; // 2·1000·part vs (2p ± 1)·whole
        expect(exact2000 >= (2n * p - 1n) * BigInt(whole)).toBe(true);
        expect(exact2000 < (2n * p + 1n) * BigInt(whole)).toBe(true);
      }),
    );
  });
});

describe('proposeFee', () => {
  it('works the demo compound through by hand', () => {
    // 2022 ran 6 months: 12,876.25 of recurring costs -> 25,752.50 a year; parking 600.00;
    // 120 households at 87.7% -> 105.240 payers; 25,152.50 / 105.240 = 239.0013... -> 240 yuan.
    const p = proposeFee({
      recurringFen: annualise(1287625, 6),
      reserveTargetFen: 0,
      balanceCarriedFen: 3287375,
      otherIncomeFen: 60000,
      households: 120,
      collectionPermille: 877,
    });
    expect(p).toEqual({ reserveTopupFen: 0, needFen: 2515250, payersMilli: 105240, exactFeeFen: 23901, feeFen: 24000, expectedFen: 2525760 });
  });

  it('tops the reserve up only by its shortfall, and never proposes less than nothing', () => {
    const base = { recurringFen: 6000000, otherIncomeFen: 0, households: 100, collectionPermille: 1000 };
    expect(proposeFee({ ...base, reserveTargetFen: 1000000, balanceCarriedFen: 400000 })).toMatchObject({ reserveTopupFen: 600000, needFen: 6600000, feeFen: 66000 });
    expect(proposeFee({ ...base, reserveTargetFen: 1000000, balanceCarriedFen: 5000000 })).toMatchObject({ reserveTopupFen: 0, needFen: 6000000, feeFen: 60000 });
    expect(proposeFee({ ...base, otherIncomeFen: 9000000, reserveTargetFen: 0, balanceCarriedFen: 0 })).toMatchObject({ needFen: 0, feeFen: 0 });
  });

  it('rounds up to whole yuan: 60,000.01 over 100 households is 601 yuan, not 600', () => {
    expect(proposeFee({ recurringFen: 6000001, reserveTargetFen: 0, balanceCarriedFen: 0, otherIncomeFen: 0, households: 100, collectionPermille: 1000 }).feeFen).toBe(60100);
  });

  it('always raises at least the need at the given rate, and never a whole yuan more than needed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 9 }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 1000 }),
        (need, households, rate) => {
          const p = proposeFee({ recurringFen: need, reserveTargetFen: 0, balanceCarriedFen: 0, otherIncomeFen: 0, households, collectionPermille: rate });
          expect(p.feeFen % 100).toBe(0);
          // fee · households · rate / 1000 >= need, exactly (bigint)
          expect(BigInt(p.feeFen) * BigInt(households) * BigInt(rate) >= BigInt(need) * 1000n).toBe(true);
          // one yuan less would not be enough
          if (p.feeFen > 0) expect(BigInt(p.feeFen - 100) * BigInt(households) * BigInt(rate) < BigInt(need) * 1000n).toBe(true);
        },
      ),
    );
  });

  it('refuses what cannot be divided', () => {
    const ok = { recurringFen: 1, reserveTargetFen: 0, balanceCarriedFen: 0, otherIncomeFen: 0, households: 1, collectionPermille: 1000 };
    expect(() => proposeFee({ ...ok, households: 0 })).toThrow(RangeError);
    expect(() => proposeFee({ ...ok, collectionPermille: 0 })).toThrow(RangeError);
    expect(() => proposeFee({ ...ok, recurringFen: 1.5 })).toThrow(RangeError);
  });
});

describe('annualise and ceilDiv', () => {
  it('scales a part year to twelve months, rounding up', () => {
    expect(annualise(1287625, 6)).toBe(2575250);
    expect(annualise(100, 7)).toBe(172); // 171.43 -> 172
    expect(annualise(100, 12)).toBe(100);
    expect(() => annualise(100, 0)).toThrow(RangeError);
    expect(ceilDiv(10, 5)).toBe(2);
    expect(ceilDiv(11, 5)).toBe(3);
    expect(ceilDiv(0, 5)).toBe(0);
  });
});
