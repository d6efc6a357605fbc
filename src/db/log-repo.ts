import { sql } from 'kysely';
import type { LedgerDb } from './open-database.js';

/**
 * One line of the record of who recorded what and when: a journal entry, or a registration
 * outside the journal (a role, a household, a fee rate, a category added by the chair).
 */
export interface LogRow {
  source: 'entry' | 'role' | 'household' | 'fee' | 'category';
  seq: number | null;
  recorded_at: string;
  recorded_by: string;
  /** The entry's kind; the role; the category's line. */
  kind: string;
  number: string | null;
  date: string | null;
  amount_fen: number | null;
  household: string | null;
  category: string | null;
  party: string | null;
  item: string | null;
  note: string | null;
  method: string | null;
  vote: string | null;
  choice: string | null;
  end_date: string | null;
  year: number | null;
  /** A void's target. */
  target_number: string | null;
}

/**
 * The latest `limit` records (0: all), newest first. Registrations carry no seq; at the same
 * instant they sort after the entries (they come first in a command's work).
 */
export async function recentRecords(ledger: LedgerDb, limit: number): Promise<LogRow[]> {
  const q = sql<LogRow>`
    SELECT * FROM (
      SELECT 'entry' AS source, e.seq AS seq, e.seq AS ord, e.recorded_at, e.recorded_by, e.kind, e.number, e.date,
             e.amount_fen, e.household, e.category, e.party, e.item, e.note, e.method, e.vote, e.choice, e.end_date,
             e.year, t.number AS target_number
        FROM entries e LEFT JOIN entries t ON t.seq = e.target_seq
      UNION ALL
      SELECT 'role', NULL, rowid, recorded_at, recorded_by, role, NULL, NULL,
             NULL, NULL, NULL, person, NULL, NULL, NULL, NULL, NULL, NULL,
             NULL, NULL
        FROM roles
      UNION ALL
      SELECT 'household', NULL, rowid, recorded_at, recorded_by, 'household', NULL, since,
             area_centi, code, NULL, owner, NULL, NULL, NULL, NULL, NULL, NULL,
             NULL, NULL
        FROM households
      UNION ALL
      SELECT 'fee', NULL, id, recorded_at, recorded_by, 'fee', NULL, NULL,
             amount_fen, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
             year, NULL
        FROM fee_rates
      UNION ALL
      SELECT 'category', NULL, rowid, recorded_at, recorded_by, line, NULL, NULL,
             NULL, NULL, name, NULL, name_en, NULL, NULL, NULL, NULL, NULL,
             NULL, NULL
        FROM categories WHERE recorded_by <> 'system'
    )
    ORDER BY recorded_at DESC, seq IS NULL, seq DESC, ord DESC
    LIMIT ${limit > 0 ? limit : -1}`;
  const { rows } = await q.execute(ledger.db);
  return rows.map(({ ord: _ord, ...r }: LogRow & { ord?: number }) => r as LogRow);
}
