import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargeFor, monthsOnRegister, type FeeStandard } from '../../src/domain/fees.js';
import type { RegisterEntry } from '../../src/domain/entry-kinds.js';
import { livesInYear, onRegister, ownerOn, Projection } from '../../src/domain/projection.js';

/*
 * What a household is charged for a year (src/domain/fees.ts), and the register questions it
 * rests on (livesInYear, onRegister, ownerOn in src/domain/projection.ts), at their edges.
 * Money is integer fen, areas integer hundredths of a square metre.
 */

describe('monthsOnRegister', () => {
  it('the whole year with no dates', () => {
    expect(monthsOnRegister(2023, null, null)).toBe(12);
  });

  it('the month of joining counts: joined 2023-03-15 → 10 months of 2023', () => {
    expect(monthsOnRegister(2023, '2023-03-15', null)).toBe(10);
  });

  it('joined on 1 January or 31 December', () => {
    expect(monthsOnRegister(2023, '2023-01-01', null)).toBe(12);
    expect(monthsOnRegister(2023, '2023-12-31', null)).toBe(1);
  });

  it('the month of leaving counts: ended 2023-03-15 → 3 months of 2023', () => {
    expect(monthsOnRegister(2023, null, '2023-03-15')).toBe(3);
    expect(monthsOnRegister(2023, null, '2023-12-31')).toBe(12);
  });

  it('joined and left in the same month → 1', () => {
    expect(monthsOnRegister(2023, '2023-03-01', '2023-03-31')).toBe(1);
    expect(monthsOnRegister(2023, '2023-03-15', '2023-03-15')).toBe(1);
  });

  it('joined and left within the year', () => {
    expect(monthsOnRegister(2023, '2023-03-15', '2023-08-02')).toBe(6);
  });

  it('outside the year → 0', () => {
    expect(monthsOnRegister(2023, '2024-01-01', null)).toBe(0);
    expect(monthsOnRegister(2023, null, '2022-12-31')).toBe(0);
    expect(monthsOnRegister(2023, '2021-05-01', '2022-06-01')).toBe(0);
  });

  it('spanning the whole year → 12', () => {
    expect(monthsOnRegister(2023, '2022-12-31', null)).toBe(12);
    expect(monthsOnRegister(2023, null, '2024-01-01')).toBe(12);
    expect(monthsOnRegister(2023, '2020-01-01', '2030-01-01')).toBe(12);
  });

  it('joined in an earlier year, left during this one; joined this year, left a later one', () => {
    expect(monthsOnRegister(2023, '2021-07-01', '2023-04-10')).toBe(4);
    expect(monthsOnRegister(2023, '2023-10-01', '2025-02-01')).toBe(3);
  });
});

