/**
 * The fee proposal for next year (年终根据各项指标决定下年度物业费用) as plain data: last
 * year's figures, and the arithmetic of `domain/budget.ts` applied to them, step by step.
 */
import { areaM2, formatArea, type AreaCenti } from '../domain/area.js';
import { annualise, areaRate, proposeFee, RESERVE_MONTHS, reserveFloorFee, reserveTarget, yearEnd } from '../domain/budget.js';
import { formatPerMille } from '../domain/percent.js';
import { localDate, monthOf, nextDay, previousDay, type IsoDate } from '../domain/dates.js';
import type { FeeBasis } from '../domain/entry-kinds.js';
import type { Text } from '../domain/errors.js';
import { formatFen, formatFenGrouped, type Fen } from '../domain/money.js';
import { householdsLivingIn } from '../db/households-repo.js';
import { fundBalance } from '../db/balance-repo.js';
import { listCategories } from '../db/categories-repo.js';
import { feeSetOf, feeStandardOf } from '../db/fees-repo.js';
import type { LedgerDb } from '../db/open-database.js';
import { cashByCategory, firstMoneyDate, firstRecurringExpenseDate } from '../db/report-repo.js';
import { readSettings } from '../db/settings-repo.js';
import { findVote } from '../db/votes-repo.js';
import { feeYearStanding } from './disclosure.js';

export interface CategoryLine {
  category: string;
  category_en: string | null;
  amount_fen: Fen;
  count: number;
}

export interface BudgetReport {
  compound: string;
  year: number;
  basis_year: number;
  /** The basis year has not ended: its figures are those of today. */
  basis_incomplete: boolean;
  /** The balance, the collection rate and the households are as of this day. */
  as_of: IsoDate;
  /**
   * The income and expense figures run to this day: the end of the basis year or, while it
   * has not ended, the end of its last complete month (today when not one has ended yet).
   */
  figures_to: IsoDate;
  /**
   * Expenses not tied to a vote, net of voids: the base of the fee. `months` is how many
   * months of the basis year they cover, from `from_month` (the first such expense's month
   * when the ledger began that year, else January) to the month of `figures_to`, and
   * `annual_fen` the total scaled to twelve months.
   */
  recurring: { total_fen: Fen; from_month: number; months: number; annual_fen: Fen; by_category: CategoryLine[] };
  /** Spending against 一事一议 votes: shown, not in the base (each vote funds its own matter). */
  one_off: { total_fen: Fen; votes: { id: string; title: string; amount_fen: Fen }[] };
  other_income: { total_fen: Fen; by_category: CategoryLine[] };
  households: number;
  collection_rate_permille: number;
  collection_rate: string;
  /** No billing in the basis year to measure: 100% assumed. */
  collection_rate_assumed: boolean;
  balance_carried_fen: Fen;
  reserve_target_fen: Fen;
  reserve_topup_fen: Fen;
  need_fen: Fen;
  /** households × rate, in thousandths of a household. */
  payers_milli: number;
  exact_fee_fen: Fen;
  /** The proposal, per household per year, in whole yuan. */
  fee_fen: Fen;
  /** What the proposed fee brings in at the basis year's rate. */
  expected_fen: Fen;
  /** The fee of the basis year, and the one already set for `year` (if any). */
  basis_fee_fen: Fen;
  year_fee_set_fen: Fen | null;
  /** What those two rates are per: household (元/户/年), m2-year (元/㎡/年) or m2-month (元/㎡/月). */
  basis_fee_per: FeeBasis;
  year_fee_set_per: FeeBasis | null;
  /**
   * The reserve target and where it came from: `default` is `months` months of the recurring
   * expense (`recurring.annual_fen × months ÷ 12`, rounded up), `given` is `--reserve`.
   * `surplus_fen` is the balance carried above the target, kept rather than spent.
   */
  reserve: { source: 'default' | 'given'; months: number | null; target_fen: Fen; topup_fen: Fen; surplus_fen: Fen };
  /** The fund at the end of `year` with the proposed fee, if the year goes as the basis year did. */
  year_end: { opening_fen: Fen; fees_fen: Fen; other_income_fen: Fen; recurring_fen: Fen; closing_fen: Fen; reserve_fen: Fen; margin_fen: Fen; keeps_reserve: boolean };
  /**
   * The lowest fee that still ends the year at the reserve, if the committee chose to spend
   * the surplus: equal to the proposal when there is none. The fee never goes below it.
   */
  reserve_floor: { need_fen: Fen; exact_fee_fen: Fen; fee_fen: Fen; expected_fen: Fen; closing_fen: Fen };
  /**
   * The same need by area: billed = need ÷ collection rate (up to the fen), then ÷ the area of
   * the households living here in `year` ÷ 12, up to the fen, in fen per ㎡ per month. Null
   * when they have no area on record.
   */
  per_area: { area_centi: AreaCenti; area_m2: number; bill_fen: Fen; rate_fen: Fen; rate: string; expected_fen: Fen } | null;
  /**
   * The proposal against the basis year's fee in the same unit (per household, or per ㎡ per
   * month against the area rate): positive is a rise. Null for a basis of 元/㎡/年.
   */
  change_fen: Fen | null;
  /** Every step of the working, numbered as the text shows it, in both languages. */
  working: { step: number; zh: string; en: string }[];
}

