/** Kysely's view of the schema in `schema/`. Keep in step with the migrations. */
import type { Generated } from 'kysely';

export interface SettingsTable {
  key: string;
  value: string;
}

export type RoleName = 'chair' | 'collector' | 'reimburser' | 'supervisor';

export interface RolesTable {
  person: string;
  role: RoleName;
  recorded_at: string;
  recorded_by: string;
}

export interface HouseholdsTable {
  code: string;
  owner: string;
  area_centi: number;
  phone: string | null;
  since: string | null;
  recorded_at: string;
  recorded_by: string;
}

export interface FeeRatesTable {
  id: Generated<number>;
  year: number;
  amount_fen: number;
  recorded_at: string;
  recorded_by: string;
}

export interface CategoriesTable {
  line: 'income' | 'expense';
  name: string;
  name_en: string | null;
  recorded_at: string;
  recorded_by: string;
}

export type { EntryKind } from '../domain/entry-kinds.js';
import type { EntryKind } from '../domain/entry-kinds.js';

/** One row of the journal. Columns that a kind does not use are null. */
export interface EntryRow {
  seq: number;
  kind: EntryKind;
  number: string | null;
  date: string;
  household: string | null;
  year: number | null;
  amount_fen: number | null;
  cash_fen: number;
  category: string | null;
  party: string | null;
  item: string | null;
  method: string | null;
  note: string | null;
  approved_by: string | null;
  ref: string | null;
  vote: string | null;
  rule: string | null;
  choice: string | null;
  end_date: string | null;
  target_seq: number | null;
  detail: string | null;
  recorded_at: string;
  recorded_by: string;
  prev_hash: string;
  hash: string;
}

export interface AllocationsTable {
  entry_seq: number;
  year: number;
  amount_fen: number;
}

export interface SignaturesTable {
  seq: number;
  role: 'recorder' | 'approver';
  signer: string;
  key_seq: number;
  signature: string;
}

/** The totals of a day `ledger lock` closed (schema/0008; db/period-totals-repo.ts). */
export interface PeriodTotalsTable {
  through: string;
  lock_seq: number;
  fund_fen: number;
  households: number;
}

export interface HouseholdTotalsTable {
  through: string;
  household: string;
  charged_fen: number;
  paid_fen: number;
  years: string | null;
  /** The years still owed on that day (schema/0012), on an owing household's row; NULL otherwise and before 0012. */
  owed: string | null;
  /** The owner of record on that day, as the register stood at the lock (schema/0012); NULL before 0012. */
  owner: string | null;
}

export interface PeriodFeeSplitTable {
  through: string;
  from_date: string;
  fee_year: number;
  total_fen: number;
  current_fen: number;
  arrears_fen: number;
  refunds_fen: number;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  sha256: string;
  applied_at: string;
}

export interface Database {
  settings: SettingsTable;
  roles: RolesTable;
  households: HouseholdsTable;
  fee_rates: FeeRatesTable;
  categories: CategoriesTable;
  entries: EntryRow;
  allocations: AllocationsTable;
  signatures: SignaturesTable;
  period_totals: PeriodTotalsTable;
  household_totals: HouseholdTotalsTable;
  period_fee_split: PeriodFeeSplitTable;
  schema_migrations: SchemaMigrationsTable;
}
