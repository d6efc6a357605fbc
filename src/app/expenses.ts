/**
 * The expense line (支出) of 收支两条线: the reimburser records what was paid out, and the
 * chair or a supervisor approves it; the two are never one person. A major expense needs an
 * owners' vote (一事一议) whose budget still covers it, and no expense may take the fund
 * below zero on any day.
 */
import { yearOf, type IsoDate } from '../domain/dates.js';
import { RuleError, text } from '../domain/errors.js';
import { formatFenGrouped, type Fen } from '../domain/money.js';
import { ROLE_NAMES } from '../domain/roles.js';
import { inTransaction } from '../db/open-database.js';
import { nextNumber } from '../db/entries-repo.js';
import { fundBalance, lowestBalanceFrom } from '../db/balance-repo.js';
import { journalWriter } from '../db/journal.js';
import { rolesOf } from '../db/roles-repo.js';
import { readSettings } from '../db/settings-repo.js';
import { requireCategory } from './categories.js';
import { stamp, type AppContext } from './context.js';
import { requireOpenPeriod, requireOperator } from './guards.js';
import { budgetLeftText, requireVote, voteState } from '../reports/vote-state.js';

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
}

const yuan = formatFenGrouped;

export async function spend(ctx: AppContext, input: SpendInput): Promise<Expense> {
  return inTransaction(ctx.ledger, async () => {
    const by = await requireOperator(ctx, ['reimburser'], text('报账支出', 'record expenses'));
    const category = await requireCategory(ctx.ledger, 'expense', input.category);

    // Maker and checker are two people: the approver is the chair or a supervisor, never the one who pays out.
    const approver = input.approvedBy;
    if (approver === by) {
      throw new RuleError(text(`经办人 ${by} 不能自己审批支出（经办与审批须为两人）`, `${by} cannot approve their own expense; the approver must be someone else`));
    }
    const held = await rolesOf(ctx.ledger, approver);
    if (!held.includes('chair') && !held.includes('supervisor')) {
      throw new RuleError(
        text(
          `审批人 ${approver} 不是${ROLE_NAMES.chair.zh}或${ROLE_NAMES.supervisor.zh}`,
          `the approver ${approver} is neither the ${ROLE_NAMES.chair.en} nor a ${ROLE_NAMES.supervisor.en}`,
        ),
      );
    }
    await requireOpenPeriod(ctx, [input.date]);

    let budgetLeft: Fen | null = null;
    if (input.vote !== null) {
      await requireVote(ctx.ledger, input.vote);
      const v = await voteState(ctx, input.vote);
      if (v.status === 'open') {
        throw new RuleError(text(`表决 ${v.id} 尚未结束，不能据此支出`, `vote ${v.id} is still open; nothing can be spent against it yet`));
      }
      if (!v.passed) {
        throw new RuleError(text(`表决 ${v.id}（${v.title}）未通过，不能据此支出`, `vote ${v.id} (${v.title}) did not pass; nothing can be spent against it`));
      }
      if (input.date < v.closedOn!) {
        throw new RuleError(
          text(`支出日期 ${input.date} 早于表决 ${v.id} 结束的日期 ${v.closedOn}`, `the expense (${input.date}) is dated before vote ${v.id} closed (${v.closedOn})`),
        );
      }
      if (v.budgetFen !== null) {
        const left = v.budgetFen - v.spentFen;
        if (input.amountFen > left) {
          const b = budgetLeftText(v);
          throw new RuleError(
            text(`${yuan(input.amountFen)} 元超出表决 ${v.id} 的预算：${b.zh}`, `${yuan(input.amountFen)} exceeds the budget of vote ${v.id}: ${b.en}`),
          );
        }
        budgetLeft = left - input.amountFen;
      }
    } else {
      const { majorThresholdFen } = await readSettings(ctx.ledger);
      if (input.amountFen >= majorThresholdFen) {
        throw new RuleError(
          text(
            `${yuan(input.amountFen)} 元达到重大支出标准（${yuan(majorThresholdFen)} 元），须经业主表决（一事一议）：请用 --vote 注明已通过的表决`,
            `${yuan(input.amountFen)} is a major expense (from ${yuan(majorThresholdFen)}): it needs a passed owners' vote, given with --vote`,
          ),
        );
      }
    }

    // The fund must stay at or above zero on the expense's day and on every later day already recorded.
    const low = await lowestBalanceFrom(ctx.ledger, input.date);
    if (low.balanceFen - input.amountFen < 0) {
      throw new RuleError(
        low.date === input.date
          ? text(
              `结余不足：${input.date} 的结余为 ${yuan(low.balanceFen)} 元，支出 ${yuan(input.amountFen)} 元后将为负数`,
              `the fund holds ${yuan(low.balanceFen)} on ${input.date}; spending ${yuan(input.amountFen)} would take it below zero`,
            )
          : text(
              `结余不足：${low.date} 的结余为 ${yuan(low.balanceFen)} 元，在 ${input.date} 支出 ${yuan(input.amountFen)} 元会使其变为负数`,
              `the fund holds ${yuan(low.balanceFen)} on ${low.date}; spending ${yuan(input.amountFen)} on ${input.date} would take it below zero then`,
            ),
      );
    }

    const year = yearOf(input.date);
    const number = await nextNumber(ctx.ledger, 'expense', year);
    journalWriter(ctx.ledger).append({
      kind: 'expense',
      number,
      date: input.date,
      category: category.name,
      party: input.payee,
      item: input.item,
      amount_fen: input.amountFen,
      cash_fen: -input.amountFen,
      approved_by: approver,
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
      approved_by: approver,
      by,
      voucher: input.voucher,
      balance_fen: await fundBalance(ctx.ledger, input.date),
      budget_left_fen: budgetLeft,
    };
  });
}
