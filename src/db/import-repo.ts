/**
 * Bulk imports: staging tables and the per-household reads an import needs, on either engine.
 *
 * A CSV of a hundred thousand collections is read once and staged (on SQLite in a TEMP table:
 * db/sqlite/import-staging.ts), then written in date order a page at a time, so an import's
 * memory does not grow with the file.
 */
import { sql } from 'kysely';
import type { YearAmount } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import { CHARGE_EFFECT_SQL } from './entries-repo.js';
import type { LedgerDb } from './open-database.js';
import { sqliteCollectionStaging, sqliteHouseholdPositions, sqliteResultSpool } from './sqlite/import-staging.js';

/** A validated CSV row waiting to be written, with the line it came from. */
export interface StagedCollection {
  line: number;
  date: IsoDate;
  code: string;
  amount_fen: Fen;
  method: string;
  ref: string | null;
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
  return ledger.sqlite ? sqliteCollectionStaging(ledger.sqlite) : memoryStaging();
}

/** Results of an import kept aside (in the temp database) to be printed once it is committed. */
export interface ResultSpool {
  add(json: string): void;
  /** The kept results in the order they were added, a page at a time. */
  read(): Iterable<string>;
}

export function resultSpool(ledger: LedgerDb): ResultSpool {
  if (ledger.sqlite) return sqliteResultSpool(ledger.sqlite);
  const kept: string[] = [];
  return { add: (json) => void kept.push(json), read: () => kept };
}

/**
 * A household's fee position for allocating payments: its charges (every year billed, owed
 * from any date) and what it has paid so far net of voids. Prepared statements, by household,
 * through the covering index entries_household_money of schema/0004: the form of
 * entries-repo.ts `householdPosition` for the writers that ask it of thousands of households
 * (an import, `bill`).
 */
export function householdPositions(ledger: LedgerDb): (code: string) => Promise<{ charges: YearAmount[]; paidFen: Fen }> {
  if (ledger.sqlite) return sqliteHouseholdPositions(ledger.sqlite);
  return positionsThroughKysely(ledger);
}

/**
 * Every household's position at once, in two grouped queries, the first time one is asked
 * for: on a server a query per household is a round trip per household (10,000 households,
 * 20,000 round trips). Households with nothing billed or paid get an empty position.
 */
function positionsThroughKysely(ledger: LedgerDb): (code: string) => Promise<{ charges: YearAmount[]; paidFen: Fen }> {
  let all: Promise<Map<string, { charges: YearAmount[]; paidFen: Fen }>> | null = null;
  const load = async () => {
    const out = new Map<string, { charges: YearAmount[]; paidFen: Fen }>();
    const at = (code: string) => {
      let p = out.get(code);
      if (!p) out.set(code, (p = { charges: [], paidFen: 0 }));
      return p;
    };
    const charges = await sql<{ household: string; year: number; amount_fen: number }>`
      SELECT household, year, SUM(${sql.raw(CHARGE_EFFECT_SQL)}) AS amount_fen FROM entries
       WHERE household IS NOT NULL AND kind IN ('charge', 'waiver', 'void') AND year IS NOT NULL
       GROUP BY household, year HAVING SUM(CASE WHEN kind = 'charge' THEN 1 ELSE 0 END) > 0 ORDER BY household, year`.execute(ledger.db);
    for (const c of charges.rows) at(c.household).charges.push({ year: c.year, amountFen: Number(c.amount_fen) });
    const paid = await sql<{ household: string; paid: number }>`
      SELECT household, SUM(cash_fen) AS paid FROM entries
       WHERE household IS NOT NULL AND kind IN ('collection', 'refund', 'void') GROUP BY household`.execute(ledger.db);
    for (const r of paid.rows) at(r.household).paidFen = Number(r.paid);
    return out;
  };
  return async (code) => {
    all ??= load();
    const p = (await all).get(code);
    return p ? { charges: [...p.charges], paidFen: p.paidFen } : { charges: [], paidFen: 0 };
  };
}
