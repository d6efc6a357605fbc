/**
 * Arrears (欠费) as of a day, for a district-sized ledger.
 *
 * A household owes max(0, charges owed by D − payments by D net of voids). That takes one
 * aggregate per household over its charges and its payments (db/period-totals-repo.ts).
 * Only the households that owe anything come back, with their charges year by year, to say
 * which years are unpaid (the oldest years are paid first, so what is unpaid is always the
 * newest part).
 */
import type { YearAmount } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import { ownerOn, type Household } from '../domain/projection.js';
import type { LedgerDb } from './open-database.js';
import { householdTotalsOn, owedYears } from './period-totals-repo.js';
import { loadHouseholds } from './register-repo.js';

/** The owner of record of a unit on a day (arrears stay with the unit; the notice names who holds it then). */
function ownerOfRecord(register: ReadonlyMap<string, Household>, code: string, date: IsoDate): string {
  const h = register.get(code);
  return h ? ownerOn(h, date).name : '';
}

/** A household owing something on a day: its charges owed by then and what it had paid, and the years it still owed. */
export interface OwingHousehold {
  household: string;
  owner: string;
  charged_fen: Fen;
  paid_fen: Fen;
  /** Its charges by fee year, as `year:amount` pairs (db/period-totals-repo.ts `chargedInYear` reads one year). */
  charged_years: string | null;
  /** What it still owed, year by year, oldest first (its payments paid the oldest years first). */
  owed: YearAmount[];
}

/**
 * The households owing anything on `asOf`, in code order, each with its charges by year.
 *
 * One aggregate per household of its charges and payments by then (db/period-totals-repo.ts):
 * the totals of the last day `lock` closed plus the entries since, or, before any lock, one pass
 * over entries_household_money (schema/0004), with no table row read. A household's years come
 * with its sums, so no further query is needed per household, and for those that have not moved
 * since the closed day, the years they still owe as the lock stored them (schema/0012); the owner
 * is looked up only for the households that owe, and only when asked for (`owners`).
 */
export async function owingHouseholds(ledger: LedgerDb, asOf: IsoDate, { owners = true } = {}): Promise<OwingHousehold[]> {
  const rows = await householdTotalsOn(ledger, asOf, 'owing');
  // Public notices and the disclosure show rooms only: they need not read the register for names.
  const register = owners ? await loadHouseholds(ledger, rows.map((r) => r.household)) : null;
  // In code order already (householdTotalsOn): a loop, as ten thousand rows in a district pass here.
  const out = new Array<OwingHousehold>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i]!;
    out[i] = {
      household: x.household,
      owner: register ? ownerOfRecord(register, x.household, asOf) : '',
      charged_fen: x.charged_fen,
      paid_fen: x.paid_fen,
      charged_years: x.years,
      owed: owedYears(x),
    };
  }
  return out;
}
