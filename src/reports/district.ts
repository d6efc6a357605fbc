/**
 * The street office's view (`district report`): one row per compound of the database, each
 * from that compound's own disclosure of the period and its own verify, and the district's
 * totals. As data; src/reports/render/district.ts draws it.
 */
import type { Fen } from '../domain/money.js';
import type { Period } from '../domain/period.js';
import type { Disclosure } from './disclosure.js';

export interface DistrictRow {
  name: string;
  households: number;
  billed_fen: Fen;
  collected_fen: Fen;
  opening_balance_fen: Fen;
  income_total_fen: Fen;
  expense_total_fen: Fen;
  closing_balance_fen: Fen;
  arrears_fen: Fen;
  locked_through: string | null;
  verified: boolean;
}

export interface DistrictReport {
  period: { from: string; to: string; label: string };
  compounds: DistrictRow[];
  totals: {
    households: number;
    billed_fen: Fen;
    collected_fen: Fen;
    income_total_fen: Fen;
    expense_total_fen: Fen;
    closing_balance_fen: Fen;
    arrears_fen: Fen;
  };
}

/** A compound's row, from its disclosure of the period and whether it verifies. */
export function districtRow(d: Disclosure, check: { ok: boolean; locked_through: string | null }): DistrictRow {
  return {
    name: d.compound,
    households: d.basics.households,
    billed_fen: d.basics.billed.amount_fen,
    collected_fen: d.income.fees_total_fen,
    opening_balance_fen: d.opening_balance_fen,
    income_total_fen: d.income_total_fen,
    expense_total_fen: d.expense_total_fen,
    closing_balance_fen: d.closing_balance_fen,
    arrears_fen: d.arrears.total_fen,
    locked_through: check.locked_through,
    verified: check.ok,
  };
}

export function districtReport(period: Period, rows: DistrictRow[]): DistrictReport {
  const sum = (f: (r: DistrictRow) => number) => rows.reduce((s, r) => s + f(r), 0);
  return {
    period: { from: period.from, to: period.to, label: period.label },
    compounds: [...rows].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    totals: {
      households: sum((r) => r.households),
      billed_fen: sum((r) => r.billed_fen),
      collected_fen: sum((r) => r.collected_fen),
      income_total_fen: sum((r) => r.income_total_fen),
      expense_total_fen: sum((r) => r.expense_total_fen),
      closing_balance_fen: sum((r) => r.closing_balance_fen),
      arrears_fen: sum((r) => r.arrears_fen),
    },
  };
}
