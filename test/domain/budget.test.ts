import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualise, areaRate, ceilDiv, proposeFee, RESERVE_MONTHS, reserveFloorFee, reserveTarget, yearEnd, type FeeInputs } from '../../src/domain/budget.js';
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

describe('the reserve', () => {
  it('defaults to three months of recurring expense, rounded up to the fen', () => {
    expect(RESERVE_MONTHS).toBe(3);
    expect(reserveTarget(2575250)).toBe(643813); // 6,438.125 -> 6,438.13
    expect(reserveTarget(1344000)).toBe(336000);
    expect(reserveTarget(101)).toBe(26); // 25.25 fen -> 26
    expect(reserveTarget(0)).toBe(0);
    expect(reserveTarget(1200, 0)).toBe(0);
    expect(reserveTarget(1200, 12)).toBe(1200);
    expect(reserveTarget(9 * 10 ** 15)).toBe(2.25 * 10 ** 15); // the product taken in BigInt
    expect(() => reserveTarget(-1)).toThrow(RangeError);
    expect(() => reserveTarget(100, 13)).toThrow(RangeError);
  });

  // 60,000.00 a year over 100 households who all pay: 600 yuan exactly, so one fen shows.
  const base = { recurringFen: 6000000, otherIncomeFen: 0, households: 100, collectionPermille: 1000, reserveTargetFen: 1500000 };

  it('exactly met: no top-up, and the year ends at the reserve to the fen', () => {
    const i = { ...base, balanceCarriedFen: 1500000 };
    const p = proposeFee(i);
    expect(p).toMatchObject({ reserveTopupFen: 0, needFen: 6000000, exactFeeFen: 60000, feeFen: 60000, expectedFen: 6000000 });
    expect(yearEnd(i, p.expectedFen)).toEqual({
      openingFen: 1500000,
      feesFen: 6000000,
      otherIncomeFen: 0,
      recurringFen: 6000000,
      closingFen: 1500000,
      reserveFen: 1500000,
      marginFen: 0,
      keepsReserve: true,
    });
  });

  it('one fen short: the fen is topped up, and the fee goes up a yuan rather than leave the fund a fen below', () => {
    const i = { ...base, balanceCarriedFen: 1499999 };
    const p = proposeFee(i);
    expect(p).toMatchObject({ reserveTopupFen: 1, needFen: 6000001, exactFeeFen: 60001, feeFen: 60100 });
    expect(yearEnd(i, p.expectedFen)).toMatchObject({ closingFen: 1509999, marginFen: 9999, keepsReserve: true });
    // 600 yuan, the fee of the fund that met its reserve, would end the year one fen short.
    expect(yearEnd(i, 60000 * 100)).toMatchObject({ closingFen: 1499999, marginFen: -1, keepsReserve: false });
  });

  it('a fund already above the reserve: the fee may fall, but never below what keeps the reserve', () => {
    // Last year 700 yuan; costs need 600; the fund holds 40,000, 25,000 above its 15,000 reserve.
    const i = { ...base, balanceCarriedFen: 4000000 };
    const p = proposeFee(i);
    expect(p.feeFen).toBe(60000); // down from 700: the year's own costs, the surplus kept
    expect(yearEnd(i, p.expectedFen)).toMatchObject({ closingFen: 4000000, keepsReserve: true });
    // Spending the surplus, the fee could go to 350 (60,000 + 15,000 − 40,000 over 100) and no lower.
    const floor = reserveFloorFee(i);
    expect(floor).toEqual({ surplusFen: 2500000, needFen: 3500000, exactFeeFen: 35000, feeFen: 35000, expectedFen: 3500000 });
    expect(yearEnd(i, floor.expectedFen)).toMatchObject({ closingFen: 1500000, marginFen: 0, keepsReserve: true });
    expect(yearEnd(i, (floor.feeFen - 100) * 100)).toMatchObject({ closingFen: 1490000, keepsReserve: false });
    // A fund so far above that the surplus pays the whole year: the floor is 0, never less.
    expect(reserveFloorFee({ ...i, balanceCarriedFen: 9000000 })).toMatchObject({ surplusFen: 7500000, needFen: 0, feeFen: 0 });
    // Below the reserve there is no surplus, and the floor is the proposal.
    const short = { ...base, balanceCarriedFen: 1000000 };
    expect(reserveFloorFee(short)).toMatchObject({ surplusFen: 0, feeFen: proposeFee(short).feeFen });
  });

  it('zero households: nothing to divide by, refused', () => {
    expect(() => proposeFee({ ...base, balanceCarriedFen: 0, households: 0 })).toThrow(RangeError);
    expect(() => reserveFloorFee({ ...base, balanceCarriedFen: 0, households: 0 })).toThrow(RangeError);
    expect(() => proposeFee({ ...base, balanceCarriedFen: 0, reserveTargetFen: -1 })).toThrow(RangeError);
  });

  it('never proposes a fee that leaves the fund below the reserve; the floor is the lowest that does not', () => {
    fc.assert(
      fc.property(
        fc.record({
          recurringFen: fc.integer({ min: 0, max: 10 ** 10 }),
          reserveTargetFen: fc.integer({ min: 0, max: 10 ** 10 }),
          balanceCarriedFen: fc.integer({ min: -(10 ** 9), max: 10 ** 10 }),
          otherIncomeFen: fc.integer({ min: 0, max: 10 ** 9 }),
          households: fc.integer({ min: 1, max: 100000 }),
          collectionPermille: fc.integer({ min: 1, max: 1000 }),
        }),
        (i: FeeInputs) => {
          const p = proposeFee(i);
          expect(yearEnd(i, p.expectedFen).keepsReserve).toBe(true);
          // The year's own costs are covered too: the surplus is never spent by the proposal.
          expect(p.expectedFen + i.otherIncomeFen >= i.recurringFen).toBe(true);
          const floor = reserveFloorFee(i);
          expect(floor.feeFen <= p.feeFen).toBe(true);
          expect(yearEnd(i, floor.expectedFen).keepsReserve).toBe(true);
          if (floor.feeFen > 0) {
            const lessOne = Number((BigInt(floor.feeFen - 100) * BigInt(p.payersMilli)) / 1000n);
            expect(yearEnd(i, lessOne).keepsReserve).toBe(false);
          }
          if (i.balanceCarriedFen <= i.reserveTargetFen) expect(floor.feeFen).toBe(p.feeFen);
        },
      ),
    );
  });
});

