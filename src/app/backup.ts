import fs from 'node:fs';
import { InputError, RuleError, text } from '../domain/errors.js';
import { backupInto, openCopy } from '../db/backup.js';
import type { LedgerDb } from '../db/open-database.js';
import { verifyLedger } from './integrity.js';

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
 */
export async function backupLedger(ledger: LedgerDb, file: string, now: Date): Promise<BackupResult> {
  // Reserve the name first (exclusive create, owner-only): SQLite then writes into this very file.
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new RuleError(text(`${file} 已存在，备份不会覆盖已有文件`, `${file} already exists; a backup never overwrites a file`));
    }
    throw new InputError(text(`无法写入 ${file}：${code ?? ''}`, `cannot write ${file}: ${(err as Error).message}`));
  }
  const remove = () => {
    for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  };
  try {
    await backupInto(ledger, file);
    const copy = openCopy(file);
    let report;
    try {
      report = await verifyLedger(copy, now);
    } finally {
      copy.sqlite.close();
    }
    if (!report.ok) {
      const first = report.problems[0]!;
      throw new RuleError(
        text(`备份未通过核查，已删除：${first.text.zh}（请先运行 ledger verify）`, `the copy does not verify and was removed: ${first.text.en} (run ledger verify)`),
      );
    }
    return { file, bytes: fs.statSync(file).size, entries: report.entries, last_hash: report.last_hash, verified: true };
  } catch (err) {
    remove();
    throw err;
  }
}
