/** What verify reads of a SQLite ledger's structure: sqlite_master, foreign_key_check, quick_check. */
import type BetterSqlite3 from 'better-sqlite3';
import { sqliteConnection } from './connection.js';
import type { SchemaObject } from '../verify-repo.js';
import { migrate } from './migrate.js';

export function sqliteSchemaObjects(sqlite: BetterSqlite3.Database): SchemaObject[] {
  return sqlite
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as SchemaObject[];
}

/** The tables, indexes and triggers the `schema/` files create, built in memory. */
export function expectedSqliteSchemaObjects(now: Date): SchemaObject[] {
  const scratch = sqliteConnection(':memory:');
  try {
    migrate(scratch, now);
    return sqliteSchemaObjects(scratch);
  } finally {
    scratch.close();
  }
}

export function sqliteForeignKeyViolations(sqlite: BetterSqlite3.Database): { table: string; rowid: number; parent: string }[] {
  return sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
}

/** SQLite's own check of the file's structure: `ok`, or what is damaged. */
export function sqliteQuickCheck(sqlite: BetterSqlite3.Database): string[] {
  return (sqlite.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
}
