/**
 * Next year's fee (年终根据各项指标决定下年度物业费用), as pure integer arithmetic.
 *
 * The fee has to pay for what the compound spends every year, from the households that will
 * actually pay, and leave the fund holding its reserve (储备金) at the end of the year:
 *
 *   reserve    = recurring × 3 ÷ 12 unless the committee names another (`reserveTarget`)
 *   need       = max(0, recurring + reserve_topup − other_income)
 *   payers     = households × collection_rate
 *   fee        = ceil(need / payers), rounded UP to whole yuan
 *   year end   = balance_carried + fee × payers + other_income − recurring ≥ reserve
 *
 * - recurring: last year's expenses that recur (not tied to a 一事一议 vote), net of voids.
 *   One-off vote spending is decided and funded vote by vote, so it is not in the base.
 *   When the ledger began during last year, the months it ran are scaled to twelve
 *   (`annualise`): a committee formed in June has only seven months of costs.
 * - reserve: by default three months of recurring expense (`RESERVE_MONTHS`), rounded up:
 *   what keeps wages and cleaning paid through a slow quarter of collection.
 * - reserve_topup = max(0, reserve − balance_carried): what the fund must gain to reach it.
 *   A balance above the reserve (the surplus) is kept, not spent down through a lower fee:
 *   the proposal always covers the year's own costs. How low the fee could go if the
 *   committee did decide to spend the surplus, with the reserve still kept, is
 *   `reserveFloorFee`: never lower than that.
 * - other_income: last year's 公共收益 (parking, advertising, ...), assumed to recur.
 * - collection_rate: last year's 收缴率, in per-mille (932 = 93.2%), so that the fee paid by
 *   those who pay covers the need. With no record of last year, 1000 (everyone pays).
 *
 * Everything is fen, per-mille or hundredths of a square metre; the products are taken in
 * BigInt, and every division that could leave the fund short rounds up:
 * fee_fen = ceil(need × 1000 / (households × rate_permille)), then up to a multiple of 100.
 * The same need by area (`areaRate`), in fen per ㎡ per month: bill = ceil(need × 1000 /
 * rate_permille), then ceil(bill × 100 / (area_centi × 12)).
 */
import type { AreaCenti } from './area.js';
import type { Fen } from './money.js';

/** The default reserve: this many months of recurring expense. */
export const RESERVE_MONTHS = 3;

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

const big = (n: number): bigint => BigInt(n);

/** ceil(a / b) for a ≥ 0, b > 0, in BigInt. */
function ceilBig(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** A result that has to be back in safe-integer range (it is money the ledger will print). */
function safe(n: bigint, what: string): number {
  const v = Number(n);
  if (!Number.isSafeInteger(v)) throw new RangeError(`${what} out of range: ${n}`);
  return v;
}

/** ceil(a / b) for a ≥ 0, b > 0 integers. */
export function ceilDiv(a: number, b: number): number {
  if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || a < 0 || b <= 0) throw new RangeError(`ceilDiv(${a}, ${b})`);
  return safe(ceilBig(big(a), big(b)), 'ceilDiv');
}

/**
 * A part-year's spending scaled to twelve months, rounded up: for the first year of a
 * committee that started mid-year (its costs ran for `months` months only).
 */
export function annualise(amountFen: Fen, months: number): Fen {
  if (!Number.isInteger(months) || months < 1 || months > 12) throw new RangeError(`months must be 1..12, got ${months}`);
  return months === 12 ? amountFen : ceilDiv(amountFen * 12, months);
}

/** The default reserve: `months` months of a year's recurring expense, rounded up to the fen. */
export function reserveTarget(annualRecurringFen: Fen, months: number = RESERVE_MONTHS): Fen {
  if (!Number.isInteger(months) || months < 0 || months > 12) throw new RangeError(`reserve months must be 0..12, got ${months}`);
  if (!Number.isSafeInteger(annualRecurringFen) || annualRecurringFen < 0) throw new RangeError(`recurring must be a fen amount, got ${annualRecurringFen}`);
  return safe(ceilBig(big(annualRecurringFen) * big(months), 12n), 'reserve');
}

function checkInputs(i: FeeInputs): void {
  for (const [k, v] of Object.entries(i)) {
    if (!Number.isSafeInteger(v)) throw new RangeError(`${k} must be an integer, got ${v}`);
  }
  if (i.households <= 0) throw new RangeError('no households to pay the fee');
  if (i.collectionPermille <= 0 || i.collectionPermille > 1000) throw new RangeError(`collection rate ${i.collectionPermille}‰ out of range`);
  if (i.reserveTargetFen < 0) throw new RangeError(`reserve must not be negative, got ${i.reserveTargetFen}`);
}

/** Fee for a need: per household to the fen (up), then whole yuan (up), and what it brings in (down). */
function feeFor(needFen: Fen, payersMilli: number): { exactFeeFen: Fen; feeFen: Fen; expectedFen: Fen } {
  const exactFeeFen = safe(ceilBig(big(needFen) * 1000n, big(payersMilli)), 'fee');
  const feeFen = safe(ceilBig(big(exactFeeFen), 100n) * 100n, 'fee');
  const expectedFen = safe((big(feeFen) * big(payersMilli)) / 1000n, 'expected income');
  return { exactFeeFen, feeFen, expectedFen };
}

