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

/** The kinds of entry that move what a household owes: charges and waivers, payments and refunds, and their voids. */
export const POSITION_KINDS = ['charge', 'waiver', 'collection', 'refund', 'void'] as const;

/**
 * How an entry moves a household's charge for its year (SQL over `entries`): a charge adds, a
 * waiver (减免) takes off, the void of a waiver (which carries the waiver's year) puts it back.
 */
export const CHARGE_EFFECT_SQL =
  "CASE WHEN kind = 'charge' THEN amount_fen WHEN kind = 'waiver' THEN -amount_fen WHEN kind = 'void' AND year IS NOT NULL THEN amount_fen ELSE 0 END";
/** How an entry moves what a household has paid: collections in, refunds and voided receipts out. */
export const PAID_EFFECT_SQL = "CASE WHEN kind IN ('collection', 'refund', 'void') THEN cash_fen ELSE 0 END";

/** A household's charge of one year: owed from `date`, net of its waivers. */
export interface NetCharge {
  year: number;
  date: IsoDate;
  amountFen: number;
}

/**
 * A household's position (the one definition, used by its statement, collect, refund and
 * waive): its charges year by year net of waivers, and what it has paid net of voids and
 * refunds; with `asOf`, as it stood at the end of that day.
 */
export async function householdPosition(ledger: LedgerDb, household: string, asOf?: IsoDate): Promise<{ charges: NetCharge[]; paidFen: number }> {
  let q = ledger.db
    .selectFrom('entries')
    .select(['kind', 'date', 'year', 'amount_fen', 'cash_fen'])
    .where('household', '=', household)
    .where('kind', 'in', [...POSITION_KINDS]);
  if (asOf) q = q.where('date', '<=', asOf);
  const rows = await q.orderBy('seq').execute();
  const charges = new Map<number, NetCharge>();
  let paidFen = 0;
  for (const r of rows) {
    if (r.kind === 'charge') charges.set(r.year!, { year: r.year!, date: r.date, amountFen: r.amount_fen! });
    else if (r.kind === 'waiver' || (r.kind === 'void' && r.year !== null)) {
      const c = charges.get(r.year!);
      if (c) c.amountFen += r.kind === 'waiver' ? -r.amount_fen! : r.amount_fen!;
    } else paidFen += r.cash_fen;
  }
  return { charges: [...charges.values()].sort((a, b) => a.year - b.year), paidFen };
}

/** Every money entry of one household (charges, collections, voids) in date order, for its statement. */
export async function householdEntries(ledger: LedgerDb, household: string): Promise<EntryRow[]> {
  return ledger.db
    .selectFrom('entries')
    .selectAll()
    .where('household', '=', household)
    .where('kind', 'in', [...POSITION_KINDS])
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

/** The journal's latest entry: its seq and hash (the check code printed on papers is its first 16 hex digits). */
export async function journalHead(ledger: LedgerDb): Promise<{ seq: number; hash: string } | null> {
  const row = await ledger.db.selectFrom('entries').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ?? null;
}
