/**
 * Totals of closed periods (schema/0008_period_totals.sql): the fund, and each household's
 * charges by fee year and what it has paid, as of a day that `ledger lock` has closed.
 *
 * A day's totals are the same aggregates the reports would otherwise take over the whole
 * history; once a day is locked, no entry dated on or before it can be added, so they never
 * change. A report needing them as of day D reads the totals of the last closed day T <= D and
 * adds the entries dated in (T, D]: the work is one row per household plus the open period,
 * however old the ledger. Without totals (nothing locked yet, or D before the first lock) the
 * same functions read from the start (T = none). `ledger verify` adds every stored total up
 * again from the entries (`periodTotalsMismatches`).
 *
 * `years` is a household's charges as `year:amount` pairs (a charge, a waiver, a voided
 * waiver each one pair; several pairs of one year are summed by `netByYear`).
 */
import { sql, type RawBuilder } from 'kysely';
import type { YearAmount } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import { halfYearEndBefore } from '../domain/period.js';
import type { Fen } from '../domain/money.js';
import { CHARGE_EFFECT_SQL, PAID_EFFECT_SQL } from './entries-repo.js';
import type { LedgerDb } from './open-database.js';

/**
 * `year:amount` pairs (a charge, its waivers and their voids) summed per year. Read character
 * by character: a report reads one list per household, ten thousand in a district.
 */
export function netByYear(pairs: string | null): YearAmount[] {
  const out: YearAmount[] = [];
  if (!pairs) return out;
  const n = pairs.length;
  let i = 0;
  while (i < n) {
    let year = 0;
    while (i < n && pairs.charCodeAt(i) !== 58 /* : */) year = year * 10 + (pairs.charCodeAt(i++) - 48);
    i++;
    const negative = pairs.charCodeAt(i) === 45; /* - */
    if (negative) i++;
    let amount = 0;
    while (i < n && pairs.charCodeAt(i) !== 44 /* , */) amount = amount * 10 + (pairs.charCodeAt(i++) - 48);
    i++;
    if (negative) amount = -amount;
    const same = out.find((y) => y.year === year);
    if (same) same.amountFen += amount;
    else out.push({ year, amountFen: amount });
  }
  return out;
}

