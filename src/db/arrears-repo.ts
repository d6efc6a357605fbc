/**
 * Arrears (欠费) as of a day, for a district-sized ledger.
 *
 * A household owes max(0, charges owed by D − payments by D net of voids). That takes one
 * aggregate per household over its charges and its payments, which SQL does from a covering
 * index of schema/0004 (entries_household_money) without touching the table.
 * Only the households that owe anything come back, with their charges year by year, to say
 * which years are unpaid (the oldest years are paid first, so what is unpaid is always the
 * newest part).
 */
import { sql } from 'kysely';
import type { YearAmount } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import { ownerOn, type Projection } from '../domain/projection.js';
import { CHARGE_EFFECT_SQL, PAID_EFFECT_SQL } from './entries-repo.js';
import type { LedgerDb } from './open-database.js';
import { loadProjection } from './register-repo.js';

/** The owner of record of a unit on a day (arrears stay with the unit; the notice names who holds it then). */
function ownerOfRecord(p: Projection, code: string, date: IsoDate): string {
  const h = p.households.get(code);
  return h ? ownerOn(h, date).name : '';
}

/** `year:amount` pairs (a charge, its waivers and their voids) summed per year. */
function netByYear(pairs: string): YearAmount[] {
  const by = new Map<number, number>();
  for (const pair of pairs.split(',')) {
    const [year, amount] = pair.split(':');
    by.set(Number(year), (by.get(Number(year)) ?? 0) + Number(amount));
  }
  return [...by].map(([year, amountFen]) => ({ year, amountFen }));
}

/** A household owing something on a day: its charges owed by then, by fee year, and what it had paid. */
export interface OwingHousehold {
  household: string;
  owner: string;
  charged_fen: Fen;
  paid_fen: Fen;
  charges: YearAmount[];
}

/**
 * The households owing anything on `asOf`, in code order, each with its charges by year.
 *
 * One pass over entries_household_money (schema/0004), which holds every household's charges
 * and payments in household order with their dates and amounts: grouped by household, with
 * no table row read, no join and no sort. A household's years come with its sums
 * (group_concat), so no further query is needed per household; the owner is looked up only
 * for the households that owe. The index is named because, without statistics, SQLite would
 * rather take entries_kind_date and then sort.
 */
export async function owingHouseholds(ledger: LedgerDb, asOf: IsoDate): Promise<OwingHousehold[]> {
  const r = await sql<{ household: string; owner: string; charged_fen: number; paid_fen: number; years: string }>`
    SELECT household,
      SUM(${sql.raw(CHARGE_EFFECT_SQL)}) AS charged_fen,
      SUM(${sql.raw(PAID_EFFECT_SQL)}) AS paid_fen,
      ${ledger.sql.commaList(sql`CASE WHEN kind IN ('charge', 'waiver') OR (kind = 'void' AND year IS NOT NULL) THEN year || ':' || (${sql.raw(CHARGE_EFFECT_SQL)}) END`)} AS years
    FROM entries ${ledger.sql.indexedBy('entries_household_money')}
    WHERE household IS NOT NULL AND kind IN ('charge', 'waiver', 'collection', 'refund', 'void') AND date <= ${asOf}
    GROUP BY household
    HAVING SUM(${sql.raw(CHARGE_EFFECT_SQL)}) > SUM(${sql.raw(PAID_EFFECT_SQL)})`.execute(ledger.db);
  const projection = await loadProjection(ledger);
  return r.rows
    .map((x) => ({
      household: x.household,
      owner: ownerOfRecord(projection, x.household, asOf),
      charged_fen: Number(x.charged_fen),
      paid_fen: Number(x.paid_fen),
      charges: netByYear(x.years),
    }))
    .sort((a, b) => (a.household < b.household ? -1 : a.household > b.household ? 1 : 0));
}
