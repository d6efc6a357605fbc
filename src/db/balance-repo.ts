import type { IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import type { LedgerDb } from './open-database.js';
import { cashIn, fundOn } from './period-totals-repo.js';

/** The fund (结余): every receipt and income in, every expense out, voids reversing them (on `through`: from the last closed day's totals). */
export async function fundBalance(ledger: LedgerDb, through?: IsoDate): Promise<number> {
  return through ? fundOn(ledger, through) : cashIn(ledger, null, null);
}

/**
 * The lowest the fund stands on any day from `date` on, as recorded so far, and the first
 * day it does. Entries may be dated in the past (paper vouchers entered late), so an
 * expense dated `date` lowers every later day's balance too: it fits only if it fits under
 * this low point.
 */
export async function lowestBalanceFrom(ledger: LedgerDb, date: IsoDate): Promise<{ date: IsoDate; balanceFen: Fen }> {
  let balance = await fundBalance(ledger, date);
  let low = { date, balanceFen: balance };
  const days = await ledger.db
    .selectFrom('entries')
    .select((eb) => ['date', eb.fn.sum<number>('cash_fen').as('cash')])
    .where('date', '>', date)
    .where('cash_fen', '!=', 0)
    .groupBy('date')
    .orderBy('date')
    .execute();
  for (const d of days) {
    balance += Number(d.cash);
    if (balance < low.balanceFen) low = { date: d.date, balanceFen: balance };
  }
  return low;
}
