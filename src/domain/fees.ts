/**
 * What one household is charged for a fee year: the year's standard (per household, or by
 * area per year or per month), and with 按月折算 only the months it is on the register.
 * One function, used by `bill` and by `verify`'s replay.
 */
import type { AreaCenti } from './area.js';
import { monthOf, yearOf, type IsoDate } from './dates.js';
import type { FeeBasis } from './entry-kinds.js';
import type { Fen } from './money.js';

export interface FeeStandard {
  rateFen: Fen;
  per: FeeBasis;
}

/** Months of `year` a household is on the register: the months of joining and of leaving both count. */
export function monthsOnRegister(year: number, since: IsoDate | null, ended: IsoDate | null): number {
  const first = since !== null && yearOf(since) === year ? monthOf(since) : since !== null && yearOf(since) > year ? 13 : 1;
  const last = ended !== null && yearOf(ended) === year ? monthOf(ended) : ended !== null && yearOf(ended) < year ? 0 : 12;
  return Math.max(0, last - first + 1);
}

/**
 * The charge: rate × (area for m2 bases) × (12 for m2-month) × (months ÷ 12 when prorated),
 * rounded once to the fen, half up. Exact in integers (BigInt), whatever the area and rate.
 */
export function chargeFor(standard: FeeStandard, areaCenti: AreaCenti, months: number, prorate: boolean): Fen {
  let num = BigInt(standard.rateFen);
  let den = 1n;
  if (standard.per !== 'household') {
    num *= BigInt(areaCenti);
    den *= 100n;
  }
  if (standard.per === 'm2-month') num *= 12n;
  if (prorate && months < 12) {
    num *= BigInt(months);
    den *= 12n;
  }
  return Number((2n * num + den) / (2n * den));
}

export const FEE_BASIS_NAMES: Record<FeeBasis, { zh: string; en: string }> = {
  household: { zh: '元/户/年', en: 'per household per year' },
  'm2-year': { zh: '元/㎡/年', en: 'per m² per year' },
  'm2-month': { zh: '元/㎡/月', en: 'per m² per month' },
};
