import type BetterSqlite3 from 'better-sqlite3';
import { sqliteConnection } from './connection.js';
import { sqliteOf, wrapSqlite, type LedgerDb } from '../open-database.js';

/**
 * Copies the ledger into `file` (which must exist, empty) with SQLite's online backup. The
 * pages are copied in one step, inside one read transaction: in WAL mode that never blocks
 * the collector, and the copy is one consistent moment even while others write.
 */
export async function backupInto(ledger: LedgerDb, file: string, onProgress?: (done: number, total: number) => void): Promise<void> {
  // With a progress bar, 16 MiB at a time (SQLite starts over if another connection writes
  // in between, so the copy is still one moment); without, all pages in one step.
  const step = onProgress ? 4096 : Number.MAX_SAFE_INTEGER;
  await sqliteOf(ledger).backup(file, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress?.(totalPages - remainingPages, totalPages);
      return step;
    },
  });
}

/**
 * Opens a backup copy as a ledger of its own, turned into a single self-contained file
 * (rollback journal, no -wal/-shm beside it), without running migrations: it is checked
 * exactly as it was copied.
 */
export function openCopy(file: string): LedgerDb {
  const sqlite = sqliteConnection(file, { fileMustExist: true });
  sqlite.pragma('journal_mode = DELETE');
  sqlite.pragma('foreign_keys = ON');
  return wrapSqlite(file, sqlite);
}
