/**
 * Queries behind the disclosure (收支公示), the fee proposal and the status view.
 *
 * Every query reads only what its period needs: rows dated inside [from, to] (through the
 * `entries_kind_date` / `entries_date` indexes), single rows by primary key, or one
 * aggregate. The opening balance is one SUM over entries dated before the period
 * (`fundBalance`); nothing here walks the whole history row by row.
 *
 * Voids: a void (红冲) copies its target's household, category and vote, carries the negated
 * cash and the negated allocations. A void reverses its target on the void's own date (cash
 * basis), so a void of an earlier period's receipt reduces this period's income.
 */
import { sql } from 'kysely';
import { previousDay, type IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import { livesInYear } from '../domain/projection.js';
import { listCategories } from './categories-repo.js';
import { householdStays, loadProjection } from './register-repo.js';
import { manyValues } from './many-rows.js';
import type { LedgerDb } from './open-database.js';

/** Receipt numbers (收据号) issued for fee collections dated in [from, to]. */
export async function feeReceiptNumbers(ledger: LedgerDb, from: IsoDate, to: IsoDate): Promise<string[]> {
  // A half-year's receipts are thousands in a district: read as a plain list.
  const numbers = await manyValues(
    ledger,
    ledger.db.selectFrom('entries').select('number').where('kind', '=', 'collection').where('date', '>=', from).where('date', '<=', to).compile(),
  );
  return numbers as string[];
}

/** A money entry of the period (other income or expense) with the date of its void, if any. */
export interface LineEntryRow {
  seq: number;
  number: string;
  date: IsoDate;
  category: string;
  category_en: string | null;
  party: string | null;
  item: string | null;
  amount_fen: Fen;
  approved_by: string | null;
  ref: string | null;
  vote: string | null;
  note: string | null;
  recorded_by: string;
  voided_on: IsoDate | null;
}

/** Other income (公共收益) or expenses dated in [from, to], in date then number order. */
export async function lineEntries(ledger: LedgerDb, kind: 'income' | 'expense', from: IsoDate, to: IsoDate): Promise<LineEntryRow[]> {
  const rows = await ledger.db
    .selectFrom('entries as e')
    .leftJoin('entries as v', (j) => j.onRef('v.target_seq', '=', 'e.seq').on('v.kind', '=', 'void'))
    .select([
      'e.seq', 'e.number', 'e.date', 'e.category', 'e.party', 'e.item', 'e.amount_fen',
      'e.approved_by', 'e.ref', 'e.vote', 'e.note', 'e.recorded_by', 'v.date as voided_on',
    ])
    .where('e.kind', '=', kind)
    .where('e.date', '>=', from)
    .where('e.date', '<=', to)
    .orderBy('e.date')
    .orderBy('e.seq')
    .execute();
  return withCategoryNames(ledger, kind, rows as Omit<LineEntryRow, 'category_en'>[]);
}

/** Adds each row's English category name (categories are a projection of the journal). */
async function withCategoryNames(ledger: LedgerDb, line: 'income' | 'expense', rows: readonly Omit<LineEntryRow, 'category_en'>[]): Promise<LineEntryRow[]> {
  const names = new Map((await listCategories(ledger, line)).map((c) => [c.name, c.name_en]));
  return rows.map((r) => ({ ...r, category_en: names.get(r.category) ?? null }));
}

/** A void dated in [from, to] with what it reverses. */
export interface VoidRow {
  date: IsoDate;
  reason: string | null;
  recorded_by: string;
  cash_fen: Fen;
  target_number: string;
  target_kind: 'collection' | 'income' | 'expense';
  target_date: IsoDate;
  amount_fen: Fen;
  household: string | null;
  category: string | null;
  vote: string | null;
}

export async function voidsIn(ledger: LedgerDb, from: IsoDate, to: IsoDate): Promise<VoidRow[]> {
  const rows = await ledger.db
    .selectFrom('entries as e')
    .innerJoin('entries as t', 't.seq', 'e.target_seq')
    .select([
      'e.date', 'e.note as reason', 'e.recorded_by', 'e.cash_fen', 't.number as target_number', 't.kind as target_kind',
      't.date as target_date', 't.amount_fen', 't.household', 't.category', 't.vote',
    ])
    .where('e.kind', '=', 'void')
    .where('e.date', '>=', from)
    .where('e.date', '<=', to)
    .orderBy('e.date')
    .orderBy('e.seq')
    .execute();
  return rows as VoidRow[];
}

/** Cash in and out per calendar month (`2022-07`) of [from, to]; voids reduce their own side. */
export async function monthlyCash(ledger: LedgerDb, from: IsoDate, to: IsoDate): Promise<{ month: string; income_fen: Fen; expense_fen: Fen }[]> {
  // A void's cash is the negation of its target's: negative reverses income, positive an expense.
  const r = await sql<{ month: string; income: number; expense: number }>`
    SELECT substr(date, 1, 7) AS month,
      SUM(CASE WHEN kind IN ('collection', 'income') OR (kind = 'void' AND cash_fen < 0) THEN cash_fen ELSE 0 END) AS income,
      SUM(CASE WHEN kind = 'expense' OR (kind = 'void' AND cash_fen > 0) THEN -cash_fen ELSE 0 END) AS expense
    FROM entries
    WHERE kind IN ('collection', 'income', 'expense', 'void') AND date BETWEEN ${from} AND ${to}
    GROUP BY month ORDER BY month`.execute(ledger.db);
  return r.rows.map((x) => ({ month: x.month, income_fen: Number(x.income), expense_fen: Number(x.expense) }));
}

/** Charges for fee year `year` owed by `asOf` (应收): how many households and how much. */
export async function chargesForYear(ledger: LedgerDb, year: number, asOf: IsoDate): Promise<{ households: number; amount_fen: Fen }> {
  // The kind is written literally and the index named: see schema/0004.
  const r = await sql<{ households: number; amount: number }>`
    SELECT COUNT(*) AS households, COALESCE(SUM(amount_fen), 0) AS amount
    FROM entries ${ledger.sql.indexedBy('entries_charge_years')}
    WHERE kind = 'charge' AND year = ${year} AND date <= ${asOf}`.execute(ledger.db);
  const row = r.rows[0]!;
  return { households: Number(row.households), amount_fen: Number(row.amount) - (await waivedOfYear(ledger, year, asOf)) };
}

/** What waivers (减免, net of their voids) took off `year`'s charges by `asOf`. */
async function waivedOfYear(ledger: LedgerDb, year: number, asOf: IsoDate): Promise<Fen> {
  const r = await sql<{ waived: number | null }>`
    SELECT SUM(CASE WHEN kind = 'waiver' THEN amount_fen ELSE -amount_fen END) AS waived
    FROM entries
    WHERE year = ${year} AND date <= ${asOf} AND (kind = 'waiver' OR (kind = 'void' AND year IS NOT NULL))`.execute(ledger.db);
  return Number(r.rows[0]?.waived ?? 0);
}

/** How many households lived in the compound at some time in `year` (from their stays alone, not the whole register). */
export async function householdsLivingCount(ledger: LedgerDb, year: number): Promise<number> {
  const { registered, dated } = await householdStays(ledger);
  const undated = livesInYear({ since: null, ended: null }, year) ? registered - dated.length : 0;
  return undated + dated.filter((h) => livesInYear(h, year)).length;
}

/**
 * The votes a period's disclosure shows: closed in [from, to], or with spending (expenses or
 * their voids) against them dated in [from, to], or opened in [from, to]. Ids in order.
 */
export async function voteIdsOfPeriod(ledger: LedgerDb, from: IsoDate, to: IsoDate): Promise<{ id: string; reason: 'closed' | 'spent' | 'opened' }[]> {
  const touched = await ledger.db
    .selectFrom('entries')
    .select(['vote', 'kind'])
    .distinct()
    .where('kind', 'in', ['vote_close', 'expense', 'void'])
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('vote', 'is not', null)
    .execute();
  const opened = await ledger.db
    .selectFrom('entries')
    .select('number')
    .where('kind', '=', 'vote')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .execute();
  const reasons = new Map<string, 'closed' | 'spent' | 'opened'>();
  for (const o of opened) reasons.set(o.number!, 'opened');
  for (const t of touched) if (reasons.get(t.vote!) !== 'closed') reasons.set(t.vote!, t.kind === 'vote_close' ? 'closed' : 'spent');
  return [...reasons].map(([id, reason]) => ({ id, reason })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Ids of the votes not closed by `asOf`. */
export async function openVoteIds(ledger: LedgerDb, asOf: IsoDate): Promise<string[]> {
  const rows = await ledger.db
    .selectFrom('entries as v')
    .select('v.number')
    .where('v.kind', '=', 'vote')
    .where('v.date', '<=', asOf)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('entries as c').select('c.seq').where('c.kind', '=', 'vote_close').whereRef('c.vote', '=', 'v.number').where('c.date', '<=', asOf),
        ),
      ),
    )
    .orderBy('v.number')
    .execute();
  return rows.map((r) => r.number!);
}

