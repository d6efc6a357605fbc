import { sql } from 'kysely';
import type { LedgerDb } from './open-database.js';

/** One line of the record of who recorded what and when: a journal entry (everything is one). */
export interface LogRow {
  source: 'entry';
  seq: number;
  recorded_at: string;
  recorded_by: string;
  approved_by: string | null;
  kind: string;
  number: string | null;
  date: string;
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
  detail: string | null;
  /** A void's target. */
  target_number: string | null;
}

/** The latest `limit` entries (0: all), newest first. */
export async function recentRecords(ledger: LedgerDb, limit: number): Promise<LogRow[]> {
  const q = sql<LogRow>`
    SELECT 'entry' AS source, e.seq, e.recorded_at, e.recorded_by, e.approved_by, e.kind, e.number, e.date,
           e.amount_fen, e.household, e.category, e.party, e.item, e.note, e.method, e.vote, e.choice, e.end_date,
           e.year, e.detail, t.number AS target_number
      FROM entries e LEFT JOIN entries t ON t.seq = e.target_seq
    ORDER BY e.seq DESC
    ${ledger.sql.limit(limit)}`;
  return (await q.execute(ledger.db)).rows;
}
