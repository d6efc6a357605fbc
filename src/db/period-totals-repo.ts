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
 * waiver each one pair; several pairs of one year are summed by `netByYear`). On the rows of a
 * closed day, `owed` is what an owing household still owed then, year by year, in the same form
 * (the answer of `owedYears`), and `owner` who owned it then (schema/0012): kept so that reports
 * need not work them out again.
 */
import { sql, type RawBuilder } from 'kysely';
import { outstanding, splitFeeMoney, type YearAmount } from '../domain/allocation.js';
import { previousDay, yearOf, type IsoDate } from '../domain/dates.js';
import { halfOf, halfYearEndBefore } from '../domain/period.js';
import { ownerNameOn, type Household } from '../domain/projection.js';
import type { Fen } from '../domain/money.js';
import { CHARGE_EFFECT_SQL, journalHead, PAID_EFFECT_SQL } from './entries-repo.js';
import { manyRows } from './many-rows.js';
import type { LedgerDb } from './open-database.js';
import { registerAsRecorded } from './register-repo.js';

/**
 * `year:amount` pairs (a charge, its waivers and their voids) summed per year, in year order. Read
 * character by character: a report reads one list per household, ten thousand in a district.
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
    // Kept in year order (the lists are short: one pair per year charged, mostly in order).
    let at = out.length;
    while (at > 0 && out[at - 1]!.year > year) at--;
    if (at > 0 && out[at - 1]!.year === year) out[at - 1]!.amountFen += amount;
    else if (at === out.length) out.push({ year, amountFen: amount });
    else out.splice(at, 0, { year, amountFen: amount });
  }
  return out;
}

/** `list` as `year:amount` pairs (`2023:20000,2024:60000`), as `netByYear` reads them; null when empty. */
export function yearPairs(list: readonly YearAmount[]): string | null {
  if (list.length === 0) return null;
  let out = '';
  for (let i = 0; i < list.length; i++) out += `${i === 0 ? '' : ','}${list[i]!.year}:${list[i]!.amountFen}`;
  return out;
}

/**
 * What a household still owed on the day of `row`, year by year, oldest first: as a lock kept it
 * on the row for that day, else worked out from the row's charges and payments (`owedOf`).
 */
export function owedYears(row: HouseholdTotalsRow): YearAmount[] {
  return row.owed != null ? netByYear(row.owed) : owedOf(row.years, row.charged_fen, row.paid_fen);
}

/**
 * What a household charged `years` (`year:amount` pairs, `chargedFen` in all) still owes once
 * `paidFen` has paid its oldest charges first (domain/allocation.ts `outstanding`): what a lock
 * keeps as `owed`, and what verify works out again.
 */
function owedOf(years: string | null, chargedFen: Fen, paidFen: Fen): YearAmount[] {
  return chargedFen > paidFen ? outstanding(netByYear(years), paidFen).owed : [];
}

/**
 * A household's charges for one fee year (net of waivers) from its `year:amount` pairs, without
 * reading the other years: a disclosure asks it of every owing household, for the fee year alone.
 */
export function chargedInYear(pairs: string | null, year: number): Fen {
  if (!pairs) return 0;
  const key = `${year}:`;
  let sum = 0;
  for (let at = pairs.indexOf(key); at >= 0; at = pairs.indexOf(key, at + 1)) {
    // A whole pair only: at the start or after a comma (`12023:` is not `2023:`).
    if (at > 0 && pairs.charCodeAt(at - 1) !== 44 /* , */) continue;
    let i = at + key.length;
    const negative = pairs.charCodeAt(i) === 45; /* - */
    if (negative) i++;
    let amount = 0;
    for (let c = pairs.charCodeAt(i); c >= 48 && c <= 57; c = pairs.charCodeAt(++i)) amount = amount * 10 + (c - 48);
    sum += negative ? -amount : amount;
  }
  return sum;
}

