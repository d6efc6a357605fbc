/**
 * 减免 and 退费: a household's charge for a year reduced (a 低保户 excused, a vacant unit at
 * half fee), and a prepayment paid back. Each needs a second person's approval (the chair or a
 * supervisor) and is numbered in its own series (W2023-0001, T2023-0001).
 */
import { anchorOf } from '../domain/chain.js';
import { outstanding } from '../domain/allocation.js';
import { yearOf, type IsoDate } from '../domain/dates.js';
import { text } from '../domain/errors.js';
import type { Fen } from '../domain/money.js';
import type { PaymentMethod } from '../domain/payment-methods.js';
import { approverEntitled, fundStaysPositive, refundWithinCredit, waiverWithinUnpaid } from '../domain/rules.js';
import { lowestBalanceFrom } from '../db/balance-repo.js';
import { householdPosition, lastNumberOf, nextNumber } from '../db/entries-repo.js';
import { journalWriter } from '../db/journal.js';
import { inTransaction } from '../db/open-database.js';
import { findHousehold } from '../db/households-repo.js';
import { formatNumber } from '../domain/numbering.js';
import { stamp, todayOf, type AppContext } from './context.js';
import { enforce, requireOpenPeriod, requireOperatorWith, requireOperatorWithCommittee } from './guards.js';
import { positionOn, unknownHousehold } from './households.js';

export interface WaiverInput {
  code: string;
  year: number;
  /** null: all that is still unpaid of that year. */
  amountFen: Fen | null;
  reason: string;
  date: IsoDate;
}

export interface Waiver {
  waiver: string;
  household: string;
  year: number;
  amount_fen: Fen;
  date: IsoDate;
}

const WAIVE = text('减免物业费', 'waive fees');

/** What is still unpaid of `year`'s charge for `code` (its position as recorded so far). */
async function unpaidOf(ctx: AppContext, code: string, year: number): Promise<Fen> {
  const p = await householdPosition(ctx.ledger, code);
  return outstanding(p.charges, p.paidFen).owed.find((o) => o.year === year)?.amountFen ?? 0;
}

/** Records waivers, all or none (`fee waive` one; `import waivers` a file's worth), under one approval. */
export async function waiveFees(ctx: AppContext, inputs: readonly WaiverInput[], approvedBy: string): Promise<Waiver[]> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair', 'collector'], WAIVE);
    enforce(approverEntitled(projection, by, approvedBy, todayOf(ctx)));
    await requireOpenPeriod(ctx, inputs.map((w) => w.date));
    const journal = journalWriter(ctx.ledger);
    const last = new Map<number, number>();
    const out: Waiver[] = [];
    for (const w of inputs) {
      if (!projection.households.has(w.code)) throw unknownHousehold(w.code);
      const unpaid = await unpaidOf(ctx, w.code, w.year);
      const amount = w.amountFen ?? unpaid;
      enforce(waiverWithinUnpaid(w.code, w.year, amount, unpaid));
      const y = yearOf(w.date);
      const n = (last.get(y) ?? (await lastNumberOf(ctx.ledger, 'waiver', y))) + 1;
      last.set(y, n);
      const number = formatNumber('waiver', y, n);
      journal.append({ kind: 'waiver', number, date: w.date, household: w.code, year: w.year, amount_fen: amount, approved_by: approvedBy, note: w.reason, ...stamp(ctx, by) });
      out.push({ waiver: number, household: w.code, year: w.year, amount_fen: amount, date: w.date });
    }
    return out;
  });
}

export interface RefundInput {
  code: string;
  amountFen: Fen;
  reason: string;
  date: IsoDate;
  method: PaymentMethod | null;
  approvedBy: string;
}

export interface Refund {
  refund: string;
  household: string;
  date: IsoDate;
  amount_fen: Fen;
  /** The prepayment the household holds after it. */
  credit_fen: Fen;
  /** The refund's anchor (记录号 · 校验码). */
  seq: number;
  code: string;
}

/** 退费: pays back (part of) a household's prepayment, never more than it holds, nor more than the fund. */
export async function refund(ctx: AppContext, input: RefundInput): Promise<Refund> {
  return inTransaction(ctx.ledger, async () => {
    const { by, committee } = await requireOperatorWithCommittee(ctx, ['collector'], text('退费', 'refund prepayments'));
    if (!(await findHousehold(ctx.ledger, input.code))) throw unknownHousehold(input.code);
    enforce(approverEntitled(committee, by, input.approvedBy, todayOf(ctx)));
    await requireOpenPeriod(ctx, [input.date]);
    // The prepayment must be there on the refund's day and still be there now (a refund dated
    // before the money came in, or after a later bill took it, pays back what was not held).
    const now = (await positionOn(ctx, input.code)).credit_fen;
    const credit = Math.min((await positionOn(ctx, input.code, input.date)).credit_fen, now);
    enforce(refundWithinCredit(input.code, input.amountFen, credit));
    enforce(fundStaysPositive(await lowestBalanceFrom(ctx.ledger, input.date), input.amountFen, input.date));
    const number = await nextNumber(ctx.ledger, 'refund', yearOf(input.date));
    const row = journalWriter(ctx.ledger).append({
      kind: 'refund',
      number,
      date: input.date,
      household: input.code,
      amount_fen: input.amountFen,
      cash_fen: -input.amountFen,
      method: input.method,
      approved_by: input.approvedBy,
      note: input.reason,
      ...stamp(ctx, by),
    });
    return { refund: number, household: input.code, date: input.date, amount_fen: input.amountFen, credit_fen: now - input.amountFen, ...anchorOf(row) };
  });
}
