/**
 * Arrears (欠费) as of a day, for a district-sized ledger.
 *
 * A household owes max(0, charges owed by D − payments by D net of voids). That takes one
 * aggregate per household over its charges and its payments, which SQL does from the covering
 * indexes of schema/0004 (entries_charges, entries_payments) without touching the table.
 * Only the households that owe anything come back, and only for them are the charges read
 * year by year, to say which years are unpaid (the oldest years are paid first, so what is
 * unpaid is always the newest part).
 */
import { sql } from 'kysely';
import type { YearAmount } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import type { LedgerDb } from './open-database.js';

/** A household owing something on a day: what it was charged by then and what it had paid. */
export interface OwingHousehold {
  household: string;
  owner: string;
  charged_fen: Fen;
  paid_fen: Fen;
}

/** The households owing anything on `asOf`, in code order. */
export async function owingHouseholds(ledger: LedgerDb, asOf: IsoDate): Promise<OwingHousehold[]> {
  const r = await sql<OwingHousehold>`
    WITH charged AS (
      SELECT household, SUM(amount_fen) AS charged_fen
      FROM entries INDEXED BY entries_charges
      WHERE kind = 'charge' AND date <= ${asOf}
      GROUP BY household
    ), paid AS (
      SELECT household, SUM(cash_fen) AS paid_fen
      FROM entries INDEXED BY entries_payments
      WHERE kind IN ('collection', 'void') AND date <= ${asOf}
      GROUP BY household
    )
    SELECT c.household, h.owner, c.charged_fen, COALESCE(p.paid_fen, 0) AS paid_fen
    FROM charged c
    LEFT JOIN paid p ON p.household = c.household
    JOIN households h ON h.code = c.household
    WHERE c.charged_fen > COALESCE(p.paid_fen, 0)
    ORDER BY c.household`.execute(ledger.db);
  return r.rows.map((x) => ({ ...x, charged_fen: Number(x.charged_fen), paid_fen: Number(x.paid_fen) }));
}

/**
 * A reader of one household's charges owed by `asOf`, by fee year (from entries_charges
 * alone). A prepared statement, since arrears call it once per owing household.
 */
export function chargesByYearAsOf(ledger: LedgerDb, asOf: IsoDate): (household: string) => YearAmount[] {
  const stmt = ledger.sqlite.prepare(
    "SELECT year, amount_fen FROM entries INDEXED BY entries_charges WHERE kind = 'charge' AND household = ? AND date <= ? ORDER BY year",
  );
  return (household) => (stmt.all(household, asOf) as { year: number; amount_fen: number }[]).map((c) => ({ year: c.year, amountFen: c.amount_fen }));
}