/**
 * `reserveTargetFen` is the committee's own reserve (`--reserve`; 0 holds none), or null for
 * the default of `RESERVE_MONTHS` months of recurring expense.
 */
export async function budgetReport(ledger: LedgerDb, year: number, reserveTargetFen: Fen | null, now: Date): Promise<BudgetReport> {
  const basis = year - 1;
  const today = localDate(now);
  const from = `${basis}-01-01`;
  const end = `${basis}-12-31`;
  const asOf = end < today ? end : today;
  // A year not ended counts its costs through its last complete month: a month whose wages
  // are not paid yet must not pass for a cheap one. With no complete month to go on, to today.
  const lastComplete = asOf === end || nextDay(asOf).endsWith('-01') ? asOf : previousDay(`${asOf.slice(0, 7)}-01`);
  const completeCost = lastComplete >= from ? await firstRecurringExpenseDate(ledger, from, lastComplete) : null;
  const figuresTo = completeCost !== null ? lastComplete : asOf;
  const names = new Map((await listCategories(ledger)).map((c) => [`${c.line}:${c.name}`, c.name_en]));
  const rows = await cashByCategory(ledger, from, figuresTo);

  const merge = (line: 'income' | 'expense', list: typeof rows): CategoryLine[] => {
    const m = new Map<string, CategoryLine>();
    for (const r of list) {
      const c = m.get(r.category) ?? m.set(r.category, { category: r.category, category_en: names.get(`${line}:${r.category}`) ?? null, amount_fen: 0, count: 0 }).get(r.category)!;
      c.amount_fen += r.amount_fen;
      c.count += r.count;
    }
    return [...m.values()];
  };
  const recurring = merge('expense', rows.filter((r) => r.line === 'expense' && r.vote === null));
  const other = merge('income', rows.filter((r) => r.line === 'income'));
  const byVote = new Map<string, Fen>();
  for (const r of rows.filter((x) => x.line === 'expense' && x.vote !== null)) byVote.set(r.vote!, (byVote.get(r.vote!) ?? 0) + r.amount_fen);
  const votes: BudgetReport['one_off']['votes'] = [];
  for (const [id, amount] of byVote) votes.push({ id, title: (await findVote(ledger, id))?.item ?? '', amount_fen: amount });

  const standing = await feeYearStanding(ledger, basis, asOf);
  const assumed = standing.collection_rate_permille === null || standing.collection_rate_permille === 0;
  const rate = assumed ? 1000 : standing.collection_rate_permille!;
  const living = await householdsLivingIn(ledger, year);
  const households = living.length;
  const areaCenti = living.reduce((s, h) => s + h.area_centi, 0);
  const carried = await fundBalance(ledger, asOf);
  const sum = (l: CategoryLine[]) => l.reduce((s, c) => s + c.amount_fen, 0);
  // A ledger that began during the basis year has only part of a year's running costs, from
  // the month of its first; a year not ended, only up to `figuresTo`.
  const first = await firstMoneyDate(ledger);
  const firstCost = await firstRecurringExpenseDate(ledger, from, figuresTo);
  const fromMonth = first !== null && first >= from && firstCost !== null ? monthOf(firstCost) : 1;
  const months = Math.max(1, monthOf(figuresTo) - fromMonth + 1);
  const annual = annualise(sum(recurring), months);
  const target = reserveTargetFen ?? reserveTarget(annual);
  const inputs = {
    recurringFen: annual,
    reserveTargetFen: target,
    balanceCarriedFen: carried,
    otherIncomeFen: sum(other),
    households,
    collectionPermille: rate,
  };
  const p = proposeFee(inputs);
  const close = yearEnd(inputs, p.expectedFen);
  const floor = reserveFloorFee(inputs);
  const area = areaRate(p.needFen, rate, areaCenti);
  const basisFee = await feeStandardOf(ledger, basis);
  const yearFee = await feeStandardOf(ledger, year);
  const change = basisFee.per === 'household' ? p.feeFen - basisFee.rateFen : basisFee.per === 'm2-month' && area ? area.rateFen - basisFee.rateFen : null;
  const settings = await readSettings(ledger);
  const report: Omit<BudgetReport, 'working'> = {
    compound: settings.name,
    year,
    basis_year: basis,
    basis_incomplete: asOf < end,
    as_of: asOf,
    figures_to: figuresTo,
    recurring: { total_fen: sum(recurring), from_month: fromMonth, months, annual_fen: annual, by_category: recurring },
    one_off: { total_fen: votes.reduce((s, v) => s + v.amount_fen, 0), votes },
    other_income: { total_fen: sum(other), by_category: other },
    households,
    collection_rate_permille: rate,
    collection_rate: formatPerMille(rate),
    collection_rate_assumed: assumed,
    balance_carried_fen: carried,
    reserve_target_fen: target,
    reserve_topup_fen: p.reserveTopupFen,
    need_fen: p.needFen,
    payers_milli: p.payersMilli,
    exact_fee_fen: p.exactFeeFen,
    fee_fen: p.feeFen,
    expected_fen: p.expectedFen,
    basis_fee_fen: basisFee.rateFen,
    year_fee_set_fen: await feeSetOf(ledger, year),
    basis_fee_per: basisFee.per,
    year_fee_set_per: yearFee.set ? yearFee.per : null,
    reserve: {
      source: reserveTargetFen === null ? 'default' : 'given',
      months: reserveTargetFen === null ? RESERVE_MONTHS : null,
      target_fen: target,
      topup_fen: p.reserveTopupFen,
      surplus_fen: floor.surplusFen,
    },
    year_end: {
      opening_fen: close.openingFen,
      fees_fen: close.feesFen,
      other_income_fen: close.otherIncomeFen,
      recurring_fen: close.recurringFen,
      closing_fen: close.closingFen,
      reserve_fen: close.reserveFen,
      margin_fen: close.marginFen,
      keeps_reserve: close.keepsReserve,
    },
    reserve_floor: {
      need_fen: floor.needFen,
      exact_fee_fen: floor.exactFeeFen,
      fee_fen: floor.feeFen,
      expected_fen: floor.expectedFen,
      closing_fen: yearEnd(inputs, floor.expectedFen).closingFen,
    },
    per_area: area && {
      area_centi: area.areaCenti,
      area_m2: areaM2(area.areaCenti),
      bill_fen: area.billFen,
      rate_fen: area.rateFen,
      rate: formatFen(area.rateFen),
      expected_fen: area.expectedFen,
    },
    change_fen: change,
  };
  return { ...report, working: budgetWorking(report) };
}

