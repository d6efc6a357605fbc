import { maxDate, isoDate } from '../domain/dates.js';
import { text } from '../domain/errors.js';
import type { Fen } from '../domain/money.js';
import { inTransaction } from '../db/open-database.js';
import { billedHouseholds } from '../db/entries-repo.js';
import { householdsLivingIn } from '../db/households-repo.js';
import { journalWriter } from '../db/journal.js';
import { stamp, type AppContext } from './context.js';
import { requireOpenPeriod, requireOperator } from './guards.js';
import { feeFor } from './setup.js';

export interface BillResult {
  year: number;
  fee_fen: Fen;
  billed: { household: string; date: string; amount_fen: Fen }[];
  already_billed: number;
}

/**
 * Posts YEAR's fee to every household living there and not yet billed for it, so running
 * it again bills only newcomers. A charge is owed from 1 January of YEAR, or from the day
 * the household moved in if later, whenever the bill is run.
 */
export async function billYear(ctx: AppContext, year: number): Promise<BillResult> {
  return inTransaction(ctx.ledger, async () => {
    const by = await requireOperator(ctx, ['chair'], text('开账单', 'bill the fee'));
    const fee = await feeFor(ctx.ledger, year);
    const done = await billedHouseholds(ctx.ledger, year);
    const due = (await householdsLivingIn(ctx.ledger, year)).filter((h) => !done.has(h.code));
    const billed = due.map((h) => ({
      household: h.code,
      date: h.since ? maxDate(isoDate(year, 1, 1), h.since) : isoDate(year, 1, 1),
      amount_fen: fee,
    }));
    await requireOpenPeriod(ctx, billed.map((b) => b.date));
    const journal = journalWriter(ctx.ledger);
    for (const b of billed) {
      journal.append({ kind: 'charge', date: b.date, household: b.household, year, amount_fen: fee, ...stamp(ctx, by) });
    }
    return { year, fee_fen: fee, billed, already_billed: done.size };
  });
}
