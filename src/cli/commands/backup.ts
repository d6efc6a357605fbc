import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { backupLedger } from '../../app/backup.js';
import { progressBar } from '../progress.js';
import type { Cli } from '../runtime.js';

export function registerBackup(program: Command, cli: Cli): void {
  program
    .command('backup <file>')
    .description('a consistent copy of the ledger, taken while others may be writing, then verified · 备份')
    .action(async (file) => {
      const o = cli.parse(z.object({ file: z.string().min(1) }), { file });
      const bar = progressBar(cli.io, text('备份', 'backing up'), cli.lang, 1);
      const done = await backupLedger(await cli.readLedger(), o.file, cli.now, cli.io.stderrIsTty ? bar.update : undefined).finally(() => bar.stop());
      cli.emit(done, (d) =>
        cli.t(
          text(
            `已备份至 ${d.file}（${d.entries} 条记录，${Math.ceil(d.bytes / 1024)} KB，已核查；最新哈希 ${d.last_hash ?? '-'}）`,
            `backed up to ${d.file} (${d.entries} entries, ${Math.ceil(d.bytes / 1024)} KB, verified; last hash ${d.last_hash ?? '-'})`,
          ),
        ),
      );
    });
}
