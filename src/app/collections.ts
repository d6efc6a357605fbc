import { allocatePayment, outstanding, sumFen, type YearAmount } from '../domain/allocation.js';
import { yearOf, type IsoDate } from '../domain/dates.js';
import { RuleError, text } from '../domain/errors.js';
import type { Fen } from '../domain/money.js';
import { inTransaction } from '../db/open-database.js';
import { chargesAsOf, chargesOf, lastNumberUnder, paidFenOf, paymentsAsOf } from '../db/entries-repo.js';
import { findHousehold } from '../db/households-repo.js';
import { journalWriter } from '../db/journal.js';
import { stamp, type AppContext } from './context.js';
import { requireOpenPeriod, requireOperator } from './guards.js';
import { unknownHousehold } from './households.js';

export const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'bank', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export interface CollectInput {
  code: string;
  /** Without an amount, everything owed by the date is collected. */
  amountFen?: Fen;
  date: IsoDate;
  method: PaymentMethod;
  note?: string | null;
  /** The number on a paper receipt entered late, kept beside ours. */
  paperReceipt?: string | null;
}

/** `collect --json`, as the contract fixes it. */
export interface Collection {
  receipt: string;
  household: string;
  date: IsoDate;
  amount_fen: Fen;
  allocations: { year: number; amount_fen: Fen }[];
  credit_fen: Fen;
}

/** Receipts are numbered per year of their date, R2022-0001 on, with no gaps. */
export const receiptNumber = (year: number, n: number) => `R${year}-${String(n).padStart(4, '0')}`;

const collectAction = text('收费', 'collect fees');

/**
 * Takes a payment at the gate: pays the household's oldest unpaid charges first and keeps
 * any excess as prepayment, under the next receipt number of the year.
 */
export async function collectFee(ctx: AppContext, input: CollectInput): Promise<Collection> {
  return inTransaction(ctx.ledger, async () => {
    const by = await requireOperator(ctx, ['collector'], collectAction);
    if (!(await findHousehold(ctx.ledger, input.code))) throw unknownHousehold(input.code);
    await requireOpenPeriod(ctx, [input.date]);
    const charges = (await chargesOf(ctx.ledger, input.code)).map((c) => ({ year: c.year!, amountFen: c.amount_fen!, date: c.date }));
    const state = outstanding(charges, await paidFenOf(ctx.ledger, input.code));
    let amount = input.amountFen;
    if (amount === undefined) {
      const dueYears = new Set(charges.filter((c) => c.date <= input.date).map((c) => c.year));
      amount = sumFen(state.owed.filter((o) => dueYears.has(o.year)));
      if (amount === 0) {
        throw new RuleError(
          text(`${input.code} 截至 ${input.date} 没有欠费；预交请写明金额`, `${input.code} owes nothing as of ${input.date}; give an amount to take a prepayment`),
        );
      }
    }
    const { allocations, creditFen } = allocatePayment(state.owed, amount);
    const number = receiptNumber(yearOf(input.date), (await lastNumberUnder(ctx.ledger, `R${yearOf(input.date)}-`)) + 1);
    journalWriter(ctx.ledger).append(
      {
        kind: 'collection',
        number,
        date: input.date,
        household: input.code,
        amount_fen: amount,
        cash_fen: amount,
        method: input.method,
        note: input.note ?? null,
        ref: input.paperReceipt ?? null,
        ...stamp(ctx, by),
      },
      allocations,
    );
    return toCollection(number, input, amount, allocations, state.creditFen + creditFen);
  });
}

function toCollection(receipt: string, input: CollectInput, amount: Fen, allocations: YearAmount[], credit: Fen): Collection {
  return {
    receipt,
    household: input.code,
    date: input.date,
    amount_fen: amount,
    allocations: allocations.map((a) => ({ year: a.year, amount_fen: a.amountFen })),
    credit_fen: credit,
  };
}

/**
 * Past collections from a CSV, all or none, in date order (so receipt numbers follow the
 * calendar). Each household's charges and payments are loaded once and kept up to date in
 * memory, so a file of a hundred thousand rows is one pass and one transaction.
 */
export async function importCollections(
  ctx: AppContext,
  rows: readonly (CollectInput & { amountFen: Fen })[],
  onProgress?: (done: number, total: number) => void,
): Promise<Collection[]> {
  return inTransaction(ctx.ledger, async () => {
    const by = await requireOperator(ctx, ['collector'], text('导入收费记录', 'import collections'));
    await requireOpenPeriod(ctx, rows.map((r) => r.date));
    const charges = new Map<string, YearAmount[]>();
    for (const c of await chargesAsOf(ctx.ledger, '9999-12-31')) {
      let list = charges.get(c.household);
      if (!list) charges.set(c.household, (list = []));
      list.push({ year: c.year, amountFen: c.amount_fen });
    }
    const paid = await paymentsAsOf(ctx.ledger, '9999-12-31');
    const lastNumber = new Map<number, number>();
    const journal = journalWriter(ctx.ledger);
    const ordered = rows.map((r, i) => ({ r, i })).sort((a, b) => (a.r.date < b.r.date ? -1 : a.r.date > b.r.date ? 1 : a.i - b.i));
    const out: Collection[] = [];
    for (const { r } of ordered) {
      const year = yearOf(r.date);
      if (!lastNumber.has(year)) lastNumber.set(year, await lastNumberUnder(ctx.ledger, `R${year}-`));
      const n = lastNumber.get(year)! + 1;
      lastNumber.set(year, n);
      const before = paid.get(r.code) ?? 0;
      const state = outstanding(charges.get(r.code) ?? [], before);
      const { allocations, creditFen } = allocatePayment(state.owed, r.amountFen);
      paid.set(r.code, before + r.amountFen);
      const number = receiptNumber(year, n);
      journal.append(
        {
          kind: 'collection',
          number,
          date: r.date,
          household: r.code,
          amount_fen: r.amountFen,
          cash_fen: r.amountFen,
          method: r.method,
          note: r.note ?? null,
          ref: r.paperReceipt ?? null,
          ...stamp(ctx, by),
        },
        allocations,
      );
      out.push(toCollection(number, r, r.amountFen, allocations, state.creditFen + creditFen));
      if (onProgress && out.length % 5000 === 0) onProgress(out.length, rows.length);
    }
    return out;
  });
}
