/**
 * The read path for queries that bring back thousands of rows (a district's owing households,
 * their register entries, a half-year's receipt numbers). On SQLite the rows come from
 * better-sqlite3 as arrays (its `raw` mode) and are shaped into objects here, under the names
 * the statement gives its columns: better-sqlite3 building each row object itself costs about
 * twice as much, a good part of a report's run on ten thousand households (and of `verify`'s
 * walk through the whole journal, db/verify-repo.ts, which shapes its rows with `rowOf`). On
 * PostgreSQL the query goes through kysely as any other.
 */
import type { CompiledQuery } from 'kysely';
import type { LedgerDb } from './open-database.js';

/** A row that better-sqlite3 gave as an array (`raw` mode) as an object, under its columns' `names`. */
export function rowOf(names: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (let c = 0; c < names.length; c++) row[names[c]!] = values[c];
  return row;
}

/** The rows of `query` (compiled by kysely against `ledger.db`), as kysely would give them. */
export async function manyRows<R>(ledger: LedgerDb, query: CompiledQuery<R>): Promise<R[]> {
  if (!ledger.sqlite) return (await ledger.db.executeQuery(query)).rows;
  const statement = ledger.sqlite.prepare(query.sql).raw(true);
  const names = statement.columns().map((c) => c.name);
  const values = statement.all(...(query.parameters as unknown[])) as unknown[][];
  const rows = new Array<R>(values.length);
  for (let r = 0; r < values.length; r++) rows[r] = rowOf(names, values[r]!) as R;
  return rows;
}

/** The first column of every row of `query`, for a list of one thing (numbers, codes). */
export async function manyValues<V>(ledger: LedgerDb, query: CompiledQuery<Record<string, V>>): Promise<V[]> {
  if (!ledger.sqlite) return (await ledger.db.executeQuery(query)).rows.map((r) => Object.values(r)[0] as V);
  return ledger.sqlite.prepare(query.sql).pluck(true).all(...(query.parameters as unknown[])) as V[];
}
