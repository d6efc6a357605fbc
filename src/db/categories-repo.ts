import { sql } from 'kysely';
import type { LedgerDb } from './open-database.js';
import type { CategoriesTable } from './tables.js';

export type Line = 'income' | 'expense';

export async function listCategories(ledger: LedgerDb, line?: Line): Promise<CategoriesTable[]> {
  let q = ledger.db.selectFrom('categories').selectAll();
  if (line) q = q.where('line', '=', line);
  // rowid keeps the seeded categories in the contract's order (they share recorded_at '').
  return q.orderBy('line').orderBy('recorded_at').orderBy(sql`rowid`).execute();
}

/** A category by its Chinese or English name (case-insensitive for English). */
export async function findCategory(ledger: LedgerDb, line: Line, name: string): Promise<CategoriesTable | undefined> {
  const n = name.trim();
  return ledger.db
    .selectFrom('categories')
    .selectAll()
    .where('line', '=', line)
    .where((eb) => eb.or([eb('name', '=', n), eb(eb.fn('lower', ['name_en']), '=', n.toLowerCase())]))
    .executeTakeFirst();
}

export async function insertCategory(ledger: LedgerDb, row: CategoriesTable): Promise<void> {
  await ledger.db.insertInto('categories').values(row).execute();
}

export async function categoryLabel(ledger: LedgerDb, line: Line, name: string): Promise<{ zh: string; en: string }> {
  const row = await findCategory(ledger, line, name);
  return { zh: name, en: row?.name_en ?? name };
}
