/**
 * Arrears (欠费) as of a day, for a district-sized ledger.
 *
 * A household owes max(0, charges owed by D − payments by D net of voids). That takes one
 * aggregate per household over its charges and its payments, which SQL does from the covering
 * indexes of schema/0004 (entries_charges, entries_payments) without touching the table.
 * Only the households that owe anything come back, with their charges year by year, to say
 * which years are unpaid (the oldest years are paid first, so what is unpaid is always the
 * newest part).
 */
import { sql } from 'kysely';
import type { YearAmount } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import type { LedgerDb } from './open-database.js';

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
 * One statement: two grouped scans of covering indexes (entries_charges, entries_payments;
 * the kind is written literally so that SQLite may use these partial indexes, and the index
 * named because without statistics it would rather take entries_kind_date). A household's
 * years come with its sum (group_concat), so no further query is needed per household; the
 * owner is looked up only for the households that owe.
 */
export async function owingHouseholds(ledger: LedgerDb, asOf: IsoDate): Promise<OwingHousehold[]> {
  const r = await sql<{ household: string; owner: string; charged_fen: number; paid_fen: number; years: string }>`
    WITH charged AS (
      SELECT household, SUM(amount_fen) AS charged_fen, group_concat(year || ':' || amount_fen) AS years
      FROM entries INDEXED BY entries_charges
      WHERE kind = 'charge' AND date <= ${asOf}
      GROUP BY household
    ), paid AS (
      SELECT household, SUM(cash_fen) AS paid_fen
      FROM entries INDEXED BY entries_payments
      WHERE kind IN ('collection', 'void') AND date <= ${asOf}
      GROUP BY household
    )
    SELECT c.household, (SELECT owner FROM households WHERE code = c.household) AS owner,
      c.charged_fen, COALESCE(p.paid_fen, 0) AS paid_fen, c.years
    FROM charged c LEFT JOIN paid p ON p.household = c.household
    WHERE c.charged_fen > COALESCE(p.paid_fen, 0)`.execute(ledger.db);
  return r.rows
    .map((x) => ({
      household: x.household,
      owner: x.owner,
      charged_fen: Number(x.charged_fen),
      paid_fen: Number(x.paid_fen),
      charges: x.years.split(',').map((pair) => {
        const [year, amount] = pair.split(':');
        return { year: Number(year), amountFen: Number(amount) };
      }),
    }))
    .sort((a, b) => (a.household < b.household ? -1 : a.household > b.household ? 1 : 0));
}
