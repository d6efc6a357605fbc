import type { IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import type { LedgerDb } from '../db/open-database.js';
import { owingRooms, type OwedYear } from '../db/arrears-repo.js';

export interface ArrearsLine {
  code: string;
  owner: string;
  owed_fen: number;
  years: OwedYear[];
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
  const rooms = await owingRooms(ledger, asOf);
  // Each line written out, not a rest spread (V8's slow path, ten thousand times in a district).
  const households = new Array<ArrearsLine>(rooms.length);
  let totalFen = 0;
  for (let i = 0; i < rooms.length; i++) {
    const r = rooms[i]!;
    households[i] = { code: r.code, owner: r.owner, owed_fen: r.owed_fen, years: r.years };
    totalFen += r.owed_fen;
  }
  return { as_of: asOf, total_fen: totalFen, households };
}

/** What the rooms owing on a day owe: in all, for the fee year, and for the years before it. */
export interface ArrearsSummary {
  households: number;
  total_fen: Fen;
  current_year: { year: number; households: number; total_fen: Fen };
  earlier_years: { households: number; total_fen: Fen };
}

/**
 * The summary of `rooms` (each listing only the years it still owes, each more than nothing)
 * for the fee year `feeYear`: a room owing for both the fee year and earlier ones counts in both.
 * One pass, as a district has ten thousand rooms; the disclosure and `status` show it.
 */
export function arrearsSummary(rooms: readonly { owed_fen: Fen; years: readonly { year: number; owed_fen: Fen }[] }[], feeYear: number): ArrearsSummary {
  const summary: ArrearsSummary = { households: rooms.length, total_fen: 0, current_year: { year: feeYear, households: 0, total_fen: 0 }, earlier_years: { households: 0, total_fen: 0 } };
  for (const r of rooms) {
    summary.total_fen += r.owed_fen;
    let current = 0;
    let earlier = 0;
    for (const y of r.years) {
      if (y.year === feeYear) current += y.owed_fen;
      else if (y.year < feeYear) earlier += y.owed_fen;
    }
    if (current > 0) {
      summary.current_year.households += 1;
      summary.current_year.total_fen += current;
    }
    if (earlier > 0) {
      summary.earlier_years.households += 1;
      summary.earlier_years.total_fen += earlier;
    }
  }
  return summary;
}
