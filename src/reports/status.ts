/** `ledger status`: the fund, this year's collection, open votes and arrears at a glance. */
import { localDate, yearOf, type IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import { halfOf } from '../domain/period.js';
import { fundBalance } from '../db/balance-repo.js';
import { lastNumberOf, lockedThrough } from '../db/entries-repo.js';
import { formatNumber, type Series } from '../domain/numbering.js';
import type { LedgerDb } from '../db/open-database.js';
import { monthlyCash, openVoteIds } from '../db/report-repo.js';
import { readSettings } from '../db/settings-repo.js';
import { voteState } from './vote-state.js';
import { arrearsSummary } from './arrears.js';
import { feeYearStanding } from './disclosure.js';

export interface Status {
  compound: string;
  today: IsoDate;
  balance_fen: Fen;
  /** Income and expense so far in the current half-year. */
  this_half: { label: string; from: IsoDate; income_fen: Fen; expense_fen: Fen };
  collection: {
    year: number;
    billed: { households: number; amount_fen: Fen };
    paid: { households_full: number; households_partial: number; amount_fen: Fen };
    collection_rate_permille: number | null;
    collection_rate: string;
  };
  open_votes: { id: string; title: string; budget_fen: Fen | null; opened_on: IsoDate; closes_on: IsoDate | null; participated_owners: number; eligible_owners: number }[];
  arrears: { households: number; total_fen: Fen; current_year_fen: Fen; earlier_years_fen: Fen };
  last_receipt: string | null;
  last_expense: string | null;
  locked_through: IsoDate | null;
}

export async function statusReport(ledger: LedgerDb, now: Date): Promise<Status> {
  const today = localDate(now);
  const year = yearOf(today);
  const standing = await feeYearStanding(ledger, year, today);
  const half = halfOf(today);
  const months = await monthlyCash(ledger, half.from, today);
  const openVotes: Status['open_votes'] = [];
  for (const id of await openVoteIds(ledger, today)) {
    const s = await voteState({ ledger, now }, id);
    openVotes.push({
      id,
      title: s.title,
      budget_fen: s.budgetFen,
      opened_on: s.openedOn,
      closes_on: s.closesOn,
      participated_owners: s.result.participated.owners,
      eligible_owners: s.result.eligible.owners,
    });
  }
  const owed = arrearsSummary(standing.rooms, year);
  const last = async (series: Series) => {
    const n = await lastNumberOf(ledger, series, year);
    return n > 0 ? formatNumber(series, year, n) : null;
  };
  return {
    compound: (await readSettings(ledger)).name,
    today,
    balance_fen: await fundBalance(ledger, today),
    this_half: {
      label: half.label,
      from: half.from,
      income_fen: months.reduce((s, m) => s + m.income_fen, 0),
      expense_fen: months.reduce((s, m) => s + m.expense_fen, 0),
    },
    collection: {
      year,
      billed: standing.billed,
      paid: standing.paid,
      collection_rate_permille: standing.collection_rate_permille,
      collection_rate: standing.collection_rate,
    },
    open_votes: openVotes,
    arrears: {
      households: owed.households,
      total_fen: owed.total_fen,
      current_year_fen: owed.current_year.total_fen,
      earlier_years_fen: owed.earlier_years.total_fen,
    },
    last_receipt: await last('receipt'),
    last_expense: await last('expense'),
    locked_through: await lockedThrough(ledger),
  };
}
