import type { Fen } from './money.js';

/** What a household was charged for one fee year. */
export interface YearCharge {
  year: number;
  amountFen: Fen;
}

export interface YearAmount {
  year: number;
  amountFen: Fen;
}

/** `list` oldest year first: itself when it already is (as the totals' lists come), else a sorted copy. */
function inYearOrder<T extends { year: number }>(list: readonly T[]): readonly T[] {
  for (let i = 1; i < list.length; i++) if (list[i - 1]!.year > list[i]!.year) return [...list].sort((a, b) => a.year - b.year);
  return list;
}

/**
 * What is still owed, year by year, once `paidFen` (every payment net of voids) has paid the
 * oldest charges first. Whatever exceeds the charges is credit (预收, prepayment) that later
 * bills consume. Charges must be at most one per year; order does not matter.
 */
export function outstanding(charges: readonly YearCharge[], paidFen: Fen): { owed: YearAmount[]; creditFen: Fen } {
  let left = paidFen;
  const owed: YearAmount[] = [];
  const list = inYearOrder(charges);
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const paid = Math.max(0, Math.min(left, c.amountFen));
    left -= paid;
    if (c.amountFen > paid) owed.push({ year: c.year, amountFen: c.amountFen - paid });
  }
  return { owed, creditFen: Math.max(0, left) };
}

/**
 * Splits a payment over what is owed, oldest year first; the rest is kept as prepayment.
 * Allocations always sum to the payment minus the credit, and never exceed what a year owes.
 */
export function allocatePayment(owed: readonly YearAmount[], paymentFen: Fen): { allocations: YearAmount[]; creditFen: Fen } {
  let left = paymentFen;
  const allocations: YearAmount[] = [];
  for (const o of inYearOrder(owed)) {
    if (left === 0) break;
    const take = Math.min(left, o.amountFen);
    if (take > 0) allocations.push({ year: o.year, amountFen: take });
    left -= take;
  }
  return { allocations, creditFen: left };
}

/**
 * `allocatePayment(outstanding(charges, paidFen).owed, paymentFen)` in one pass, without the
 * lists in between, for bulk imports (a payment per row): `charges` must be in year order (at
 * most one per year). Also gives the credit the household held before the payment, as
 * `outstanding` would.
 */
export function payAgainst(
  charges: readonly YearCharge[],
  paidFen: Fen,
  paymentFen: Fen,
): { allocations: YearAmount[]; creditFen: Fen; creditBeforeFen: Fen } {
  let left = paidFen;
  let pay = paymentFen;
  const allocations: YearAmount[] = [];
  for (let i = 0; i < charges.length; i++) {
    const c = charges[i]!;
    const paid = Math.max(0, Math.min(left, c.amountFen));
    left -= paid;
    const owed = c.amountFen - paid;
    if (owed > 0 && pay !== 0) {
      const take = Math.min(pay, owed);
      if (take > 0) allocations.push({ year: c.year, amountFen: take });
      pay -= take;
    }
  }
  return { allocations, creditFen: pay, creditBeforeFen: Math.max(0, left) };
}

export const sumFen = (items: readonly { amountFen: Fen }[]): Fen => items.reduce((s, i) => s + i.amountFen, 0);

/** Fee money of a period split by the year it pays (本年度, 往年欠费, 预收). */
export interface FeeMoneySplit {
  currentFen: Fen;
  arrearsFen: Fen;
  prepaidFen: Fen;
}

/**
 * How the first `paidFen` a household ever paid stands against its charges (oldest year
 * first): what covers `feeYear`, what covers earlier years, and the rest, money for a year not
 * billed yet (预收).
 */
function coverage(charges: readonly YearCharge[], paidFen: Fen, feeYear: number): FeeMoneySplit {
  let left = paidFen;
  const out = { currentFen: 0, arrearsFen: 0, prepaidFen: 0 };
  for (const c of inYearOrder(charges)) {
    const take = Math.max(0, Math.min(left, c.amountFen));
    left -= take;
    if (c.year === feeYear) out.currentFen += take;
    else if (c.year < feeYear) out.arrearsFen += take;
    else out.prepaidFen += take;
  }
  out.prepaidFen += left;
  return out;
}

/**
 * The fee money a household paid in a period (`periodFen`, net of voids and refunds, after
 * `beforeFen` paid before it), split by the year it pays as the charges stand at the period's
 * end: the oldest charges are paid first, so the period's money covers what lies between what
 * was paid before and what was paid by the end. A bill run later that takes a prepayment for
 * its year moves that money from 预收 to the year it pays, in the periods that end after the
 * charge. The three parts always sum to `periodFen`.
 */
export function splitFeeMoney(charges: readonly YearCharge[], beforeFen: Fen, periodFen: Fen, feeYear: number): FeeMoneySplit {
  const end = coverage(charges, beforeFen + periodFen, feeYear);
  const start = coverage(charges, beforeFen, feeYear);
  return {
    currentFen: end.currentFen - start.currentFen,
    arrearsFen: end.arrearsFen - start.arrearsFen,
    prepaidFen: end.prepaidFen - start.prepaidFen,
  };
}