describe('chargeFor', () => {
  const household = (rateFen: number): FeeStandard => ({ rateFen, per: 'household' });
  const m2Year = (rateFen: number): FeeStandard => ({ rateFen, per: 'm2-year' });
  const m2Month = (rateFen: number): FeeStandard => ({ rateFen, per: 'm2-month' });

  it('per household ignores the area', () => {
    expect(chargeFor(household(50000), 8650, 12, false)).toBe(50000);
    expect(chargeFor(household(50000), 1, 12, false)).toBe(50000);
    expect(chargeFor(household(50000), 99999999, 12, true)).toBe(50000);
  });

  it('m2-year is area × rate, rounded half up to the fen: 0.85 yuan/m² × 86.53 m² = 73.55', () => {
    // 85 × 86.53 = 7355.05 fen → 7355
    expect(chargeFor(m2Year(85), 8653, 12, false)).toBe(7355);
  });

  it('m2-year at exactly half a fen rounds up: 0.85 × 86.50 = 7352.5 fen → 7353', () => {
    expect(chargeFor(m2Year(85), 8650, 12, false)).toBe(7353);
  });

  it('m2-year just under / just over half a fen', () => {
    // 1 fen × 0.49 m² = 0.49 fen → 0; × 0.50 → 1; × 0.51 → 1; × 1.49 → 1; × 1.50 → 2
    expect(chargeFor(m2Year(1), 49, 12, false)).toBe(0);
    expect(chargeFor(m2Year(1), 50, 12, false)).toBe(1);
    expect(chargeFor(m2Year(1), 51, 12, false)).toBe(1);
    expect(chargeFor(m2Year(1), 149, 12, false)).toBe(1);
    expect(chargeFor(m2Year(1), 150, 12, false)).toBe(2);
  });

  it('m2-month is the per-month rate × 12', () => {
    // 1.20 yuan/m²/month × 86.53 m² × 12 = 124603.2 fen → 124603
    expect(chargeFor(m2Month(120), 8653, 12, false)).toBe(124603);
    expect(chargeFor(m2Month(85), 8653, 12, false)).toBe(88261); // 85 × 86.53 × 12 = 88260.6
    expect(chargeFor(m2Month(100), 10000, 12, false)).toBe(12 * chargeFor(m2Year(100), 10000, 12, false));
  });

  it('m2-month rounds once, not per month: 1 fen × 0.05 m² × 12 = 0.6 fen → 1', () => {
    expect(chargeFor(m2Month(1), 5, 12, false)).toBe(1);
  });

  it('prorate off: the full year whatever the months', () => {
    expect(chargeFor(household(50000), 8650, 3, false)).toBe(50000);
    expect(chargeFor(household(50000), 8650, 0, false)).toBe(50000);
    expect(chargeFor(m2Year(85), 8653, 1, false)).toBe(7355);
  });

  it('prorate on: only when months < 12', () => {
    expect(chargeFor(household(50000), 8650, 12, true)).toBe(50000);
    expect(chargeFor(household(50000), 8650, 10, true)).toBe(41667); // 41666.67
    expect(chargeFor(household(50000), 8650, 3, true)).toBe(12500);
    expect(chargeFor(household(50000), 8650, 1, true)).toBe(4167); // 4166.67
    expect(chargeFor(household(50000), 8650, 0, true)).toBe(0);
  });

  it('prorate on with an area basis rounds once at the end', () => {
    // 85 × 86.53 × 10 / 12 = 6129.208… → 6129
    expect(chargeFor(m2Year(85), 8653, 10, true)).toBe(6129);
    // 120 × 86.53 × 12 × 7 / 12 = 72685.2 → 72685
    expect(chargeFor(m2Month(120), 8653, 7, true)).toBe(72685);
  });

  it('prorate at exactly half a fen rounds up', () => {
    expect(chargeFor(household(6), 0, 1, true)).toBe(1); // 0.5
    expect(chargeFor(household(18), 0, 1, true)).toBe(2); // 1.5
    expect(chargeFor(household(30), 0, 1, true)).toBe(3); // 2.5
    expect(chargeFor(household(5), 0, 1, true)).toBe(0); // 0.4166…
    expect(chargeFor(household(7), 0, 1, true)).toBe(1); // 0.5833…
  });

  it('stays exact for large areas and rates (BigInt)', () => {
    // 7,777.77 yuan/m²/month × 9,999,999.99 m², 11 months: the numerator (× 12 × 11 × 2) is far
    // beyond 2^53; the result, 777777 × 9999999.99 × 11 = 85555469914444.53 fen, rounds to …445.
    const got = chargeFor(m2Month(777_777), 999_999_999, 11, true);
    expect(got).toBe(85555469914445);
    expect(Number.isSafeInteger(got)).toBe(true);
  });

  it('property: per household, prorated, is rate × m / 12 rounded half up, never above the full rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 100_000_000 }), (rate, m, area) => {
        const exact = BigInt(rate) * BigInt(m);
        const q = exact / 12n;
        const r = exact % 12n;
        const expected = Number(2n * r >= 12n ? q + 1n : q);
        const got = chargeFor({ rateFen: rate, per: 'household' }, area, m, true);
        expect(got).toBe(expected);
        expect(got).toBeLessThanOrEqual(rate);
        expect(Number.isSafeInteger(got)).toBe(true);
      }),
    );
  });
});

