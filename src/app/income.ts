/**
 * Other income (公共收益: parking, advertising, rent, EV charging, recycling, interest) on the
 * income line of 收支两条线: taken by the collector, under the same receipt sequence as fee
 * collections (R<YEAR>-<NNNN>), so every yuan that comes in has a receipt.
 */
import { yearOf, type IsoDate } from '../domain/dates.js';
import { text } from '../domain/errors.js';
import type { Fen } from '../domain/money.js';
import { inTransaction } from '../db/open-database.js';
import { nextNumber } from '../db/entries-repo.js';
import { journalWriter } from '../db/journal.js';
import { requireCategory } from './categories.js';
import type { PaymentMethod } from '../domain/payment-methods.js';
import { stamp, type AppContext } from './context.js';
import { requireOpenPeriod, requireOperator } from './guards.js';

export interface IncomeInput {
  amountFen: Fen;
  category: string;
  payer: string | null;
  date: IsoDate;
  method: PaymentMethod | null;
  note: string | null;
}

export interface Income {
  receipt: string;
  date: IsoDate;
  amount_fen: Fen;
  category: string;
  category_en: string | null;
  from: string | null;
}

export async function recordIncome(ctx: AppContext, input: IncomeInput): Promise<Income> {
  return inTransaction(ctx.ledger, async () => {
    const by = await requireOperator(ctx, ['collector'], text('登记公共收益', 'record other income'));
    const category = await requireCategory(ctx.ledger, 'income', input.category);
    await requireOpenPeriod(ctx, [input.date]);
    const year = yearOf(input.date);
    const receipt = await nextNumber(ctx.ledger, 'receipt', year);
    journalWriter(ctx.ledger).append({
      kind: 'income',
      number: receipt,
      date: input.date,
      category: category.name,
      party: input.payer,
      amount_fen: input.amountFen,
      cash_fen: input.amountFen,
      method: input.method,
      note: input.note,
      ...stamp(ctx, by),
    });
    return { receipt, date: input.date, amount_fen: input.amountFen, category: category.name, category_en: category.name_en, from: input.payer };
  });
}
