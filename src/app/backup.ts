import { closeLedger } from '../db/open-database.js';
import fs from 'node:fs';
import { RuleError, text } from '../domain/errors.js';
import { backupInto, openCopy } from '../db/sqlite/backup.js';
import type { LedgerDb } from '../db/open-database.js';
import { withAtomicFile } from '../io/write-file-atomic.js';
import { verifyLedger } from './integrity.js';
import { copyLedger } from './copy.js';

/** `backup --json`. */
export interface BackupResult {
  file: string;
  bytes: number;
  entries: number;
  last_hash: string | null;
  verified: true;
}

/**
 * A consistent copy of the ledger in `file`, readable by its owner only, checked by
 * `verify` before it is reported good. Never overwrites; if anything fails, no copy is left.
 * The copy is made in an exclusively created temporary file beside `file` (see
 * io/write-file-atomic.ts), verified there, synced, and only then given its name.
 */
export async function backupLedger(
  ledger: LedgerDb,
  file: string,
  now: Date,
  onProgress?: (done: number, total: number) => void,
): Promise<BackupResult> {
  if (ledger.pg) {
    // A compound on PostgreSQL is backed up as a SQLite file: its copy, verified with the same head.
    if (fs.existsSync(file)) throw new RuleError(text(`${file} 已存在，不会覆盖。`, `${file} already exists; a backup never overwrites a file.`));
    const c = await copyLedger(ledger, file, now);
    return { file, bytes: fs.statSync(file).size, entries: c.entries, last_hash: c.last_hash, verified: true };
  }
  const report = await withAtomicFile(
    file,
    async (temp) => {
      await backupInto(ledger, temp.path, onProgress);
      const copy = openCopy(temp.path);
      let checked;
      try {
        checked = await verifyLedger(copy, now);
      } finally {
        await closeLedger(copy);
      }
      if (!checked.ok) {
        const first = checked.problems[0]!;
        throw new RuleError(
          text(`备份未通过核查，已删除：${first.text.zh}（请先运行 ledger verify）`, `the copy does not verify and was removed: ${first.text.en} (run ledger verify)`),
        );
      }
      return checked;
    },
    { overwrite: false },
  );
  return { file, bytes: fs.statSync(file).size, entries: report.entries, last_hash: report.last_hash, verified: true };
}