/** The stored totals of the last closed day on or before `date` (and the lock that stored them), or null when there are none. */
export async function closedTotalsOn(ledger: LedgerDb, date: IsoDate): Promise<{ through: IsoDate; fundFen: Fen; lockSeq: number } | null> {
  const row = await ledger.db
    .selectFrom('period_totals')
    .select(['through', 'fund_fen', 'lock_seq'])
    .where('through', '<=', date)
    .orderBy('through', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { through: row.through, fundFen: Number(row.fund_fen), lockSeq: Number(row.lock_seq) } : null;
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
  /** What it still owed, as `year:amount` pairs: on a closed day's stored row, where the lock kept it (see `owedYears`). */
  owed?: string | null;
  /**
   * Its owner of record that day, on a closed day's stored row where the lock kept it: whoever
   * reads it checks that the register has not changed since (db/register-repo.ts `householdsChangedSince`).
   */
  owner?: string | null;
}

/**
 * Each household's totals as of `asOf`: the stored totals of the last closed day T on or before
 * it plus the entries dated in (T, asOf], in household order; `having` keeps only some (e.g.
 * those owing). On a closed day itself that is one read of the stored rows; in an open period
 * the households that moved since T are added to them here (a few, against ten thousand rows
 * that a GROUP BY over both would sort again). A command asking for the same day again (a
 * disclosure: the fee split, then the arrears) is given the rows it was given first, while the
 * journal has not grown; they are shared, and callers must not change them. `owners: false`:
 * the caller will not look at the owner a lock kept on a row (which may then be left unread).
 */
export async function householdTotalsOn(ledger: LedgerDb, asOf: IsoDate, having?: 'owing', { owners = true } = {}): Promise<readonly HouseholdTotalsRow[]> {
  const memo = (await totalsMemo(ledger)).days;
  const known = memo.get(asOf);
  if (known) return having === 'owing' ? known.filter(owes) : known;
  const closed = await closedTotalsOn(ledger, asOf);
  if (!closed) {
    const owing = having === 'owing' ? sql`WHERE charged_fen > paid_fen` : sql``;
    const r = await sql<HouseholdTotalsRow>`
      SELECT household, charged_fen, paid_fen, years FROM (${householdMovementsSql(ledger, null, asOf)}) t ${owing}`.execute(ledger.db);
    const rows = inHouseholdOrder(asTotals(r.rows));
    if (having === undefined) memo.set(asOf, rows);
    return rows;
  }
  const moved = closed.through === asOf ? [] : await movedBetween(ledger, closed.through, asOf);
  if (having === 'owing' && moved.length <= MOVED_READ_APART && !memo.has(closed.through)) {
    // Only who owes is wanted, and few moved since T: those stored as owing (half the rows) and
    // those that moved, not kept. A household neither owing on T nor moved since owes nothing.
    const stored = await storedTotals(ledger, closed.through, { owing: true, codes: moved.map((m) => m.household), owners });
    return moved.length === 0 ? stored : withMoved(stored, moved).filter(owes);
  }
  const stored = memo.get(closed.through) ?? (await storedTotals(ledger, closed.through));
  memo.set(closed.through, stored);
  const rows = moved.length === 0 ? stored : withMoved(stored, moved);
  memo.set(asOf, rows);
  return having === 'owing' ? rows.filter(owes) : rows;
}

/** Up to this many households moved since a closed day, their stored rows of it are read by code; beyond, all are read at once. */
const MOVED_READ_APART = 1000;

/**
 * The stored rows of a closed day (in household order) with what moved since added, in
 * household order: the two lists merged in one pass, as ten thousand stored rows pass here.
 */
export function withMoved(stored: readonly HouseholdTotalsRow[], moved: readonly HouseholdTotalsRow[]): HouseholdTotalsRow[] {
  const add = inHouseholdOrder([...moved]);
  const out: HouseholdTotalsRow[] = [];
  let j = 0;
  for (const t of stored) {
    while (j < add.length && byHousehold(add[j]!, t) < 0) out.push(add[j++]!);
    if (j < add.length && add[j]!.household === t.household) out.push(plus(t, add[j++]!));
    else out.push(t);
  }
  while (j < add.length) out.push(add[j++]!);
  return out;
}

/** A household's stored totals `t` (if any) with what moved since, `add`; what it owes now is worked out again (no `owed`), as is its owner. */
const plus = (t: HouseholdTotalsRow | undefined, add: HouseholdTotalsRow): HouseholdTotalsRow =>
  t
    ? { household: t.household, charged_fen: t.charged_fen + add.charged_fen, paid_fen: t.paid_fen + add.paid_fen, years: t.years === null ? add.years : add.years === null ? t.years : `${t.years},${add.years}` }
    : add;
const owes = (r: HouseholdTotalsRow) => r.charged_fen > r.paid_fen;
/** Rows as read (fresh objects), their sums made numbers in place (PostgreSQL gives a bigint SUM as text). */
function asTotals(rows: HouseholdTotalsRow[]): HouseholdTotalsRow[] {
  for (const x of rows) {
    if (typeof x.charged_fen !== 'number') x.charged_fen = Number(x.charged_fen);
    if (typeof x.paid_fen !== 'number') x.paid_fen = Number(x.paid_fen);
  }
  return rows;
}
const byHousehold = (a: { household: string }, b: { household: string }) => (a.household < b.household ? -1 : a.household > b.household ? 1 : 0);
/**
 * `rows` in household order as the code compares codes: the database's ORDER BY (bytes of UTF-8)
 * agrees but for characters beyond the BMP, so rows it sorted are only checked, in one pass.
 */
function inHouseholdOrder(rows: HouseholdTotalsRow[]): HouseholdTotalsRow[] {
  for (let i = 1; i < rows.length; i++) if (byHousehold(rows[i - 1]!, rows[i]!) > 0) return rows.sort(byHousehold);
  return rows;
}
const byCode = (rows: readonly HouseholdTotalsRow[]) => new Map(rows.map((r) => [r.household, r]));

/**
 * The stored rows of the closed day `through`, in household order: all of them, or with `only`
 * those owing (`owing`) and those of the households `codes`, without their owners (`owners: false`).
 */
async function storedTotals(ledger: LedgerDb, through: IsoDate, only?: { owing?: boolean; codes?: readonly string[]; owners?: boolean }): Promise<HouseholdTotalsRow[]> {
  const columns = ['household', 'charged_fen', 'paid_fen', 'years', 'owed'] as const;
  // The owners are read only where they are wanted: a name for each of thousands of rows.
  let q = ledger.db
    .selectFrom('household_totals')
    .select(only?.owners === false ? columns : [...columns, 'owner'])
    .where('through', '=', through);
  if (only) {
    const { owing = false, codes = [] } = only;
    if (!owing && codes.length === 0) return [];
    q = q.where((eb) => eb.or([...(owing ? [eb('charged_fen', '>', eb.ref('paid_fen'))] : []), ...(codes.length > 0 ? [eb('household', 'in', [...codes])] : [])]));
  }
  return inHouseholdOrder(asTotals(await manyRows(ledger, q.orderBy('household').compile())));
}

/**
 * What each household that moved in (through, asOf] moved there (the rows of
 * `householdMovementsSql`), once per command and journal head: the fee split and the arrears of
 * an open half-year both ask.
 */
async function movedBetween(ledger: LedgerDb, through: IsoDate, asOf: IsoDate): Promise<readonly HouseholdTotalsRow[]> {
  const memo = (await totalsMemo(ledger)).moved;
  const key = `${through}/${asOf}`;
  let rows = memo.get(key);
  if (!rows) memo.set(key, (rows = asTotals((await householdMovementsSql(ledger, through, asOf).execute(ledger.db)).rows)));
  return rows;
}

/**
 * The totals given out so far by day, and the movements between two days, for the ledger as it
 * stands: forgotten when the journal has grown (a write, or a lock that stored totals and was
 * rolled back and made again).
 */
interface TotalsMemo {
  head: string;
  days: Map<IsoDate, readonly HouseholdTotalsRow[]>;
  moved: Map<string, readonly HouseholdTotalsRow[]>;
}
const memos = new WeakMap<LedgerDb, TotalsMemo>();
async function totalsMemo(ledger: LedgerDb): Promise<TotalsMemo> {
  const h = await journalHead(ledger);
  const head = h ? `${h.seq}:${h.hash}` : '0';
  let memo = memos.get(ledger);
  if (!memo || memo.head !== head) memos.set(ledger, (memo = { head, days: new Map(), moved: new Map() }));
  return memo;
}

/** Fee collections and their voids dated in [from, to], split by fee year. */
export interface FeeSplitRow {
  /** Net cash from fee collections (collections minus voids of collections). */
  total_fen: Fen;
  /** Allocations to the fee year of the collection's date (本年度). */
  current_fen: Fen;
  /** Allocations to years before it (往年欠费). */
  arrears_fen: Fen;
}

/**
 * The fee income of a period (collections net of voids and refunds dated in it), split by the
 * year the money pays as the charges stand at the period's end (domain/allocation.ts
 * `splitFeeMoney`): a prepayment that a later bill took for its year counts for that year in
 * every period ending after the charge, and as 预收 before. Each household's totals on the
 * period's end (what it had paid and its charges by year, as arrears has them:
 * db/period-totals-repo.ts) and what it had paid before the period: on the day after a closed
 * day, the stored totals; otherwise one grouped read of the payments since the last closed
 * day (or from the start). A closed day's half-year up to that day is split once, by `lock`,
 * and read back from `period_fee_split`.
 */
export async function feeSplit(ledger: LedgerDb, from: IsoDate, to: IsoDate, feeYear: number): Promise<FeeSplit> {
  const stored = await ledger.db
    .selectFrom('period_fee_split')
    .select(['total_fen', 'current_fen', 'arrears_fen', 'refunds_fen'])
    .where('through', '=', to)
    .where('from_date', '=', from)
    .where('fee_year', '=', feeYear)
    .executeTakeFirst();
  if (stored) {
    return { total_fen: Number(stored.total_fen), current_fen: Number(stored.current_fen), arrears_fen: Number(stored.arrears_fen), refunds_fen: Number(stored.refunds_fen) };
  }
  return splitOfEntries(ledger, from, to, feeYear);
}

export type FeeSplit = FeeSplitRow & { refunds_fen: Fen };

/** `feeSplit` from the entries and the stored household totals, not from a stored split (which `lock` stores, and `verify` checks, with it). */
async function splitOfEntries(ledger: LedgerDb, from: IsoDate, to: IsoDate, feeYear: number): Promise<FeeSplit> {
  const start = previousDay(from);
  const closed = await closedTotalsOn(ledger, start);
  const out = { total_fen: 0, current_fen: 0, arrears_fen: 0, refunds_fen: await refundsIn(ledger, from, to) };
  const add = (years: string | null, before: Fen, within: Fen) => {
    // A household whose payments in the period net to nothing moved no fee money.
    if (within === 0) return;
    const split = splitFeeMoney(netByYear(years), before, within, feeYear);
    out.total_fen += within;
    out.current_fen += split.currentFen;
    out.arrears_fen += split.arrearsFen;
  };
  if (closed?.through === start) {
    // The period starts the day after a closed one: only the households that moved in it moved
    // fee money, and what each had before is stored (only theirs read, when they are few).
    const moved = await movedBetween(ledger, start, to);
    const before = byCode(moved.length <= MOVED_READ_APART ? await storedTotals(ledger, start, { codes: moved.map((m) => m.household) }) : await householdTotalsOn(ledger, start));
    for (const m of moved) {
      const b = before.get(m.household);
      add(plus(b, m).years, b?.paid_fen ?? 0, m.paid_fen);
    }
    return out;
  }
  // Each household's totals on `to`: what it has paid by then and its charges by year.
  const atEnd = await householdTotalsOn(ledger, to);
  const since = closed === null ? sql`` : sql`AND e.date > ${closed.through}`;
  const stored = closed ? sql`SELECT household, paid_fen AS before, 0 AS within FROM household_totals WHERE through = ${closed.through} UNION ALL` : sql``;
  const money = await sql<{ household: string; before: number; within: number }>`
    SELECT household, SUM(before) AS before, SUM(within) AS within FROM (
      ${stored}
      SELECT e.household,
        CASE WHEN e.date < ${from} THEN e.cash_fen ELSE 0 END AS before,
        CASE WHEN e.date >= ${from} THEN e.cash_fen ELSE 0 END AS within
      FROM entries e
      WHERE e.household IS NOT NULL AND e.kind IN ('collection', 'refund', 'void') ${since} AND e.date <= ${to}) t
    GROUP BY household`.execute(ledger.db);
  const years = new Map(atEnd.map((h) => [h.household, h.years]));
  for (const m of money.rows) add(years.get(m.household) ?? null, Number(m.before), Number(m.within));
  return out;
}

/** Fee money refunded (退费) to households on days in [from, to], as a positive sum. */
async function refundsIn(ledger: LedgerDb, from: IsoDate, to: IsoDate): Promise<Fen> {
  const row = await ledger.db
    .selectFrom('entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('cash_fen'), eb.lit(0)).as('cash'))
    .where('kind', '=', 'refund')
    .where('household', 'is not', null)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .executeTakeFirstOrThrow();
  return 0 - Number(row.cash);
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
 * it, unless stored already, and the fee split of every closed day that has none. Inside the
 * lock's transaction.
 */
export async function storeClosedTotals(ledger: LedgerDb, through: IsoDate, lockSeq: number): Promise<IsoDate[]> {
  const stored: IsoDate[] = [];
  // The owners of record as the register stood when the lock was recorded (a copy stores them after copying every entry).
  let register: ReadonlyMap<string, Household> | null = null;
  for (const day of [halfYearEndBefore(through), through]) {
    const have = await ledger.db.selectFrom('period_totals').select('through').where('through', '=', day).executeTakeFirst();
    if (have) continue;
    // Each from the last stored day before it: the first lock of an old ledger adds up its history once.
    const rows = await householdTotalsOn(ledger, day);
    const fundFen = await fundOn(ledger, day);
    const owners = (register ??= (await registerAsRecorded(ledger)).at(lockSeq));
    await ledger.db.insertInto('period_totals').values({ through: day, lock_seq: lockSeq, fund_fen: fundFen, households: rows.length }).execute();
    for (let i = 0; i < rows.length; i += 500) {
      await ledger.db
        .insertInto('household_totals')
        .values(
          rows.slice(i, i + 500).map((r) => ({
            through: day,
            household: r.household,
            charged_fen: r.charged_fen,
            paid_fen: r.paid_fen,
            years: r.years,
            owed: yearPairs(owedOf(r.years, r.charged_fen, r.paid_fen)),
            owner: ownerNameOn(owners, r.household, day),
          })),
        )
        .execute();
    }
    stored.push(day);
  }
  // Each closed day's split, those of days closed before schema/0009 included.
  for (const d of await storedClosedDays(ledger)) await storeFeeSplit(ledger, d.through);
  return stored;
}

/** The fee money of the closed day's half-year up to it, split, unless stored already. */
async function storeFeeSplit(ledger: LedgerDb, day: IsoDate): Promise<void> {
  const have = await ledger.db.selectFrom('period_fee_split').select('through').where('through', '=', day).executeTakeFirst();
  if (have) return;
  const from = halfOf(day).from;
  const split = await splitOfEntries(ledger, from, day, yearOf(day));
  await ledger.db.insertInto('period_fee_split').values({ through: day, from_date: from, fee_year: yearOf(day), ...split }).execute();
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
  // The owners each lock kept are checked against the register as it stood at that lock: the days in the order of their locks.
  const register = await registerAsRecorded(ledger);
  for (const d of [...days].sort((a, b) => Number(a.lock_seq) - Number(b.lock_seq) || (a.through < b.through ? -1 : 1))) {
    const lockSeq = Number(d.lock_seq);
    const owners = register.at(lockSeq);
    const fund = await cashIn(ledger, null, d.through);
    if (fund !== Number(d.fund_fen)) out.push({ through: d.through, lockSeq, what: `fund ${d.fund_fen} != ${fund}` });
    const actual = new Map((await householdMovementsSql(ledger, null, d.through).execute(ledger.db)).rows.map((r) => [r.household, r]));
    const stored = await ledger.db.selectFrom('household_totals').selectAll().where('through', '=', d.through).execute();
    if (stored.length !== Number(d.households)) out.push({ through: d.through, lockSeq, what: `${stored.length} households stored, ${d.households} recorded` });
    for (const s of stored) {
      const a = actual.get(s.household);
      actual.delete(s.household);
      if (!a || Number(a.charged_fen) !== Number(s.charged_fen) || Number(a.paid_fen) !== Number(s.paid_fen) || !sameYears(a.years, s.years) || !sameOwed(a, s.owed) || (s.owner !== null && s.owner !== ownerNameOn(owners, s.household, d.through))) {
        out.push({ through: d.through, lockSeq, what: `household ${s.household}` });
      }
    }
    for (const code of actual.keys()) out.push({ through: d.through, lockSeq, what: `household ${code} missing` });
  }
  // A split is made from the stored totals up to its day: once those are named as altered, the
  // splits of that day and later would only repeat it.
  const firstAltered = out.reduce<IsoDate | null>((first, m) => (first === null || m.through < first ? m.through : first), null);
  for (const f of await ledger.db.selectFrom('period_fee_split').selectAll().orderBy('through').execute()) {
    if (firstAltered !== null && f.through >= firstAltered) break;
    const day = days.find((d) => d.through === f.through);
    const lockSeq = day ? Number(day.lock_seq) : 0;
    if (f.from_date !== halfOf(f.through).from || Number(f.fee_year) !== yearOf(f.through)) {
      out.push({ through: f.through, lockSeq, what: `fee split of ${f.from_date}..${f.through} for ${f.fee_year}` });
      continue;
    }
    const actual = await splitOfEntries(ledger, f.from_date, f.through, Number(f.fee_year));
    for (const k of ['total_fen', 'current_fen', 'arrears_fen', 'refunds_fen'] as const) {
      if (Number(f[k]) !== actual[k]) out.push({ through: f.through, lockSeq, what: `fee split ${k} ${f[k]} != ${actual[k]}` });
    }
  }
  return out;
}

/** A stored `owed` (where there is one: rows stored before schema/0012 have none) is what the entries `actual` add up to. */
const sameOwed = (actual: HouseholdTotalsRow, stored: string | null): boolean =>
  stored === null || stored === yearPairs(owedOf(actual.years, Number(actual.charged_fen), Number(actual.paid_fen)));

const sameYears = (a: string | null, b: string | null): boolean => {
  const key = (p: string | null) => netByYear(p).filter((y) => y.amountFen !== 0).sort((x, y) => x.year - y.year).map((y) => `${y.year}:${y.amountFen}`).join(',');
  return key(a) === key(b);
};
