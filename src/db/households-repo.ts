import type { LedgerDb } from './open-database.js';
import type { HouseholdsTable } from './tables.js';

export type HouseholdRow = HouseholdsTable;

export async function insertHouseholds(ledger: LedgerDb, rows: readonly HouseholdRow[]): Promise<void> {
  // SQLite caps the bound parameters of one statement; 7 columns x 100 rows stays well below it.
  for (let i = 0; i < rows.length; i += 100) {
    await ledger.db.insertInto('households').values(rows.slice(i, i + 100)).execute();
  }
}

export async function findHousehold(ledger: LedgerDb, code: string): Promise<HouseholdRow | undefined> {
  return ledger.db.selectFrom('households').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function listHouseholds(ledger: LedgerDb): Promise<HouseholdRow[]> {
  return ledger.db.selectFrom('households').selectAll().orderBy('code').execute();
}

export async function householdCodes(ledger: LedgerDb): Promise<Set<string>> {
  const rows = await ledger.db.selectFrom('households').select('code').execute();
  return new Set(rows.map((r) => r.code));
}

/** Households living in the compound at some time in `year` (no `since`, or since before its end). */
export async function householdsLivingIn(ledger: LedgerDb, year: number): Promise<HouseholdRow[]> {
  return ledger.db
    .selectFrom('households')
    .selectAll()
    .where((eb) => eb.or([eb('since', 'is', null), eb('since', '<=', `${year}-12-31`)]))
    .orderBy('code')
    .execute();
}
