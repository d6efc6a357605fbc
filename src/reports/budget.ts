/**
 * The fee proposal for next year (年终根据各项指标决定下年度物业费用) as plain data: last
 * year's figures, and the arithmetic of `domain/budget.ts` applied to them, step by step.
 */
import { annualise, proposeFee } from '../domain/budget.js';
import { formatPerMille } from '../domain/percent.js';
import { localDate, monthOf, type IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import { fundBalance } from '../db/balance-repo.js';
import { listCategories } from '../db/categories-repo.js';
import { feeSetOf, feeStandardOf } from '../db/fees-repo.js';
import type { LedgerDb } from '../db/open-database.js';
import { cashByCategory, firstMoneyDate, firstRecurringExpenseDate, householdsLivingCount } from '../db/report-repo.js';
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
  as_of: IsoDate;
  /**
   * Expenses not tied to a vote, net of voids: the base of the fee. `months` is how many
   * months of the basis year they cover (fewer than 12 when the ledger began that year, from
   * the first such expense's month), and `annual_fen` the total scaled to twelve months.
   */
  recurring: { total_fen: Fen; months: number; annual_fen: Fen; by_category: CategoryLine[] };
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
}

export async function budgetReport(ledger: LedgerDb, year: number, reserveTargetFen: Fen, now: Date): Promise<BudgetReport> {
  const basis = year - 1;
  const today = localDate(now);
  const end = `${basis}-12-31`;
  const asOf = end < today ? end : today;
  const names = new Map((await listCategories(ledger)).map((c) => [`${c.line}:${c.name}`, c.name_en]));
  const rows = await cashByCategory(ledger, `${basis}-01-01`, asOf);

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
  const households = await householdsLivingCount(ledger, year);
  const carried = await fundBalance(ledger, asOf);
  const sum = (l: CategoryLine[]) => l.reduce((s, c) => s + c.amount_fen, 0);
  // A ledger that began during the basis year has only part of a year's running costs.
  const first = await firstMoneyDate(ledger);
  const firstCost = await firstRecurringExpenseDate(ledger, `${basis}-01-01`, asOf);
  const months = first !== null && first >= `${basis}-01-01` && firstCost !== null ? 13 - monthOf(firstCost) : 12;
  const annual = annualise(sum(recurring), months);
  const p = proposeFee({
    recurringFen: annual,
    reserveTargetFen,
    balanceCarriedFen: carried,
    otherIncomeFen: sum(other),
    households,
    collectionPermille: rate,
  });
  const settings = await readSettings(ledger);
  return {
    compound: settings.name,
    year,
    basis_year: basis,
    basis_incomplete: asOf < end,
    as_of: asOf,
    recurring: { total_fen: sum(recurring), months, annual_fen: annual, by_category: recurring },
    one_off: { total_fen: votes.reduce((s, v) => s + v.amount_fen, 0), votes },
    other_income: { total_fen: sum(other), by_category: other },
    households,
    collection_rate_permille: rate,
    collection_rate: formatPerMille(rate),
    collection_rate_assumed: assumed,
    balance_carried_fen: carried,
    reserve_target_fen: reserveTargetFen,
    reserve_topup_fen: p.reserveTopupFen,
    need_fen: p.needFen,
    payers_milli: p.payersMilli,
    exact_fee_fen: p.exactFeeFen,
    fee_fen: p.feeFen,
    expected_fen: p.expectedFen,
    basis_fee_fen: (await feeStandardOf(ledger, basis)).rateFen,
    year_fee_set_fen: await feeSetOf(ledger, year),
  };
}
