/**
 * Next year's fee (年终根据各项指标决定下年度物业费用), as pure integer arithmetic.
 *
 * The fee has to pay for what the compound spends every year, from the households that will
 * actually pay:
 *
 *   need       = recurring + reserve_topup − other_income
 *   payers     = households × collection_rate
 *   fee        = ceil(need / payers), rounded UP to whole yuan
 *
 * - recurring: last year's expenses that recur (not tied to a 一事一议 vote), net of voids.
 *   One-off vote spending is decided and funded vote by vote, so it is not in the base.
 *   When the ledger began during last year, the months it ran are scaled to twelve
 *   (`annualise`): a committee formed in June has only seven months of costs.
 * - reserve_topup = max(0, reserve_target − balance_carried): what the fund must gain to
 *   reach the reserve (储备金) the committee wants to hold. A balance above the target is
 *   kept, not spent down through a lower fee (the committee can always decide that itself).
 * - other_income: last year's 公共收益 (parking, advertising, ...), assumed to recur.
 * - collection_rate: last year's 收缴率, in per-mille (932 = 93.2%), so that the fee paid by
 *   those who pay covers the need. With no record of last year, 1000 (everyone pays).
 *
 * Everything is fen or per-mille; with the rate in per-mille,
 * fee_fen = ceil(need × 1000 / (households × rate_permille)), then up to a multiple of 100.
 */
import type { Fen } from './money.js';

export interface FeeInputs {
  recurringFen: Fen;
  reserveTargetFen: Fen;
  balanceCarriedFen: Fen;
  otherIncomeFen: Fen;
  households: number;
  collectionPermille: number;
}

export interface FeeProposal {
  reserveTopupFen: Fen;
  /** What the fee must raise: recurring + top-up − other income (never below 0). */
  needFen: Fen;
  /** Households expected to pay, in thousandths of a household (households × rate‰). */
  payersMilli: number;
  /** The exact per-household amount, rounded up to the fen. */
  exactFeeFen: Fen;
  /** The proposal: rounded up to whole yuan. */
  feeFen: Fen;
  /** What the proposed fee would bring in at last year's rate, in fen (floor). */
  expectedFen: Fen;
}

/** ceil(a / b) for a ≥ 0, b > 0 integers. */
export function ceilDiv(a: number, b: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 0 || b <= 0) throw new RangeError(`ceilDiv(${a}, ${b})`);
  return Math.floor((a + b - 1) / b);
}

/**
 * A part-year's spending scaled to twelve months, rounded up: for the first year of a
 * committee that started mid-year (its costs ran for `months` months only).
 */
export function annualise(amountFen: Fen, months: number): Fen {
  if (!Number.isInteger(months) || months < 1 || months > 12) throw new RangeError(`months must be 1..12, got ${months}`);
  return months === 12 ? amountFen : ceilDiv(amountFen * 12, months);
}

export function proposeFee(i: FeeInputs): FeeProposal {
  for (const [k, v] of Object.entries(i)) {
    if (!Number.isSafeInteger(v)) throw new RangeError(`${k} must be an integer, got ${v}`);
  }
  if (i.households <= 0) throw new RangeError('no households to pay the fee');
  if (i.collectionPermille <= 0 || i.collectionPermille > 1000) throw new RangeError(`collection rate ${i.collectionPermille}‰ out of range`);
  const reserveTopupFen = Math.max(0, i.reserveTargetFen - i.balanceCarriedFen);
  const needFen = Math.max(0, i.recurringFen + reserveTopupFen - i.otherIncomeFen);
  const payersMilli = i.households * i.collectionPermille;
  const exactFeeFen = ceilDiv(needFen * 1000, payersMilli);
  const feeFen = ceilDiv(exactFeeFen, 100) * 100;
  const expectedFen = Math.floor((feeFen * payersMilli) / 1000);
  return { reserveTopupFen, needFen, payersMilli, exactFeeFen, feeFen, expectedFen };
}
