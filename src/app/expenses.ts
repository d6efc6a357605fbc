/**
 * The expense line (支出) of 收支两条线: the reimburser records what was paid out, and the
 * chair or a supervisor approves it; the two are never one person. A major expense needs an
 * owners' vote (一事一议) whose budget still covers it, and no expense may take the fund
 * below zero on any day.
 */
import { anchorOf } from '../domain/chain.js';
import { yearOf, type IsoDate } from '../domain/dates.js';
import { RuleError, text } from '../domain/errors.js';
import { approverEntitled, fundStaysPositive, majorExpenseCovered, type VoteStanding } from '../domain/rules.js';
import { formatFenGrouped, type Fen } from '../domain/money.js';
import { voucherInUse } from '../db/import-keys.js';
import { inTransaction } from '../db/open-database.js';
import { nextNumber } from '../db/entries-repo.js';
import { fundBalance, lowestBalanceFrom } from '../db/balance-repo.js';
import { journalWriter } from '../db/journal.js';
import { requireCategory } from './categories.js';
import { stamp, todayOf, type AppContext } from './context.js';
import { enforce, requireOpenPeriod, requireOperatorWithCommittee } from './guards.js';
import { requireVote, voteState } from '../reports/vote-state.js';

/** Expense vouchers are numbered per year of their date, E2022-0001 on, with no gaps. */

export interface SpendInput {
  amountFen: Fen;
  category: string;
  payee: string;
  item: string;
  approvedBy: string;
  /** The paper voucher (凭证), e.g. 记-12. */
  voucher: string | null;
  vote: string | null;
  date: IsoDate;
}

/** `spend --json`: the contract's `{number, date, amount_fen, category, vote}` and the rest of the voucher. */
export interface Expense {
  number: string;
  date: IsoDate;
  amount_fen: Fen;
  category: string;
  category_en: string | null;
  vote: string | null;
  payee: string;
  item: string;
  approved_by: string;
  by: string;
  voucher: string | null;
  /** The fund after this expense, as of its date. */
  balance_fen: Fen;
  /** With a vote that has a budget: what is left of it after this expense. */
  budget_left_fen: Fen | null;
  /** The voucher's anchor (记录号 · 校验码) for `verify --expect`. */
  seq: number;
  code: string;
}

const yuan = formatFenGrouped;

export async function spend(ctx: AppContext, input: SpendInput): Promise<Expense> {
  return inTransaction(ctx.ledger, async () => {
    const { by, committee } = await requireOperatorWithCommittee(ctx, ['reimburser'], text('报账支出', 'record expenses'));
    const category = await requireCategory(ctx.ledger, 'expense', input.category);

    // Maker and checker are two people: the approver is the chair or a supervisor, never the one who pays out.
    enforce(approverEntitled(committee, by, input.approvedBy, todayOf(ctx)));
    await requireOpenPeriod(ctx, [input.date]);

    let budgetLeft: Fen | null = null;
    const vote = input.vote !== null ? await standingOf(ctx, input.vote) : null;
    enforce(majorExpenseCovered(input.amountFen, input.date, committee.settings.majorThresholdFen, vote, input.vote));
    if (vote && vote.budgetFen !== null) budgetLeft = vote.budgetFen - vote.spentFen - input.amountFen;

    // A paper voucher is filed once: the same number on a second expense of its year is one voucher entered twice.
    if (input.voucher && (await voucherInUse(ctx.ledger, input.voucher, yearOf(input.date)))) {
      throw new RuleError(
        text(`凭证号 ${input.voucher} 已用于另一笔支出（同一张凭证不能报账两次）`, `voucher ${input.voucher} is already on another expense (one voucher cannot be entered twice)`),
      );
    }

    // The fund must stay at or above zero on the expense's day and on every later day already recorded.
    enforce(fundStaysPositive(await lowestBalanceFrom(ctx.ledger, input.date), input.amountFen, input.date));

    const year = yearOf(input.date);
    const number = await nextNumber(ctx.ledger, 'expense', year);
    const row = journalWriter(ctx.ledger).append({
      kind: 'expense',
      number,
      date: input.date,
      category: category.name,
      party: input.payee,
      item: input.item,
      amount_fen: input.amountFen,
      cash_fen: -input.amountFen,
      approved_by: input.approvedBy,
      ref: input.voucher,
      vote: input.vote,
      ...stamp(ctx, by),
    });
    return {
      number,
      date: input.date,
      amount_fen: input.amountFen,
      category: category.name,
      category_en: category.name_en,
      vote: input.vote,
      payee: input.payee,
      item: input.item,
      approved_by: input.approvedBy,
      by,
      voucher: input.voucher,
      balance_fen: await fundBalance(ctx.ledger, input.date),
      budget_left_fen: budgetLeft,
      ...anchorOf(row),
    };
  });
}

/** What the major-expense rule needs of the vote an expense names (an unknown id is bad input). */
async function standingOf(ctx: AppContext, id: string): Promise<VoteStanding> {
  await requireVote(ctx.ledger, id);
  const v = await voteState(ctx, id);
  return { id: v.id, title: v.title, status: v.status, passed: v.passed, closedOn: v.closedOn, budgetFen: v.budgetFen, spentFen: v.spentFen };
}
