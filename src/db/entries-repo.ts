import { sql } from 'kysely';
import type { YearAmount } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import { formatNumber, seriesPrefix, type Series } from '../domain/numbering.js';
import type { LedgerDb } from './open-database.js';
import type { EntryRow } from './tables.js';

/**
 * The highest sequence number used under a prefix, e.g. `R2022-` -> 17 for `R2022-0017`.
 * Numbers grow past four digits in a big ledger, so compare by length first, then text.
 */
export async function lastNumberUnder(ledger: LedgerDb, prefix: string): Promise<number> {
  const row = await ledger.db
    .selectFrom('entries')
    .select('number')
    .where('number', '>=', prefix)
    .where('number', '<', prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1))
    .orderBy(sql`length(number)`, 'desc')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.number ? Number(row.number.slice(prefix.length)) : 0;
}

export async function findByNumber(ledger: LedgerDb, number: string): Promise<EntryRow | undefined> {
  return ledger.db.selectFrom('entries').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function findBySeq(ledger: LedgerDb, seq: number): Promise<EntryRow | undefined> {
  return ledger.db.selectFrom('entries').selectAll().where('seq', '=', seq).executeTakeFirst();
}

/** The void that reverses an entry, if any. */
export async function voidOf(ledger: LedgerDb, seq: number): Promise<EntryRow | undefined> {
  return ledger.db
    .selectFrom('entries')
    .selectAll()
    .where('kind', '=', 'void')
    .where('target_seq', '=', seq)
    .executeTakeFirst();
}

export async function allocationsOf(ledger: LedgerDb, seq: number): Promise<YearAmount[]> {
  const rows = await ledger.db
    .selectFrom('allocations')
    .select(['year', 'amount_fen'])
    .where('entry_seq', '=', seq)
    .orderBy('year')
    .execute();
  return rows.map((r) => ({ year: r.year, amountFen: r.amount_fen }));
}

/** A household's charges, oldest year first; with `asOf`, only those owed by that day. */
export async function chargesOf(ledger: LedgerDb, household: string, asOf?: IsoDate): Promise<EntryRow[]> {
  let q = ledger.db
    .selectFrom('entries')
    .selectAll()
    .where('household', '=', household)
    .where('kind', '=', 'charge');
  if (asOf) q = q.where('date', '<=', asOf);
  return q.orderBy('year').execute();
}

/**
 * What a household has paid: its collections net of their voids. With `asOf`, only what
 * was paid, and voided, by that day.
 */
export async function paidFenOf(ledger: LedgerDb, household: string, asOf?: IsoDate): Promise<number> {
  let q = ledger.db
    .selectFrom('entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('cash_fen'), eb.lit(0)).as('paid'))
    .where('household', '=', household)
    .where('kind', 'in', ['collection', 'void']);
  if (asOf) q = q.where('date', '<=', asOf);
  const row = await q.executeTakeFirstOrThrow();
  return Number(row.paid);
}

/** Every money entry of one household (charges, collections, voids) in date order, for its statement. */
export async function householdEntries(ledger: LedgerDb, household: string): Promise<EntryRow[]> {
  return ledger.db
    .selectFrom('entries')
    .selectAll()
    .where('household', '=', household)
    .where('kind', 'in', ['charge', 'collection', 'void'])
    .orderBy('date')
    .orderBy('seq')
    .execute();
}

/** Codes of the households already billed for a year. */
export async function billedHouseholds(ledger: LedgerDb, year: number): Promise<Set<string>> {
  const rows = await ledger.db
    .selectFrom('entries')
    .select('household')
    .where('kind', '=', 'charge')
    .where('year', '=', year)
    .execute();
  return new Set(rows.map((r) => r.household!));
}

/** Charges owed by `asOf`, per household and year (every household at once, for arrears). */
export async function chargesAsOf(ledger: LedgerDb, asOf: IsoDate): Promise<{ household: string; year: number; amount_fen: number }[]> {
  const rows = await ledger.db
    .selectFrom('entries')
    .select(['household', 'year', 'amount_fen'])
    .where('kind', '=', 'charge')
    .where('date', '<=', asOf)
    .execute();
  return rows as { household: string; year: number; amount_fen: number }[];
}

/** Net payments by `asOf`, per household. */
export async function paymentsAsOf(ledger: LedgerDb, asOf: IsoDate): Promise<Map<string, number>> {
  const rows = await ledger.db
    .selectFrom('entries')
    .select((eb) => ['household', eb.fn.sum<number>('cash_fen').as('paid')])
    .where('kind', 'in', ['collection', 'void'])
    .where('household', 'is not', null)
    .where('date', '<=', asOf)
    .groupBy('household')
    .execute();
  return new Map(rows.map((r) => [r.household!, Number(r.paid)]));
}

/** How many numbers of a series a year has used so far (0 for none). */
export const lastNumberOf = (ledger: LedgerDb, series: Series, year: number): Promise<number> =>
  lastNumberUnder(ledger, seriesPrefix(series, year));

/** The next number of a series in a year. Call inside the write transaction that uses it. */
export async function nextNumber(ledger: LedgerDb, series: Series, year: number): Promise<string> {
  return formatNumber(series, year, (await lastNumberOf(ledger, series, year)) + 1);
}

/** The latest day closed by `ledger lock`, or null. */
export async function lockedThrough(ledger: LedgerDb): Promise<IsoDate | null> {
  const row = await ledger.db
    .selectFrom('entries')
    .select((eb) => eb.fn.max('end_date').as('through'))
    .where('kind', '=', 'lock')
    .executeTakeFirst();
  return (row?.through as string | null) ?? null;
}