/** The stored totals of the last closed day on or before `date`, or null when there are none. */
export async function closedTotalsOn(ledger: LedgerDb, date: IsoDate): Promise<{ through: IsoDate; fundFen: Fen } | null> {
  const row = await ledger.db
    .selectFrom('period_totals')
    .select(['through', 'fund_fen'])
    .where('through', '<=', date)
    .orderBy('through', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { through: row.through, fundFen: Number(row.fund_fen) } : null;
}

/**
 * Each household's charged, paid and `years` over the entries dated in (after, through]: the
 * rows of the arrears aggregate, one per household with any charge or payment there. `after`
 * null reads from the first entry (over the covering index of schema/0004, no table row read);
 * otherwise only that span's entries (by kind and date).
 */
export function householdMovementsSql(ledger: LedgerDb, after: IsoDate | null, through: IsoDate): RawBuilder<HouseholdTotalsRow> {
  const index = after === null ? 'entries_household_money' : 'entries_kind_date';
  return sql<HouseholdTotalsRow>`
    SELECT household,
      SUM(${sql.raw(CHARGE_EFFECT_SQL)}) AS charged_fen,
      SUM(${sql.raw(PAID_EFFECT_SQL)}) AS paid_fen,
      ${ledger.sql.commaList(sql`CASE WHEN kind IN ('charge', 'waiver') OR (kind = 'void' AND year IS NOT NULL) THEN year || ':' || (${sql.raw(CHARGE_EFFECT_SQL)}) END`)} AS years
    FROM entries ${ledger.sql.indexedBy(index)}
    WHERE household IS NOT NULL AND kind IN ('charge', 'waiver', 'collection', 'refund', 'void')
      AND ${after === null ? sql`1 = 1` : sql`date > ${after}`} AND date <= ${through}
    GROUP BY household`;
}

export interface HouseholdTotalsRow {
  household: string;
  charged_fen: Fen;
  paid_fen: Fen;
  years: string | null;
}

/**
 * Each household's totals as of `asOf`: the stored totals of the last closed day before it
 * plus the entries since, summed per household; `having` keeps only some (e.g. those owing).
 */
export async function householdTotalsOn(ledger: LedgerDb, asOf: IsoDate, having?: 'owing'): Promise<HouseholdTotalsRow[]> {
  const closed = await closedTotalsOn(ledger, asOf);
  const owing = having === 'owing' ? sql`HAVING SUM(charged_fen) > SUM(paid_fen)` : sql``;
  const source = closed
    ? sql`SELECT household, charged_fen, paid_fen, years FROM household_totals WHERE through = ${closed.through}
          UNION ALL ${householdMovementsSql(ledger, closed.through, asOf)}`
    : householdMovementsSql(ledger, null, asOf);
  const r = await sql<HouseholdTotalsRow>`
    SELECT household, SUM(charged_fen) AS charged_fen, SUM(paid_fen) AS paid_fen, ${ledger.sql.commaList(sql.ref('years'))} AS years
    FROM (${source}) t
    GROUP BY household ${owing}`.execute(ledger.db);
  return r.rows.map((x) => ({ household: x.household, charged_fen: Number(x.charged_fen), paid_fen: Number(x.paid_fen), years: x.years }));
}

/** The fund (结余) on `through`: the stored fund of the last closed day before it, plus the cash since. */
export async function fundOn(ledger: LedgerDb, through: IsoDate): Promise<Fen> {
  const closed = await closedTotalsOn(ledger, through);
  return (closed?.fundFen ?? 0) + (await cashIn(ledger, closed?.through ?? null, through));
}

/** The cash of the entries dated in (after, through]: every receipt and income in, every expense out, voids reversing them. */
export async function cashIn(ledger: LedgerDb, after: IsoDate | null, through: IsoDate | null): Promise<Fen> {
  let q = ledger.db.selectFrom('entries').select((eb) => eb.fn.coalesce(eb.fn.sum<number>('cash_fen'), eb.lit(0)).as('cash'));
  if (after !== null) q = q.where('date', '>', after);
  if (through !== null) q = q.where('date', '<=', through);
  return Number((await q.executeTakeFirstOrThrow()).cash);
}

/**
 * Stores the totals of `through` (a day `lock` has just closed) and of the half-year end before
 * it, unless stored already. Inside the lock's transaction.
 */
export async function storeClosedTotals(ledger: LedgerDb, through: IsoDate, lockSeq: number): Promise<IsoDate[]> {
  const stored: IsoDate[] = [];
  for (const day of [halfYearEndBefore(through), through]) {
    const have = await ledger.db.selectFrom('period_totals').select('through').where('through', '=', day).executeTakeFirst();
    if (have) continue;
    // Each from the last stored day before it: the first lock of an old ledger adds up its history once.
    const rows = await householdTotalsOn(ledger, day);
    const fundFen = await fundOn(ledger, day);
    await ledger.db.insertInto('period_totals').values({ through: day, lock_seq: lockSeq, fund_fen: fundFen, households: rows.length }).execute();
    for (let i = 0; i < rows.length; i += 500) {
      await ledger.db
        .insertInto('household_totals')
        .values(rows.slice(i, i + 500).map((r) => ({ through: day, household: r.household, charged_fen: r.charged_fen, paid_fen: r.paid_fen, years: r.years })))
        .execute();
    }
    stored.push(day);
  }
  return stored;
}

/** Every day with stored totals, and the lock that stored them. */
export async function storedClosedDays(ledger: LedgerDb): Promise<{ through: IsoDate; lockSeq: number }[]> {
  const rows = await ledger.db.selectFrom('period_totals').select(['through', 'lock_seq']).orderBy('through').execute();
  return rows.map((r) => ({ through: r.through, lockSeq: Number(r.lock_seq) }));
}

/** A stored total that the entries no longer add up to, for verify. */
export interface TotalsMismatch {
  through: IsoDate;
  lockSeq: number;
  what: string;
}

/** Adds every stored day's totals up again from the entries alone, and names each that differs. */
export async function periodTotalsMismatches(ledger: LedgerDb): Promise<TotalsMismatch[]> {
  const days = await ledger.db.selectFrom('period_totals').selectAll().orderBy('through').execute();
  const out: TotalsMismatch[] = [];
  for (const d of days) {
    const lockSeq = Number(d.lock_seq);
    const fund = await cashIn(ledger, null, d.through);
    if (fund !== Number(d.fund_fen)) out.push({ through: d.through, lockSeq, what: `fund ${d.fund_fen} != ${fund}` });
    const actual = new Map((await householdMovementsSql(ledger, null, d.through).execute(ledger.db)).rows.map((r) => [r.household, r]));
    const stored = await ledger.db.selectFrom('household_totals').selectAll().where('through', '=', d.through).execute();
    if (stored.length !== Number(d.households)) out.push({ through: d.through, lockSeq, what: `${stored.length} households stored, ${d.households} recorded` });
    for (const s of stored) {
      const a = actual.get(s.household);
      actual.delete(s.household);
      if (!a || Number(a.charged_fen) !== Number(s.charged_fen) || Number(a.paid_fen) !== Number(s.paid_fen) || !sameYears(a.years, s.years)) {
        out.push({ through: d.through, lockSeq, what: `household ${s.household}` });
      }
    }
    for (const code of actual.keys()) out.push({ through: d.through, lockSeq, what: `household ${code} missing` });
  }
  return out;
}

const sameYears = (a: string | null, b: string | null): boolean => {
  const key = (p: string | null) => netByYear(p).filter((y) => y.amountFen !== 0).sort((x, y) => x.year - y.year).map((y) => `${y.year}:${y.amountFen}`).join(',');
  return key(a) === key(b);
};