/**
 * A year's (or any period's) money by line and category, net of voids dated in it: expenses
 * split into recurring (no vote) and vote spending, and other income. For the fee proposal.
 * `count` is the number of entries that stand (not voided by `to`).
 */
export async function cashByCategory(
  ledger: LedgerDb,
  from: IsoDate,
  to: IsoDate,
): Promise<{ line: 'income' | 'expense'; category: string; vote: string | null; amount_fen: Fen; count: number }[]> {
  const r = await sql<{ line: 'income' | 'expense'; category: string; vote: string | null; cash: number; count: number }>`
    SELECT CASE WHEN COALESCE(t.kind, e.kind) = 'income' THEN 'income' ELSE 'expense' END AS line,
      e.category AS category, e.vote AS vote, SUM(e.cash_fen) AS cash,
      SUM(CASE WHEN e.kind <> 'void' AND NOT EXISTS (
        SELECT 1 FROM entries v WHERE v.kind = 'void' AND v.target_seq = e.seq AND v.date <= ${to}) THEN 1 ELSE 0 END) AS count
    FROM entries e LEFT JOIN entries t ON t.seq = e.target_seq
    WHERE e.kind IN ('income', 'expense', 'void') AND e.date BETWEEN ${from} AND ${to}
      AND (e.kind <> 'void' OR t.kind IN ('income', 'expense'))
    GROUP BY line, e.category, e.vote
    ORDER BY line, e.category, e.vote`.execute(ledger.db);
  return r.rows.map((x) => ({
    line: x.line,
    category: x.category,
    vote: x.vote,
    amount_fen: x.line === 'income' ? Number(x.cash) : -Number(x.cash),
    count: Number(x.count),
  }));
}