describe('areaRate (元/㎡/月)', () => {
  it('divides the same need by the collection rate, the area and twelve months, rounding up to the fen', () => {
    // 1,200.00 at 66.7% is 1,799.1004... to bill -> 1,799.11; over 270 ㎡ and 12 months 0.5553 -> 0.56.
    expect(areaRate(120000, 667, 27000)).toEqual({ areaCenti: 27000, billFen: 179911, rateFen: 56, expectedFen: 121020 });
    // 36,000.00 over 1,000 ㎡ at 100%: 3.00 a month exactly, no fen added.
    expect(areaRate(3600000, 1000, 100000)).toEqual({ areaCenti: 100000, billFen: 3600000, rateFen: 300, expectedFen: 3600000 });
    // One fen more and the rate goes up a fen rather than fall short.
    expect(areaRate(3600001, 1000, 100000)).toMatchObject({ billFen: 3600001, rateFen: 301 });
    expect(areaRate(0, 1000, 100000)).toMatchObject({ billFen: 0, rateFen: 0, expectedFen: 0 });
  });

  it('zero area: no rate by area (null), not a division by zero', () => {
    expect(areaRate(120000, 1000, 0)).toBeNull();
    expect(() => areaRate(120000, 0, 27000)).toThrow(RangeError);
    expect(() => areaRate(-1, 1000, 27000)).toThrow(RangeError);
  });

  it('never falls short of the need, and a fen less would (checked in BigInt, at sizes past 2^53 in the products)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 10 }), fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 10 ** 9 }), (need, rate, area) => {
        const a = areaRate(need, rate, area)!;
        const year = BigInt(a.rateFen) * BigInt(area) * 12n; // fen × 100 over a year
        expect(year * BigInt(rate) >= BigInt(need) * 1000n * 100n).toBe(true);
        expect(BigInt(a.expectedFen) >= BigInt(need)).toBe(true);
        expect(year >= BigInt(a.billFen) * 100n).toBe(true);
        if (a.rateFen > 0) expect(BigInt(a.rateFen - 1) * BigInt(area) * 12n < BigInt(a.billFen) * 100n).toBe(true);
      }),
    );
  });
});

describe('the issue: 995 yuan in the fund, August wages refused for 结余不足', () => {
  // Run on 2025-08-20 for 2026: 24 households, 21 paid 2025's 400 (87.5%); 门卫 and 保洁
  // cost 1,120 a month, paid January to July (7,840); parking 435; the fund holds 995, and
  // August's 1,120 was refused. The ledger began in January 2025.
  const figures = { otherIncomeFen: 43500, balanceCarriedFen: 99500, households: 24, collectionPermille: 875 };
  const lastFeeFen = 40000;

  it('the old budget proposed a cut: seven months of costs taken as a year, and no reserve', () => {
    const old = proposeFee({ ...figures, recurringFen: 784000, reserveTargetFen: 0 });
    expect(old).toMatchObject({ reserveTopupFen: 0, needFen: 740500, payersMilli: 21000, exactFeeFen: 35262, feeFen: 35300 });
    expect(old.feeFen < lastFeeFen).toBe(true); // 353 against 400: a cut, with the fund unable to pay wages
  });

  it('the new one does not: the costs of seven months scaled to twelve, and the fund raised to three months of them', () => {
    const recurringFen = annualise(784000, 7); // 13,440.00
    const reserveTargetFen = reserveTarget(recurringFen); // 3,360.00
    const i = { ...figures, recurringFen, reserveTargetFen };
    const p = proposeFee(i);
    expect({ recurringFen, reserveTargetFen }).toEqual({ recurringFen: 1344000, reserveTargetFen: 336000 });
    expect(p).toMatchObject({ reserveTopupFen: 236500, needFen: 1537000, exactFeeFen: 73191, feeFen: 73200, expectedFen: 1537200 });
    expect(p.feeFen > lastFeeFen).toBe(true);
    expect(yearEnd(i, p.expectedFen)).toMatchObject({ closingFen: 336200, keepsReserve: true });
    // Even with no reserve at all (--reserve 0), a year's costs alone need more than 400.
    expect(proposeFee({ ...i, reserveTargetFen: 0 }).feeFen).toBe(62000);
    // By area (24 × 90 ㎡): 15,370.00 ÷ 87.5% = 17,565.72 to bill; ÷ 2,160 ㎡ ÷ 12 = 0.68 a month.
    expect(areaRate(p.needFen, 875, 216000)).toEqual({ areaCenti: 216000, billFen: 1756572, rateFen: 68, expectedFen: 1542240 });
  });
});
