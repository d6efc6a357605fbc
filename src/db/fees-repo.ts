import type { Fen } from '../domain/money.js';
import type { LedgerDb } from './open-database.js';

/** The fee set for `year`, or null when none was set (the default from `init` applies). */
export async function feeSetFor(ledger: LedgerDb, year: number): Promise<Fen | null> {
  const row = await ledger.db
    .selectFrom('fee_rates')
    .select('amount_fen')
    .where('year', '=', year)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.amount_fen ?? null;
}

export async function insertFee(
  ledger: LedgerDb,
  row: { year: number; amount_fen: Fen; recorded_at: string; recorded_by: string },
): Promise<void> {
  await ledger.db.insertInto('fee_rates').values(row).execute();
}