const y = formatFenGrouped;

/** `2001` thousandths of a household -> `2.001`. */
export const formatPayers = (milli: number): string => `${Math.floor(milli / 1000)}.${String(milli % 1000).padStart(3, '0')}`;

/**
 * The working, step by step, so the committee can check every figure by hand: the lines the
 * text output prints, and `working` in the JSON.
 */
export function budgetWorking(b: Omit<BudgetReport, 'working'>): BudgetReport['working'] {
  const W: BudgetReport['working'] = [];
  const line = (step: number, t: Text) => W.push({ step, zh: t.zh, en: t.en });
  const cats = (list: CategoryLine[]): Text => ({
    zh: `   ${list.map((c) => `${c.category} ${y(c.amount_fen)}（${c.count}笔）`).join('；')}`,
    en: `   ${list.map((c) => `${c.category_en ?? c.category} ${y(c.amount_fen)} (${c.count})`).join('; ')}`,
  });
  const base = b.recurring.annual_fen;
  const payers = formatPayers(b.payers_milli);
  const r = b.reserve;
  // What the fund holds: at the end of the basis year, or today while it runs.
  const held = b.basis_incomplete ? { zh: `${b.as_of} 结余`, en: `balance on ${b.as_of}` } : { zh: '上年结余', en: 'balance carried' };

  line(1, { zh: `1. ${b.basis_year}年经常性支出（不含一事一议）：${y(b.recurring.total_fen)} 元`, en: `1. recurring expenses in ${b.basis_year} (not under a vote): ${y(b.recurring.total_fen)}` });
  if (b.recurring.by_category.length) line(1, cats(b.recurring.by_category));
  if (b.recurring.months < 12 && !b.basis_incomplete) {
    line(1, {
      zh: `   账本始于${b.basis_year}年，上述支出只覆盖 ${b.recurring.months} 个月，按全年折算：${y(b.recurring.total_fen)} × 12 ÷ ${b.recurring.months} = ${y(base)} 元`,
      en: `   the ledger began in ${b.basis_year}: these cover ${b.recurring.months} months, so a full year is ${y(b.recurring.total_fen)} × 12 ÷ ${b.recurring.months} = ${y(base)}`,
    });
  } else if (b.recurring.months < 12) {
    const span = `${b.recurring.from_month}月至${monthOf(b.figures_to)}月`;
    line(1, {
      zh: `   ${b.basis_year}年尚未结束，上述支出为截至 ${b.figures_to} 的 ${b.recurring.months} 个月（${span}），按全年折算：${y(b.recurring.total_fen)} × 12 ÷ ${b.recurring.months} = ${y(base)} 元`,
      en: `   ${b.basis_year} has not ended: these cover ${b.recurring.months} months to ${b.figures_to}, so a full year is ${y(b.recurring.total_fen)} × 12 ÷ ${b.recurring.months} = ${y(base)}`,
    });
  }

  line(2, { zh: `2. 公共收益（停车、广告等，预计持续）：${y(b.other_income.total_fen)} 元`, en: `2. other income (parking, advertising ..., assumed to recur): ${y(b.other_income.total_fen)}` });
  if (b.other_income.by_category.length) line(2, cats(b.other_income.by_category));

  if (r.source === 'default') {
    line(3, {
      zh: `3. 储备金目标 = ${r.months} 个月的经常性支出 = ${y(base)} × ${r.months} ÷ 12 = ${y(r.target_fen)} 元（默认；可用 --reserve 另定，--reserve 0 为不留储备金）`,
      en: `3. reserve target = ${r.months} months of recurring expense = ${y(base)} × ${r.months} ÷ 12 = ${y(r.target_fen)} (the default; --reserve sets another, --reserve 0 holds none)`,
    });
  } else if (r.target_fen === 0) {
    line(3, { zh: '3. 不留储备金（--reserve 0）', en: '3. no reserve (--reserve 0)' });
  } else {
    line(3, { zh: `3. 储备金目标 ${y(r.target_fen)} 元（--reserve 指定）`, en: `3. reserve target ${y(r.target_fen)} (set by --reserve)` });
  }
  if (r.topup_fen > 0) {
    line(3, {
      zh: `   ${held.zh} ${y(b.balance_carried_fen)} 元，低于储备金，需补足 ${y(r.target_fen)} − ${y(b.balance_carried_fen)} = ${y(r.topup_fen)} 元`,
      en: `   ${held.en} ${y(b.balance_carried_fen)}, below the reserve: top-up ${y(r.target_fen)} − ${y(b.balance_carried_fen)} = ${y(r.topup_fen)}`,
    });
  } else {
    line(3, {
      zh: `   ${held.zh} ${y(b.balance_carried_fen)} 元，已达到储备金，需补足 0.00 元${r.surplus_fen > 0 ? `；高出的 ${y(r.surplus_fen)} 元留作结余，不用于降低物业费` : ''}`,
      en: `   ${held.en} ${y(b.balance_carried_fen)}, at or above the reserve: top-up 0.00${r.surplus_fen > 0 ? `; the ${y(r.surplus_fen)} above it is kept, not spent to lower the fee` : ''}`,
    });
  }

  line(4, {
    zh: `4. 需由物业费承担 = 1 + 3 − 2 = ${y(base)} + ${y(r.topup_fen)} − ${y(b.other_income.total_fen)} = ${y(b.need_fen)} 元${b.need_fen === 0 ? '（公共收益已足够，不为负数）' : ''}`,
    en: `4. to raise from fees = 1 + 3 − 2 = ${y(base)} + ${y(r.topup_fen)} − ${y(b.other_income.total_fen)} = ${y(b.need_fen)}${b.need_fen === 0 ? ' (other income covers it; never below 0)' : ''}`,
  });
  line(5, {
    zh: `5. 预计缴费户数 = ${b.households} 户 × 收缴率 ${b.collection_rate}${b.collection_rate_assumed ? '（上年无收费记录，按100%计）' : `（${b.basis_year}年）`} = ${payers} 户`,
    en: `5. paying households = ${b.households} × collection rate ${b.collection_rate}${b.collection_rate_assumed ? ' (no record last year: 100% assumed)' : ''} = ${payers}`,
  });
  line(6, {
    zh: `6. 每户每年 = ${y(b.need_fen)} ÷ ${payers} = ${y(b.exact_fee_fen)} 元，向上取整为 ${y(b.fee_fen)} 元`,
    en: `6. per household = ${y(b.need_fen)} ÷ ${payers} = ${y(b.exact_fee_fen)}, rounded up to ${y(b.fee_fen)}`,
  });

  const e = b.year_end;
  line(7, {
    zh: `7. ${b.year}年末结余 = ${held.zh} + 预计物业费 + 公共收益 − 经常性支出 = ${y(e.opening_fen)} + ${y(e.fees_fen)} + ${y(e.other_income_fen)} − ${y(e.recurring_fen)} = ${y(e.closing_fen)} 元，${e.keeps_reserve ? '不低于' : '低于'}储备金 ${y(e.reserve_fen)} 元`,
    en: `7. balance at the end of ${b.year} = ${held.en} + fees expected + other income − recurring = ${y(e.opening_fen)} + ${y(e.fees_fen)} + ${y(e.other_income_fen)} − ${y(e.recurring_fen)} = ${y(e.closing_fen)}, ${e.keeps_reserve ? 'at or above' : 'below'} the reserve of ${y(e.reserve_fen)}`,
  });
  line(7, {
    zh: `   预计物业费 = ${y(b.fee_fen)} × ${payers} = ${y(e.fees_fen)} 元（不足一分舍去）${b.basis_incomplete ? `；未计${b.basis_year}年余下月份的收支` : ''}`,
    en: `   fees expected = ${y(b.fee_fen)} × ${payers} = ${y(e.fees_fen)} (fractions of a fen dropped)${b.basis_incomplete ? `; the rest of ${b.basis_year} is not counted` : ''}`,
  });

  const a = b.per_area;
  if (a) {
    line(8, {
      zh: `8. 按面积计：应收 = ${y(b.need_fen)} ÷ 收缴率 ${b.collection_rate} = ${y(a.bill_fen)} 元；${b.year}年在住面积 ${formatArea(a.area_centi)} ㎡；${y(a.bill_fen)} ÷ ${formatArea(a.area_centi)} ÷ 12 = 每月每平方米 ${a.rate} 元（向上取整到分）`,
      en: `8. by area: to bill = ${y(b.need_fen)} ÷ collection rate ${b.collection_rate} = ${y(a.bill_fen)}; area lived in, ${b.year}: ${formatArea(a.area_centi)} m²; ${y(a.bill_fen)} ÷ ${formatArea(a.area_centi)} ÷ 12 = ${a.rate} per m² per month (rounded up to the fen)`,
    });
    line(8, {
      zh: `   按此单价和上年收缴率，预计可收 ${a.rate} × ${formatArea(a.area_centi)} × 12 × ${b.collection_rate} = ${y(a.expected_fen)} 元`,
      en: `   at last year's rate it brings in ${a.rate} × ${formatArea(a.area_centi)} × 12 × ${b.collection_rate} = ${y(a.expected_fen)}`,
    });
  } else {
    line(8, { zh: `8. 按面积计：${b.year}年在住住户没有登记面积，无法按面积测算`, en: `8. by area: the households living here in ${b.year} have no area on record; no rate by area` });
  }
  return W;
}
