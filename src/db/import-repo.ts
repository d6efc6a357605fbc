/**
 * Bulk imports: staging tables and the per-household reads an import needs.
 *
 * A CSV of a hundred thousand collections is read once, row by row, into a TEMP table: it
 * belongs to this connection only, lives in a temporary file (not in the ledger, and not in
 * memory: SQLite keeps a small page cache for it and spills the rest to disk), and vanishes
 * when the ledger is closed. The journal is then written from it in date order, a page at a
 * time, so an import's memory does not grow with the file. The statements are prepared once
 * and run directly on better-sqlite3: an import runs them hundreds of thousands of times.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { YearAmount } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import { CHARGE_EFFECT_SQL } from './entries-repo.js';
import type { LedgerDb } from './open-database.js';

/** A validated CSV row waiting to be written, with the line it came from. */
export interface StagedCollection {
  line: number;
  date: IsoDate;
  code: string;
  amount_fen: Fen;
  method: string;
  ref: string | null;
}

/** Page size of the staged reads: enough to amortise each query, small enough to stay flat. */
const PAGE = 256;

/** The temp database's page cache, in KiB: a staged file bigger than this spills to disk. */
const TEMP_CACHE_KIB = 2048;

/**
 * The ledger's page cache during an import, in KiB (SQLite's default is 16 MiB). Every entry
 * goes into the hash and household indexes at a random place, so more of their pages kept in
 * memory make an import faster (64 MiB: about a quarter). It is a fixed ceiling, which a
 * 50,000-row import already fills: memory stays the same whatever the file's size.
 */
const IMPORT_CACHE_KIB = 32768;

function prepareTemp(sqlite: BetterSqlite3.Database): void {
  sqlite.exec(`
    CREATE TEMP TABLE IF NOT EXISTS import_collections (
      date       TEXT NOT NULL,
      line       INTEGER NOT NULL,
      code       TEXT NOT NULL,
      amount_fen INTEGER NOT NULL,
      method     TEXT NOT NULL,
      ref        TEXT,
      PRIMARY KEY (date, line)
    ) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS import_results (n INTEGER PRIMARY KEY, json TEXT NOT NULL);
    DELETE FROM temp.import_collections;
    DELETE FROM temp.import_results;`);
  sqlite.pragma(`temp.cache_size = -${TEMP_CACHE_KIB}`);
  sqlite.pragma(`main.cache_size = -${IMPORT_CACHE_KIB}`);
  // Pages read through the memory map would count in the import's memory, and an import
  // touches index pages all over the file: read them into the (bounded) cache instead.
  sqlite.pragma('mmap_size = 0');
}

export interface CollectionStaging {
  add(row: StagedCollection): void;
  /** How many rows are staged, and the earliest date among them. */
  summary(): { rows: number; firstDate: IsoDate | null };
  /** The staged rows by date, then by line, a page at a time (safe to write between pages). */
  inDateOrder(): Iterable<StagedCollection>;
}

/**
 * On PostgreSQL the rows wait in memory (a round trip per row to a temp table would cost more
 * than the import), sorted by date then line when they are read.
 */
function memoryStaging(): CollectionStaging {
  const rows: StagedCollection[] = [];
  return {
    add: (r) => void rows.push(r),
    summary: () => ({ rows: rows.length, firstDate: rows.reduce<IsoDate | null>((m, r) => (m === null || r.date < m ? r.date : m), null) }),
    inDateOrder: () => rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line)),
  };
}

