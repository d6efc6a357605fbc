/**
 * The keys an import has met in its file (on SQLite in a TEMP table: see
 * db/sqlite/import-staging.ts), and the paper numbers (收据号, 凭证号) already used in the ledger.
 */
import { memorySeenKeys, type SeenKeys } from '../import/seen-keys.js';
import type { LedgerDb } from './open-database.js';
import { sqliteHouseholdRegistered, sqliteImportKeys } from './sqlite/import-staging.js';

/** A fresh, empty set of met keys (call inside the import's transaction). */
export function importKeys(ledger: LedgerDb): SeenKeys {
  // On PostgreSQL the keys are kept in memory (a temp table there would be a round trip per row).
  return ledger.sqlite ? sqliteImportKeys(ledger.sqlite) : memorySeenKeys();
}

/**
 * The paper numbers written on entries of `kind` (a collection's paper receipt, an expense's
 * voucher), leaving out entries that were voided: a receipt voided because it was written to
 * the wrong household may be entered again under its paper number.
 */
export async function paperNumbersInUse(ledger: LedgerDb, kind: 'collection'): Promise<Set<string>> {
  const rows = await ledger.db
    .selectFrom('entries as e')
    .select('e.ref')
    .distinct()
    .where('e.kind', '=', kind)
    .where('e.ref', 'is not', null)
    .where('e.ref', '<>', '')
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('entries as v').select('v.seq').where('v.kind', '=', 'void').whereRef('v.target_seq', '=', 'e.seq'))))
    .execute();
  return new Set(rows.map((r) => r.ref!));
}

/**
 * Whether an expense dated in `year` already carries the paper voucher number `voucher` (not
 * voided). Vouchers (记账凭证) are numbered within the accounting year, so 记-1 comes again each
 * January; within a year one number is one voucher, and entering it twice is refused.
 */
export async function voucherInUse(ledger: LedgerDb, voucher: string, year: number): Promise<boolean> {
  const row = await ledger.db
    .selectFrom('entries as e')
    .select('e.seq')
    .where('e.kind', '=', 'expense')
    .where('e.ref', '=', voucher)
    .where('e.date', '>=', `${year}-01-01`)
    .where('e.date', '<=', `${year}-12-31`)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('entries as v').select('v.seq').where('v.kind', '=', 'void').whereRef('v.target_seq', '=', 'e.seq'))))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether a household of `code` was ever registered (its `household` entry; prepared once, asked per row). */
export async function householdExists(ledger: LedgerDb): Promise<(code: string) => boolean> {
  if (!ledger.sqlite) {
    const rows = await ledger.db.selectFrom('entries').select('household').where('kind', '=', 'household').execute();
    const codes = new Set(rows.map((r) => r.household));
    return (code) => codes.has(code);
  }
  return sqliteHouseholdRegistered(ledger.sqlite);
}
