import type { YearAmount } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import { ENTRY_COLUMNS } from './journal.js';
import { expectedSqliteSchemaObjects, sqliteForeignKeyViolations, sqliteQuickCheck, sqliteSchemaObjects } from './sqlite/schema-objects.js';
import { sqliteOf, type LedgerDb } from './open-database.js';
import { expectedPostgresSchemaObjects, postgresSchemaObjects } from './postgres/schema-objects.js';
import type { EntryRow } from './tables.js';

/** An entry as stored, with the allocations its hash covers. */
export interface StoredEntry {
  row: EntryRow;
  allocations: YearAmount[];
}

/** An entry's stored columns, in the order `storedRow` takes them: the hashed ones, then the chain. */
export const STORED_COLUMNS = [...ENTRY_COLUMNS, 'prev_hash', 'hash'] as const;

/**
 * An entry row from its stored columns' values (STORED_COLUMNS order), as one object literal:
 * every row then has the same shape from the start, where setting 25 properties one by one
 * costs several times more on a few hundred thousand entries (test/db/verify-repo.test.ts
 * keeps the two lists in step).
 */
export function storedRow(v: readonly unknown[]): EntryRow {
  return {
    seq: v[0], kind: v[1], number: v[2], date: v[3], household: v[4], year: v[5], amount_fen: v[6], cash_fen: v[7],
    category: v[8], party: v[9], item: v[10], method: v[11], note: v[12], approved_by: v[13], ref: v[14], vote: v[15],
    rule: v[16], choice: v[17], end_date: v[18], target_seq: v[19], detail: v[20], recorded_at: v[21], recorded_by: v[22],
    prev_hash: v[23], hash: v[24],
  } as EntryRow;
}

/** How many entries one page of the journal's walk holds. */
const PAGE = 2048;

/**
 * Every entry in recording order (seq) with its allocations, a page at a time: `verify` and
 * `copy` walk the whole history without holding it in memory. Each page is the next PAGE
 * entries by seq and the allocations of exactly those entries, read as arrays (far cheaper
 * than row objects on a few hundred thousand entries) and shaped here; a page is one step of
 * the walk, not each entry (an async step per entry cost more than the reading). Allocations
 * whose entry does not exist are left to the foreign-key check. Each page is its own read:
 * walk inside one snapshot (`inSnapshot`, as verify does) or stop at a head read first (as copy
 * does); entries are only ever appended, so the pages up to it are the same in any later one.
 */
export async function* journalPages(ledger: LedgerDb): AsyncGenerator<StoredEntry[]> {
  if (!ledger.sqlite) {
    yield* pagedJournal(ledger);
    return;
  }
  // The first page from the very first entry, whatever its seq; each next one after the last read.
  // (Compiled with placeholder values: each run gives its own.)
  const entries = ledger.db.selectFrom('entries').select(STORED_COLUMNS).orderBy('seq').limit(PAGE);
  const allocations = ledger.db.selectFrom('allocations').select(['entry_seq', 'year', 'amount_fen']).orderBy('entry_seq').orderBy('year');
  const prepare = (query: { compile(): { sql: string } }) => ledger.sqlite!.prepare(query.compile().sql).raw();
  const firstPage = prepare(entries);
  const nextPage = prepare(entries.where('seq', '>', 0));
  const firstAllocations = prepare(allocations.where('entry_seq', '<=', 0));
  const nextAllocations = prepare(allocations.where('entry_seq', '>', 0).where('entry_seq', '<=', 0));
  let after: number | null = null;
  for (;;) {
    const rows = (after === null ? firstPage.all(PAGE) : nextPage.all(after, PAGE)) as unknown[][];
    if (rows.length === 0) return;
    const last = rows[rows.length - 1]![0] as number;
    const found = (after === null ? firstAllocations.all(last) : nextAllocations.all(after, last)) as [number, number, number][];
    const out = new Array<StoredEntry>(rows.length);
    let a = 0;
    for (let r = 0; r < rows.length; r++) {
      const row = storedRow(rows[r]!);
      const mine: YearAmount[] = [];
      while (a < found.length && found[a]![0] < row.seq) a++;
      while (a < found.length && found[a]![0] === row.seq) {
        mine.push({ year: found[a]![1], amountFen: found[a]![2] });
        a++;
      }
      out[r] = { row, allocations: mine };
    }
    yield out;
    if (rows.length < PAGE) return;
    after = last;
  }
}

/** The same through kysely, a page of entries (and their allocations) at a time by seq. */
async function* pagedJournal(ledger: LedgerDb, page = 5000): AsyncGenerator<StoredEntry[]> {
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
    yield rows.map((row) => ({ row, allocations: bySeq.get(row.seq) ?? [] }));
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
