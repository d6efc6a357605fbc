import type { YearAmount } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import { ENTRY_COLUMNS } from './journal.js';
import { rowOf } from './many-rows.js';
import { expectedSqliteSchemaObjects, sqliteForeignKeyViolations, sqliteQuickCheck, sqliteSchemaObjects } from './sqlite/schema-objects.js';
import { sqliteOf, type LedgerDb } from './open-database.js';
import { expectedPostgresSchemaObjects, postgresSchemaObjects } from './postgres/schema-objects.js';
import type { EntryRow } from './tables.js';

/** An entry as stored, with the allocations its hash covers. */
export interface StoredEntry {
  row: EntryRow;
  allocations: YearAmount[];
}

/**
 * Every entry in recording order (seq) with its allocations, one at a time: `verify` walks
 * the whole history without holding it in memory. Two cursors run side by side, the entries
 * by seq and the allocations by entry, merged as they go; rows come as arrays (far cheaper
 * than better-sqlite3's row objects on a few hundred thousand entries) and are shaped here.
 * Allocations whose entry does not exist are left to the foreign-key check.
 */
export async function* journalInSeqOrder(ledger: LedgerDb): AsyncGenerator<StoredEntry> {
  if (!ledger.sqlite) {
    yield* pagedJournal(ledger);
    return;
  }
  const columns = [...ENTRY_COLUMNS, 'prev_hash', 'hash'] as const;
  const entries = ledger.db.selectFrom('entries').select(columns).orderBy('seq').compile();
  const allocations = ledger.db.selectFrom('allocations').select(['entry_seq', 'year', 'amount_fen']).orderBy('entry_seq').orderBy('year').compile();
  const rows = ledger.sqlite.prepare(entries.sql).raw().iterate(...entries.parameters) as IterableIterator<unknown[]>;
  const allocs = ledger.sqlite.prepare(allocations.sql).raw().iterate(...allocations.parameters) as IterableIterator<[number, number, number]>;
  let next = allocs.next();
  try {
    for (const values of rows) {
      const row = rowOf(columns, values);
      const seq = row.seq as number;
      const mine: YearAmount[] = [];
      while (!next.done && next.value[0] < seq) next = allocs.next();
      while (!next.done && next.value[0] === seq) {
        mine.push({ year: next.value[1], amountFen: next.value[2] });
        next = allocs.next();
      }
      yield { row: row as unknown as EntryRow, allocations: mine };
    }
  } finally {
    allocs.return?.();
  }
}

/** The same through kysely, a page of entries (and their allocations) at a time by seq. */
async function* pagedJournal(ledger: LedgerDb, page = 5000): AsyncGenerator<StoredEntry> {
  let after = -1;
  for (;;) {
    const rows = (await ledger.db.selectFrom('entries').selectAll().where('seq', '>', after).orderBy('seq').limit(page).execute()) as EntryRow[];
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]!.seq;
    const allocs = await ledger.db
      .selectFrom('allocations')
      .select(['entry_seq', 'year', 'amount_fen'])
      .where('entry_seq', '>', after)
      .where('entry_seq', '<=', last)
      .orderBy('entry_seq')
      .orderBy('year')
      .execute();
    const bySeq = new Map<number, YearAmount[]>();
    for (const a of allocs) {
      let list = bySeq.get(a.entry_seq);
      if (!list) bySeq.set(a.entry_seq, (list = []));
      list.push({ year: a.year, amountFen: a.amount_fen });
    }
    for (const row of rows) yield { row, allocations: bySeq.get(row.seq) ?? [] };
    if (rows.length < page) return;
    after = last;
  }
}

/** A schema object (table, index, trigger, view) as SQLite keeps it. */
export interface SchemaObject {
  type: string;
  name: string;
  tbl_name: string;
  sql: string | null;
}

/** The tables, indexes and triggers of the ledger as they are now. */
export async function schemaObjects(ledger: LedgerDb): Promise<SchemaObject[]> {
  if (ledger.pg) return postgresSchemaObjects(ledger.pg);
  return sqliteSchemaObjects(sqliteOf(ledger));
}

/** The tables, indexes and triggers the `schema/` files create (for PostgreSQL: as the compound's migrations recorded them). */
export async function expectedSchemaObjects(ledger: LedgerDb, now: Date): Promise<SchemaObject[]> {
  if (ledger.pg) return expectedPostgresSchemaObjects();
  return expectedSqliteSchemaObjects(now);
}

/** Rows whose reference (household, voided entry, allocation's entry) points at nothing. */
export async function foreignKeyViolations(ledger: LedgerDb): Promise<{ table: string; rowid: number; parent: string }[]> {
  // PostgreSQL checks every reference as rows are written, and cannot be told not to.
  return ledger.sqlite ? sqliteForeignKeyViolations(ledger.sqlite) : [];
}

/** SQLite's own check of the file's structure: `ok`, or what is damaged. */
export async function fileCheck(ledger: LedgerDb): Promise<string[]> {
  return ledger.sqlite ? sqliteQuickCheck(ledger.sqlite) : ['ok'];
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


/** The `upgrade` entry of a ledger made before the journal held its registers, if any. */
export async function upgradeSeq(ledger: LedgerDb): Promise<number | null> {
  const r = await ledger.db.selectFrom('entries').select((eb) => eb.fn.min('seq').as('seq')).where('kind', '=', 'upgrade').executeTakeFirst();
  return r?.seq == null ? null : Number(r.seq);
}
