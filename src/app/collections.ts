import { anchorOf } from '../domain/chain.js';
import { formatNumber } from '../domain/numbering.js';
import { allocatePayment, outstanding, payAgainst, sumFen, type YearAmount } from '../domain/allocation.js';
import { yearOf, type IsoDate } from '../domain/dates.js';
import { RuleError, text } from '../domain/errors.js';
import type { Fen } from '../domain/money.js';
import type { PaymentMethod } from '../domain/payment-methods.js';
import { inTransaction } from '../db/open-database.js';
import { householdPosition, lastNumberOf, nextNumber } from '../db/entries-repo.js';
import { collectionStaging, householdPositions, resultSpool, type ResultSpool } from '../db/import-repo.js';
import { findHousehold } from '../db/households-repo.js';
import { bulkAppender, journalWriter, sendAppended } from '../db/journal.js';
import { stamp, type AppContext } from './context.js';
import { requireOpenPeriod, requireOperator } from './guards.js';
import { unknownHousehold } from './households.js';

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
  /** The entry's sequence number and check code (collect; not on every imported row). */
  seq?: number;
  code?: string;
}

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
    const { charges, paidFen } = await householdPosition(ctx.ledger, input.code);
    const state = outstanding(charges, paidFen);
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
    const number = await nextNumber(ctx.ledger, 'receipt', yearOf(input.date));
    const row = journalWriter(ctx.ledger).append(
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
    // The receipt's anchor (记录号 · 校验码), as printed on it.
    return { ...toCollection(number, input, amount, allocations, state.creditFen + creditFen), ...anchorOf(row) };
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

/** What `import collections` did. */
export interface ImportSummary {
  count: number;
  total_fen: Fen;
  /** First and last receipt numbers issued, in date order (null for an empty import). */
  first: string | null;
  last: string | null;
  /**
   * Each collection as `collect --json` shows it, in receipt order, read back a page at a
   * time after the commit (only when asked for with `keepResults`).
   */
  results: () => Iterable<Collection>;
}

/** A validated row of a collections file. */
export type ImportRow = CollectInput & { amountFen: Fen };

/**
 * Past collections from a CSV, all or none, in date order (so receipt numbers follow the
 * calendar; rows of the same day keep the file's order).
 *
 * `read` streams the file: it hands every good row to `stage` and throws, listing every bad
 * row, if any row is bad. The rows wait in a staging table, and are then written in date
 * order a page at a time within the same transaction: a refused or failed import writes
 * nothing, and memory does not grow with the file. Each household's charges and payments are
 * loaded once, when it first appears, and kept up to date in memory (at most one entry per
 * household of the ledger).
 */
export async function importCollections(
  ctx: AppContext,
  read: (stage: (row: ImportRow, line: number) => void) => void | Promise<void>,
  options: { onProgress?: (done: number, total: number) => void; keepResults?: boolean } = {},
): Promise<ImportSummary> {
  const spool = { current: null as ResultSpool | null };
  const summary = await inTransaction(ctx.ledger, async () => {
    const by = await requireOperator(ctx, ['collector'], text('导入收费记录', 'import collections'));
    const staging = collectionStaging(ctx.ledger);
    await read((row, line) =>
      staging.add({ line, date: row.date, code: row.code, amount_fen: row.amountFen, method: row.method, ref: row.paperReceipt ?? null }),
    );
    const { rows: total, firstDate } = staging.summary();
    // The lock closes every day up to a date, so the earliest row decides.
    if (firstDate) await requireOpenPeriod(ctx, [firstDate]);

    const position = householdPositions(ctx.ledger);
    const households = new Map<string, { charges: YearAmount[]; paidFen: Fen }>();
    const lastNumber = new Map<number, number>();
    // Every collection of the file has the same shape: only these columns differ.
    const journal = bulkAppender(ctx.ledger, { kind: 'collection', note: null, ...stamp(ctx, by) }, ['number', 'date', 'household', 'amount_fen', 'cash_fen', 'method', 'ref']);
    if (options.keepResults) spool.current = resultSpool(ctx.ledger);
    let count = 0;
    let totalFen = 0;
    let first: string | null = null;
    let last: string | null = null;
    for (const r of staging.inDateOrder()) {
      const year = yearOf(r.date);
      let n = lastNumber.get(year);
      if (n === undefined) n = await lastNumberOf(ctx.ledger, 'receipt', year);
      lastNumber.set(year, ++n);
      let h = households.get(r.code);
      if (!h) {
        h = await position(r.code);
        // In year order once, so that each payment is allocated in one pass.
        h.charges.sort((a, b) => a.year - b.year);
        households.set(r.code, h);
      }
      const { allocations, creditFen, creditBeforeFen } = payAgainst(h.charges, h.paidFen, r.amount_fen);
      h.paidFen += r.amount_fen;
      const number = formatNumber('receipt', year, n);
      journal.append([number, r.date, r.code, r.amount_fen, r.amount_fen, r.method, r.ref], allocations);
      if (spool.current) {
        const input = { code: r.code, date: r.date, method: r.method as PaymentMethod };
        spool.current.add(JSON.stringify(toCollection(number, input, r.amount_fen, allocations, creditBeforeFen + creditFen)));
      }
      count += 1;
      totalFen += r.amount_fen;
      first ??= number;
      last = number;
      if (count % 2000 === 0) await sendAppended(ctx.ledger);
      if (options.onProgress && count % 5000 === 0) options.onProgress(count, total);
    }
    journal.finish();
    return { count, total_fen: totalFen, first, last };
  });
  return {
    ...summary,
    results: function* () {
      if (spool.current) for (const json of spool.current.read()) yield JSON.parse(json) as Collection;
    },
  };
}