/** Empties and opens the staging table for collections (call inside the import's transaction). */
export function collectionStaging(ledger: LedgerDb): CollectionStaging {
  const sqlite = ledger.sqlite;
  if (!sqlite) return memoryStaging();
  prepareTemp(sqlite);
  const insert = sqlite.prepare('INSERT INTO temp.import_collections (date, line, code, amount_fen, method, ref) VALUES (?, ?, ?, ?, ?, ?)');
  const page = sqlite.prepare(
    'SELECT date, line, code, amount_fen, method, ref FROM temp.import_collections WHERE (date, line) > (?, ?) ORDER BY date, line LIMIT ?',
  );
  return {
    add: (r) => void insert.run(r.date, r.line, r.code, r.amount_fen, r.method, r.ref),
    summary() {
      const r = sqlite.prepare('SELECT COUNT(*) AS n, MIN(date) AS first FROM temp.import_collections').get() as { n: number; first: string | null };
      return { rows: r.n, firstDate: r.first };
    },
    *inDateOrder() {
      let after: [string, number] = ['', 0];
      for (;;) {
        const rows = page.all(after[0], after[1], PAGE) as StagedCollection[];
        yield* rows;
        if (rows.length < PAGE) return;
        const last = rows[rows.length - 1]!;
        after = [last.date, last.line];
      }
    },
  };
}

/** Results of an import kept aside (in the temp database) to be printed once it is committed. */
export interface ResultSpool {
  add(json: string): void;
  /** The kept results in the order they were added, a page at a time. */
  read(): Iterable<string>;
}

export function resultSpool(ledger: LedgerDb): ResultSpool {
  const sqlite = ledger.sqlite;
  if (!sqlite) {
    const kept: string[] = [];
    return { add: (json) => void kept.push(json), read: () => kept };
  }
  const insert = sqlite.prepare('INSERT INTO temp.import_results (json) VALUES (?)');
  const page = sqlite.prepare('SELECT n, json FROM temp.import_results WHERE n > ? ORDER BY n LIMIT ?');
  return {
    add: (json) => void insert.run(json),
    *read() {
      let after = 0;
      for (;;) {
        const rows = page.all(after, PAGE) as { n: number; json: string }[];
        for (const r of rows) yield r.json;
        if (rows.length < PAGE) return;
        after = rows[rows.length - 1]!.n;
      }
    },
  };
}

/**
 * A household's fee position for allocating payments: its charges (every year billed, owed
 * from any date) and what it has paid so far net of voids. Prepared statements, by household,
 * through the covering index entries_household_money of schema/0004.
 */
export function householdPositions(ledger: LedgerDb): (code: string) => Promise<{ charges: YearAmount[]; paidFen: Fen }> {
  if (!ledger.sqlite) return (code) => positionThroughKysely(ledger, code);
  const charges = ledger.sqlite.prepare(
    `SELECT year, SUM(${CHARGE_EFFECT_SQL}) AS amount_fen FROM entries INDEXED BY entries_household_money
      WHERE household = ? AND kind IN ('charge', 'waiver', 'void') AND year IS NOT NULL GROUP BY year HAVING SUM(kind = 'charge') > 0 ORDER BY year`,
  );
  const paid = ledger.sqlite.prepare(
    "SELECT COALESCE(SUM(cash_fen), 0) AS paid FROM entries INDEXED BY entries_household_money WHERE household = ? AND kind IN ('collection', 'refund', 'void')",
  );
  return async (code) => ({
    charges: (charges.all(code) as { year: number; amount_fen: number }[]).map((c) => ({ year: c.year, amountFen: c.amount_fen })),
    paidFen: Number((paid.get(code) as { paid: number }).paid),
  });
}

async function positionThroughKysely(ledger: LedgerDb, code: string): Promise<{ charges: YearAmount[]; paidFen: Fen }> {
  const charges = await sql<{ year: number; amount_fen: number }>`
    SELECT year, SUM(${sql.raw(CHARGE_EFFECT_SQL)}) AS amount_fen FROM entries
     WHERE household = ${code} AND kind IN ('charge', 'waiver', 'void') AND year IS NOT NULL
     GROUP BY year HAVING SUM(CASE WHEN kind = 'charge' THEN 1 ELSE 0 END) > 0 ORDER BY year`.execute(ledger.db);
  const paid = await sql<{ paid: number }>`
    SELECT COALESCE(SUM(cash_fen), 0) AS paid FROM entries WHERE household = ${code} AND kind IN ('collection', 'refund', 'void')`.execute(ledger.db);
  return { charges: charges.rows.map((c) => ({ year: c.year, amountFen: Number(c.amount_fen) })), paidFen: Number(paid.rows[0]!.paid) };
}
