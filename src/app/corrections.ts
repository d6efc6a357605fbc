import type { IsoDate } from '../domain/dates.js';
import { InputError, RuleError, text } from '../domain/errors.js';
import { formatFenGrouped } from '../domain/money.js';
import { VOIDERS } from '../domain/roles.js';
import { inTransaction } from '../db/open-database.js';
import { allocationsOf, findByNumber, householdPosition, voidOf } from '../db/entries-repo.js';
import { approverEntitled, voidLeavesPaymentsCovered } from '../domain/rules.js';
import { lowestBalanceFrom } from '../db/balance-repo.js';
import { journalWriter } from '../db/journal.js';
import { stamp, todayOf, type AppContext } from './context.js';
import { enforce, requireOpenPeriod, requireOperatorWithCommittee } from './guards.js';

export interface VoidResult {
  number: string;
  kind: 'collection' | 'income' | 'expense' | 'waiver';
  date: IsoDate;
  amount_fen: number;
  reason: string;
}


/**
 * Voids a receipt or an expense by a reversing entry (红冲) dated `date`. The original stays
 * on record and in reports, marked 作废; a collection's allocations are reversed with it.
 */
export async function voidRecord(ctx: AppContext, number: string, reason: string, date: IsoDate, approvedBy: string | null = null): Promise<VoidResult> {
  return inTransaction(ctx.ledger, async () => {
    const target = await findByNumber(ctx.ledger, number);
    if (!target || !(target.kind in VOIDERS)) {
      throw new InputError(text(`没有编号为 ${number} 的收据或支出凭证`, `no receipt or expense numbered ${number}`));
    }
    const kind = target.kind as VoidResult['kind'];
    const { by, committee } = await requireOperatorWithCommittee(ctx, VOIDERS[kind]!, text(`作废 ${number}`, `void ${number}`));
    // A void undoes money on record: a second person approves it (the chair or a supervisor).
    // (In-process callers that pass no approver are the tests of the rules below it.)
    if (approvedBy !== null || ctx.passphrases) enforce(approverEntitled(committee, by, approvedBy, todayOf(ctx)));
    const already = await voidOf(ctx.ledger, target.seq);
    if (already) {
      throw new RuleError(text(`${number} 已于 ${already.date} 作废`, `${number} was already voided on ${already.date}`));
    }
    if (date < target.date) {
      throw new RuleError(text(`作废日期 ${date} 早于原记录日期 ${target.date}`, `the void (${date}) cannot be dated before ${number} itself (${target.date})`));
    }
    await requireOpenPeriod(ctx, [date]);
    if (target.kind === 'collection' && target.household) {
      const { paidFen } = await householdPosition(ctx.ledger, target.household);
      enforce(voidLeavesPaymentsCovered(target.household, number, paidFen, target.cash_fen));
    }
    if (target.cash_fen > 0) {
      // Taking money back out must leave the fund at or above zero on the void's day and on
      // every later day already recorded, as for an expense.
      const low = await lowestBalanceFrom(ctx.ledger, date);
      if (low.balanceFen - target.cash_fen < 0) {
        throw new RuleError(
          text(
            `作废 ${number} 会使 ${low.date} 的结余（${formatFenGrouped(low.balanceFen)} 元）变为负数`,
            `voiding ${number} would take the fund below zero on ${low.date} (it holds ${formatFenGrouped(low.balanceFen)} then)`,
          ),
        );
      }
    }
    const reversed = (await allocationsOf(ctx.ledger, target.seq)).map((a) => ({ year: a.year, amountFen: -a.amountFen }));
    journalWriter(ctx.ledger).append(
      {
        kind: 'void',
        date,
        target_seq: target.seq,
        household: target.household,
        amount_fen: target.amount_fen,
        cash_fen: -target.cash_fen,
        category: target.category,
        vote: target.vote,
        // The void of a waiver carries its year: the charge it had reduced stands again.
        ...(target.kind === 'waiver' ? { year: target.year } : {}),
        note: reason,
        approved_by: approvedBy,
        ...stamp(ctx, by),
      },
      reversed,
    );
    return { number, kind, date, amount_fen: target.amount_fen!, reason };
  });
}