describe('livesInYear', () => {
  it('no dates: every year', () => {
    expect(livesInYear({ since: null, ended: null }, 1990)).toBe(true);
  });

  it('registered mid-year lives in that year, not the one before', () => {
    const h = { since: '2023-07-15', ended: null };
    expect(livesInYear(h, 2023)).toBe(true);
    expect(livesInYear(h, 2022)).toBe(false);
    expect(livesInYear(h, 2024)).toBe(true);
  });

  it('moved in on 31 December lives in that year; on 1 January, not the year before', () => {
    expect(livesInYear({ since: '2023-12-31', ended: null }, 2023)).toBe(true);
    expect(livesInYear({ since: '2024-01-01', ended: null }, 2023)).toBe(false);
  });

  it('ended on 1 January means not in that year', () => {
    const h = { since: null, ended: '2023-01-01' };
    expect(livesInYear(h, 2023)).toBe(false);
    expect(livesInYear(h, 2022)).toBe(true);
  });

  it('ended on 2 January still lives in that year, not the next', () => {
    const h = { since: null, ended: '2023-01-02' };
    expect(livesInYear(h, 2023)).toBe(true);
    expect(livesInYear(h, 2024)).toBe(false);
  });
});

describe('onRegister', () => {
  const h = { since: '2023-03-01', ended: '2023-09-01' };

  it('from the move-in day (inclusive)', () => {
    expect(onRegister(h, '2023-02-28')).toBe(false);
    expect(onRegister(h, '2023-03-01')).toBe(true);
  });

  it('until the end day (exclusive)', () => {
    expect(onRegister(h, '2023-08-31')).toBe(true);
    expect(onRegister(h, '2023-09-01')).toBe(false);
  });

  it('without dates, always', () => {
    expect(onRegister({ since: null, ended: null }, '1900-01-01')).toBe(true);
  });
});

describe('ownerOn', () => {
  const meta = (seq: number, date: string) => ({ seq, date, recordedAt: `${date}T09:00:00`, recordedBy: '张主任', approvedBy: null });
  const p = new Projection();
  const entries: RegisterEntry[] = [
    { ...meta(1, '2023-01-05'), kind: 'household', code: '1-101', owner: '张伟', ownerId: null, areaCenti: 8650, phone: null, since: '2023-02-01' },
    { ...meta(2, '2023-06-01'), kind: 'transfer', code: '1-101', owner: '陈刚', ownerId: null, phone: null, note: null },
    { ...meta(3, '2024-03-10'), kind: 'transfer', code: '1-101', owner: '刘芳', ownerId: 'L1', phone: null, note: null },
  ];
  for (const e of entries) p.apply(e);
  const h = p.households.get('1-101')!;

  it('before the first transfer, the registered owner', () => {
    expect(ownerOn(h, '2023-02-01').name).toBe('张伟');
    expect(ownerOn(h, '2023-05-31').name).toBe('张伟');
  });

  it('before the registered owner’s start, still the registered owner', () => {
    expect(ownerOn(h, '2022-01-01').name).toBe('张伟');
  });

  it('the transfer day belongs to the new owner', () => {
    expect(ownerOn(h, '2023-06-01').name).toBe('陈刚');
    expect(ownerOn(h, '2024-03-09').name).toBe('陈刚');
    expect(ownerOn(h, '2024-03-10')).toMatchObject({ name: '刘芳', ownerId: 'L1', from: '2024-03-10', to: null });
  });

  it('each ownership ends the day the next owner took over', () => {
    expect(h.owners.map((o) => [o.name, o.from, o.to])).toEqual([
      ['张伟', '2023-02-01', '2023-06-01'],
      ['陈刚', '2023-06-01', '2024-03-10'],
      ['刘芳', '2024-03-10', null],
    ]);
  });
});
