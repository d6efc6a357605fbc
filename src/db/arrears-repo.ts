/**
 * Arrears (欠费) as of a day, for a district-sized ledger.
 *
 * A household owes max(0, charges owed by D − payments by D net of voids). That takes one
 * aggregate per household over its charges and its payments (db/period-totals-repo.ts).
 * Only the households that owe anything come back, with their charges year by year, to say
 * which years are unpaid (the oldest years are paid first, so what is unpaid is always the
 * newest part).
 */
import type { IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import { ownerNameOn, type Household } from '../domain/projection.js';
import type { LedgerDb } from './open-database.js';
import { closedTotalsOn, householdTotalsOn, owedYears, type HouseholdTotalsRow } from './period-totals-repo.js';
import { householdsChangedSince, loadHouseholds } from './register-repo.js';

/** A year a room still owed on a day, and how much of it. */
export interface OwedYear {
  year: number;
  owed_fen: Fen;
}

/**
 * A room owing something on a day, as the reports list it: what it owed in all and year by
 * year, oldest first (its payments paid the oldest years first), its owner of record (empty
 * when not asked for), and its charges by fee year as `year:amount` pairs
 * (db/period-totals-repo.ts `chargedInYear` reads one year of them).
 */
export interface OwingRoom {
  code: string;
  owner: string;
  owed_fen: Fen;
  years: OwedYear[];
  charged_years: string | null;
}

/**
 * The rooms owing anything on `asOf`, in code order, each with what it owed year by year.
 *
 * One aggregate per household of its charges and payments by then (db/period-totals-repo.ts):
 * the totals of the last day `lock` closed plus the entries since, or, before any lock, one pass
 * over entries_household_money (schema/0004), with no table row read. A household's years come
 * with its sums, so no further query is needed per household, and for those that have not moved
 * since the closed day, the years they still owe as the lock stored them (schema/0012). The owner
 * is asked for only for the households that owe, and only when wanted (`owners`): as the lock kept
 * it, unless the unit's register has changed since; those units alone are read from the register.
 * Each room is made once, as the reports show it: ten thousand in a district, in a command that
 * runs for a fraction of a second, where every object made per room is time.
 */
export async function owingRooms(ledger: LedgerDb, asOf: IsoDate, { owners = true } = {}): Promise<OwingRoom[]> {
  const rows = await householdTotalsOn(ledger, asOf, 'owing', { owners });
  // Public notices and the disclosure show rooms only: they need not read the register for names.
  const owner = owners ? await ownersOfRecord(ledger, rows, asOf) : () => '';
  // In code order already (householdTotalsOn): plain loops.
  const out = new Array<OwingRoom>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const x = rows[i]!;
    const owed = owedYears(x);
    const years = new Array<OwedYear>(owed.length);
    let owedFen = 0;
    for (let j = 0; j < owed.length; j++) {
      owedFen += owed[j]!.amountFen;
      years[j] = { year: owed[j]!.year, owed_fen: owed[j]!.amountFen };
    }
    out[i] = { code: x.household, owner: owner(x), owed_fen: owedFen, years, charged_years: x.years };
  }
  return out;
}

/**
 * Who owned each of `rows`' units on `asOf`: the owner a lock kept on the row (schema/0012), where
 * it kept one and the unit's register has neither an entry recorded after that lock nor a transfer
 * dated after its day (db/register-repo.ts `householdsChangedSince`); every other unit's from its
 * register entries, read for those units alone.
 */
async function ownersOfRecord(ledger: LedgerDb, rows: readonly HouseholdTotalsRow[], asOf: IsoDate): Promise<(row: HouseholdTotalsRow) => string> {
  const closed = rows.some((r) => r.owner != null) ? await closedTotalsOn(ledger, asOf) : null;
  const changed = closed ? await householdsChangedSince(ledger, closed.lockSeq, closed.through) : new Set<string>();
  const kept = (r: HouseholdTotalsRow) => r.owner != null && !changed.has(r.household);
  const others = rows.filter((r) => !kept(r)).map((r) => r.household);
  const register: ReadonlyMap<string, Household> = others.length > 0 ? await loadHouseholds(ledger, others) : new Map();
  return (r) => (kept(r) ? r.owner! : ownerNameOn(register, r.household, asOf));
}