/** Every expense against a vote, with the date of its void if any (for the vote's notice). */
export async function expensesOfVote(ledger: LedgerDb, vote: string): Promise<LineEntryRow[]> {
  const rows = await ledger.db
    .selectFrom('entries as e')
    .leftJoin('entries as v', (j) => j.onRef('v.target_seq', '=', 'e.seq').on('v.kind', '=', 'void'))
    .select([
      'e.seq', 'e.number', 'e.date', 'e.category', 'e.party', 'e.item', 'e.amount_fen',
      'e.approved_by', 'e.ref', 'e.vote', 'e.note', 'e.recorded_by', 'v.date as voided_on',
    ])
    .where('e.vote', '=', vote)
    .where('e.kind', '=', 'expense')
    .orderBy('e.date')
    .orderBy('e.seq')
    .execute();
  return withCategoryNames(ledger, 'expense', rows as Omit<LineEntryRow, 'category_en'>[]);
}

/** Every household's name and phone, to keep them off public notices. */
export async function ownerNamesAndPhones(ledger: LedgerDb): Promise<{ code: string; owner: string; phone: string | null }[]> {
  // Every owner a unit has had, not only the current one: none of them may appear on a notice.
  return (await loadProjection(ledger)).householdList().flatMap((h) => h.owners.map((o) => ({ code: h.code, owner: o.name, phone: o.phone })));
}

/** The first day the fund moved at all (any receipt, income or expense), or null for an empty ledger. */
export async function firstMoneyDate(ledger: LedgerDb): Promise<IsoDate | null> {
  const row = await ledger.db
    .selectFrom('entries')
    .select((eb) => eb.fn.min('date').as('first'))
    .where('kind', 'in', ['collection', 'income', 'expense'])
    .executeTakeFirst();
  return (row?.first as string | null) ?? null;
}

/** The first expense not tied to a vote dated in [from, to], or null. */
export async function firstRecurringExpenseDate(ledger: LedgerDb, from: IsoDate, to: IsoDate): Promise<IsoDate | null> {
  const row = await ledger.db
    .selectFrom('entries')
    .select((eb) => eb.fn.min('date').as('first'))
    .where('kind', '=', 'expense')
    .where('vote', 'is', null)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .executeTakeFirst();
  return (row?.first as string | null) ?? null;
}

/** 减免 dated in [from, to] and not voided: how many households, how much (no names: the notice is public). */
export async function waiversIn(ledger: LedgerDb, from: IsoDate, to: IsoDate): Promise<{ households: number; total_fen: Fen }> {
  const r = await sql<{ households: number; total: number | null }>`
    SELECT COUNT(DISTINCT e.household) AS households, SUM(e.amount_fen) AS total
    FROM entries e
    WHERE e.kind = 'waiver' AND e.date BETWEEN ${from} AND ${to}
      AND NOT EXISTS (SELECT 1 FROM entries v WHERE v.kind = 'void' AND v.target_seq = e.seq AND v.date <= ${to})`.execute(ledger.db);
  return { households: Number(r.rows[0]?.households ?? 0), total_fen: Number(r.rows[0]?.total ?? 0) };
}
