import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { YearAmount } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import { migrate } from './migrate.js';
import type { LedgerDb } from './open-database.js';
import type { EntryRow } from './tables.js';

/** An entry as stored, with the allocations its hash covers. */
export interface StoredEntry {
  row: EntryRow;
  allocations: YearAmount[];
}

/**
 * Every entry in recording order (seq) with its allocations, one at a time: `verify`
 * walks the whole history without holding it in memory. The allocations come with each
 * entry (a correlated subquery on the allocations primary key), because the connection
 * cannot run a second query while this cursor is open.
 */
export function* journalInSeqOrder(ledger: LedgerDb): Generator<StoredEntry> {
  const query = ledger.db
    .selectFrom('entries as e')
    .selectAll('e')
    .select(
      sql<string>`(SELECT json_group_array(json_array(a.year, a.amount_fen)) FROM allocations a WHERE a.entry_seq = e.seq)`.as(
        'allocations_json',
      ),
    )
    .orderBy('e.seq')
    .compile();
  const cursor = ledger.sqlite.prepare(query.sql).iterate(...query.parameters) as IterableIterator<
    EntryRow & { allocations_json: string }
  >;
  for (const row of cursor) {
    // The extra column rides along: entryContent reads only the entry's own columns.
    const json = row.allocations_json;
    const allocations = json === '[]' ? [] : (JSON.parse(json) as [number, number][]).map(([year, amountFen]) => ({ year, amountFen }));
    yield { row, allocations };
  }
}

/** A schema object (table, index, trigger, view) as SQLite keeps it. */
export interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

function schemaObjectsOf(sqlite: BetterSqlite3.Database): SchemaObject[] {
  return sqlite
    .prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as SchemaObject[];
}

/** The tables, indexes and triggers of the ledger file as they are now. */
export function schemaObjects(ledger: LedgerDb): SchemaObject[] {
  return schemaObjectsOf(ledger.sqlite);
}

/** The tables, indexes and triggers the `schema/` files create, built in memory. */
export function expectedSchemaObjects(now: Date): SchemaObject[] {
  const scratch = new BetterSqlite3(':memory:');
  try {
    migrate(scratch, now);
    return schemaObjectsOf(scratch);
  } finally {
    scratch.close();
  }
}

/** Rows whose reference (household, voided entry, allocation's entry) points at nothing. */
export function foreignKeyViolations(ledger: LedgerDb): { table: string; rowid: number; parent: string }[] {
  return ledger.sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
}

/** SQLite's own check of the file's structure: `ok`, or what is damaged. */
export function fileCheck(ledger: LedgerDb): string[] {
  return (ledger.sqlite.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
}

/** The fund's movement per day, in date order (for the running balance by date). */
export async function cashByDate(ledger: LedgerDb): Promise<{ date: IsoDate; cash_fen: number }[]> {
  const rows = await ledger.db
    .selectFrom('entries')
    .select((eb) => ['date', eb.fn.sum<number>('cash_fen').as('cash_fen')])
    .where('cash_fen', '!=', 0)
    .groupBy('date')
    .orderBy('date')
    .execute();
  return rows.map((r) => ({ date: r.date, cash_fen: Number(r.cash_fen) }));
}

/** The entry whose hash is (or starts with) `hash`, for checking a published chain head. */
export async function entryWithHash(ledger: LedgerDb, hash: string): Promise<{ seq: number; hash: string } | undefined> {
  const h = hash.toLowerCase();
  return ledger.db
    .selectFrom('entries')
    .select(['seq', 'hash'])
    .where('hash', '>=', h)
    .where('hash', '<', `${h}g`)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
}
