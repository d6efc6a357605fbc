import { outstanding } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import type { LedgerDb } from '../db/open-database.js';
import { chargesAsOf, paymentsAsOf } from '../db/entries-repo.js';
import { listHouseholds } from '../db/households-repo.js';

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
 */
export async function arrearsReport(ledger: LedgerDb, asOf: IsoDate): Promise<ArrearsReport> {
  const charges = new Map<string, { year: number; amountFen: number }[]>();
  for (const c of await chargesAsOf(ledger, asOf)) {
    let list = charges.get(c.household);
    if (!list) charges.set(c.household, (list = []));
    list.push({ year: c.year, amountFen: c.amount_fen });
  }
  const paid = await paymentsAsOf(ledger, asOf);
  const owners = new Map((await listHouseholds(ledger)).map((h) => [h.code, h.owner]));
  const households: ArrearsLine[] = [];
  for (const [code, list] of [...charges].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const { owed } = outstanding(list, paid.get(code) ?? 0);
    if (owed.length === 0) continue;
    households.push({
      code,
      owner: owners.get(code) ?? '',
      owed_fen: owed.reduce((s, o) => s + o.amountFen, 0),
      years: owed.map((o) => ({ year: o.year, owed_fen: o.amountFen })),
    });
  }
  return { as_of: asOf, total_fen: households.reduce((s, h) => s + h.owed_fen, 0), households };
}
