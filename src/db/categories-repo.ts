/** Income and expense categories: the contract's, and those the journal's `category` entries add. */
import type { Line } from '../domain/entry-kinds.js';
import type { LedgerDb } from './open-database.js';
import { loadCommittee } from './register-repo.js';

export type { Line };

/** A category as reports and commands show it. */
export interface CategoryRow {
  line: Line;
  name: string;
  name_en: string | null;
}

const row = (c: { line: Line; name: string; nameEn: string | null }): CategoryRow => ({ line: c.line, name: c.name, name_en: c.nameEn });

export async function listCategories(ledger: LedgerDb, line?: Line): Promise<CategoryRow[]> {
  const all = (await loadCommittee(ledger)).categories.filter((c) => !line || c.line === line).map(row);
  // Expense first, then income, each in the order they were added (the contract's first).
  return [...all.filter((c) => c.line === 'expense'), ...all.filter((c) => c.line === 'income')];
}

/** A category by its Chinese or English name (case-insensitive for English). */
export async function findCategory(ledger: LedgerDb, line: Line, name: string): Promise<CategoryRow | undefined> {
  const c = (await loadCommittee(ledger)).findCategory(line, name);
  return c ? row(c) : undefined;
}

export async function categoryLabel(ledger: LedgerDb, line: Line, name: string): Promise<{ zh: string; en: string }> {
  const found = await findCategory(ledger, line, name);
  return { zh: name, en: found?.name_en ?? name };
}
