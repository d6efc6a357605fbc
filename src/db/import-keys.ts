/**
 * The keys an import has met in its file, in a TEMP table of the ledger's connection: it lives
 * in a temporary file with a small page cache (SQLite spills the rest to disk), so a file of
 * millions of rows is checked for repeats without its keys in memory, and it vanishes when the
 * ledger is closed. Also the paper numbers (收据号, 凭证号) already used in the ledger.
 */
import { memorySeenKeys, type SeenKeys } from '../import/seen-keys.js';
import type { LedgerDb } from './open-database.js';

let tables = 0;

/** A fresh, empty set of met keys (call inside the import's transaction). */
export function importKeys(ledger: LedgerDb): SeenKeys {
  // On PostgreSQL the keys are kept in memory (a temp table there would be a round trip per row).
  const sqlite = ledger.sqlite;
  if (!sqlite) return memorySeenKeys();
  const table = `temp.import_keys_${++tables}`;
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS import_keys_${tables} (key TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID`);
  sqlite.exec(`DELETE FROM ${table}`);
  sqlite.pragma('temp.cache_size = -2048');
  const insert = sqlite.prepare(`INSERT INTO ${table} (key, line) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`);
  const find = sqlite.prepare(`SELECT line FROM ${table} WHERE key = ?`).pluck();
  return {
    firstLine(key, line) {
      if (insert.run(key, line).changes > 0) return undefined;
      return find.get(key) as number;
    },
  };
}

/**
 * The paper numbers written on entries of `kind` (a collection's paper receipt, an expense's
 * voucher), leaving out entries that were voided: a receipt voided because it was written to
 * the wrong household may be entered again under its paper number.
 */
export async function paperNumbersInUse(ledger: LedgerDb, kind: 'collection' | 'expense'): Promise<Set<string>> {
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

/** Whether a household of `code` was ever registered (its `household` entry; prepared once, asked per row). */
export async function householdExists(ledger: LedgerDb): Promise<(code: string) => boolean> {
  if (!ledger.sqlite) {
    const rows = await ledger.db.selectFrom('entries').select('household').where('kind', '=', 'household').execute();
    const codes = new Set(rows.map((r) => r.household));
    return (code) => codes.has(code);
  }
  const find = ledger.sqlite.prepare("SELECT 1 FROM entries WHERE household = ? AND kind = 'household'").pluck();
  return (code) => find.get(code) !== undefined;
}
