import { outstanding, type YearAmount } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import type { LedgerDb } from '../db/open-database.js';
import { owingHouseholds } from '../db/arrears-repo.js';

export interface ArrearsLine {
  code: string;
  owner: string;
  owed_fen: number;
  years: { year: number; owed_fen: number }[];
}

/** `arrears --json`, as the contract fixes it (plus each owner's name for the committee). */
export interface ArrearsReport {
  as_of: IsoDate;
  total_fen: number;
  households: ArrearsLine[];
}

/**
 * Who owed what on `asOf`, exactly as it stood that day: charges owed by then, less what
 * was paid by then net of voids dated by then, the oldest years paid first. Later payments
 * and voids do not leak in.
 *
 * The households that owe are found by two aggregates in SQL (see db/arrears-repo.ts), with
 * their charges year by year, which the same `outstanding` as a household's statement splits;
 * a district of ten thousand households is not walked row by row.
 */
export async function arrearsReport(ledger: LedgerDb, asOf: IsoDate): Promise<ArrearsReport> {
  const households = (await owingRooms(ledger, asOf)).map(({ charges: _, ...line }) => line);
  return { as_of: asOf, total_fen: households.reduce((s, h) => s + h.owed_fen, 0), households };
}

/** A room owing on a day, with its charges by fee year as they stood then. */
export interface OwingRoom extends ArrearsLine {
  charges: YearAmount[];
}

/** The rooms owing on `asOf`, as `arrearsReport` lists them; `owners: false` leaves the names out (public notices). */
export async function owingRooms(ledger: LedgerDb, asOf: IsoDate, options: { owners?: boolean } = {}): Promise<OwingRoom[]> {
  const households = await owingHouseholds(ledger, asOf, options);
  // Plain loops: ten thousand households in a district, the first time this code runs.
  const rooms = new Array<OwingRoom>(households.length);
  for (let i = 0; i < households.length; i++) {
    const h = households[i]!;
    const { owed } = outstanding(h.charges, h.paid_fen);
    let owedFen = 0;
    const years = new Array<{ year: number; owed_fen: number }>(owed.length);
    for (let j = 0; j < owed.length; j++) {
      owedFen += owed[j]!.amountFen;
      years[j] = { year: owed[j]!.year, owed_fen: owed[j]!.amountFen };
    }
    rooms[i] = { code: h.household, owner: h.owner, owed_fen: owedFen, years, charges: h.charges };
  }
  return rooms;
}