export function proposeFee(i: FeeInputs): FeeProposal {
  checkInputs(i);
  const reserveTopupFen = Math.max(0, i.reserveTargetFen - i.balanceCarriedFen);
  const needFen = Math.max(0, i.recurringFen + reserveTopupFen - i.otherIncomeFen);
  const payersMilli = i.households * i.collectionPermille;
  const p: FeeProposal = { reserveTopupFen, needFen, payersMilli, ...feeFor(needFen, payersMilli) };
  // The promise of the module, checked on every proposal: the fund ends the year at the reserve or above.
  if (!yearEnd(i, p.expectedFen).keepsReserve) {
    throw new Error(`internal: the proposal of ${p.feeFen} fen would leave the fund below its reserve`);
  }
  return p;
}

/** The fund at the end of the year if the year goes as the last one did. */
export interface YearEnd {
  openingFen: Fen;
  /** Fees expected at last year's collection rate. */
  feesFen: Fen;
  otherIncomeFen: Fen;
  recurringFen: Fen;
  /** opening + fees + other income − recurring. */
  closingFen: Fen;
  reserveFen: Fen;
  /** closing − reserve: what is left above the reserve (negative: the reserve is not kept). */
  marginFen: Fen;
  keepsReserve: boolean;
}

/** The year-end balance a fee bringing in `feesFen` leads to, against the reserve. */
export function yearEnd(i: Pick<FeeInputs, 'balanceCarriedFen' | 'otherIncomeFen' | 'recurringFen' | 'reserveTargetFen'>, feesFen: Fen): YearEnd {
  const closingFen = i.balanceCarriedFen + feesFen + i.otherIncomeFen - i.recurringFen;
  const marginFen = closingFen - i.reserveTargetFen;
  return {
    openingFen: i.balanceCarriedFen,
    feesFen,
    otherIncomeFen: i.otherIncomeFen,
    recurringFen: i.recurringFen,
    closingFen,
    reserveFen: i.reserveTargetFen,
    marginFen,
    keepsReserve: marginFen >= 0,
  };
}

export interface ReserveFloor {
  /** The balance above the reserve (0 when the fund holds no more than it). */
  surplusFen: Fen;
  /** What the fee must raise if the surplus is spent: recurring − surplus − other income, or a top-up. */
  needFen: Fen;
  exactFeeFen: Fen;
  /** The lowest whole-yuan fee that still ends the year at the reserve. */
  feeFen: Fen;
  expectedFen: Fen;
}

/**
 * The lowest fee that keeps the reserve: what the fee could fall to if the committee decided
 * to spend the surplus above the reserve. It is the proposal itself when the fund holds no
 * surplus, and never above it; one yuan less would leave the fund below the reserve (unless
 * it is already 0).
 */
export function reserveFloorFee(i: FeeInputs): ReserveFloor {
  checkInputs(i);
  const surplusFen = Math.max(0, i.balanceCarriedFen - i.reserveTargetFen);
  const needFen = Math.max(0, i.recurringFen + i.reserveTargetFen - i.balanceCarriedFen - i.otherIncomeFen);
  return { surplusFen, needFen, ...feeFor(needFen, i.households * i.collectionPermille) };
}

export interface AreaRate {
  areaCenti: AreaCenti;
  /** What must be billed so that, at the collection rate, `need` comes in: ceil(need ÷ rate). */
  billFen: Fen;
  /** Fen per ㎡ per month, rounded up: ceil(bill ÷ area ÷ 12). */
  rateFen: Fen;
  /** What the rate brings in a year at the collection rate (floor). */
  expectedFen: Fen;
}

/**
 * The same need by area (元/㎡/月): divided by the collection rate, the total area (hundredths
 * of a ㎡) and twelve months, rounded up to the fen so that it never falls short. Null when
 * there is no area to divide by.
 */
export function areaRate(needFen: Fen, collectionPermille: number, areaCenti: AreaCenti): AreaRate | null {
  for (const [k, v] of Object.entries({ needFen, collectionPermille, areaCenti })) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${k} must be a non-negative integer, got ${v}`);
  }
  if (collectionPermille <= 0 || collectionPermille > 1000) throw new RangeError(`collection rate ${collectionPermille}‰ out of range`);
  if (areaCenti === 0) return null;
  const rate = big(collectionPermille);
  const area = big(areaCenti);
  const billFen = safe(ceilBig(big(needFen) * 1000n, rate), 'bill');
  // From the bill as shown (to the fen), so that the working can be checked by hand.
  const rateFen = safe(ceilBig(big(billFen) * 100n, area * 12n), 'area rate');
  const expectedFen = safe((big(rateFen) * area * 12n * rate) / (100n * 1000n), 'expected income');
  return { areaCenti, billFen, rateFen, expectedFen };
}
