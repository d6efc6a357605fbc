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

/**
 * What is still owed, year by year, once `paidFen` (every payment net of voids) has paid the
 * oldest charges first. Whatever exceeds the charges is credit (预收, prepayment) that later
 * bills consume. Charges must be at most one per year; order does not matter.
 */
export function outstanding(charges: readonly YearCharge[], paidFen: Fen): { owed: YearAmount[]; creditFen: Fen } {
  let left = paidFen;
  const owed: YearAmount[] = [];
  for (const c of [...charges].sort((a, b) => a.year - b.year)) {
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
  for (const o of [...owed].sort((a, b) => a.year - b.year)) {
    if (left === 0) break;
    const take = Math.min(left, o.amountFen);
    if (take > 0) allocations.push({ year: o.year, amountFen: take });
    left -= take;
  }
  return { allocations, creditFen: left };
}

export const sumFen = (items: readonly { amountFen: Fen }[]): Fen => items.reduce((s, i) => s + i.amountFen, 0);
