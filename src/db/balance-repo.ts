import type { IsoDate } from '../domain/dates.js';
import type { LedgerDb } from './open-database.js';

/** The fund (结余): every receipt and income in, every expense out, voids reversing them. */
export async function fundBalance(ledger: LedgerDb, through?: IsoDate): Promise<number> {
  let q = ledger.db.selectFrom('entries').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('cash_fen'), eb.lit(0)).as('balance'));
  if (through) q = q.where('date', '<=', through);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.balance);
}
