import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { copyLedger } from '../../app/copy.js';
import { progressBar } from '../progress.js';
import type { Cli } from '../runtime.js';

export function registerCopy(program: Command, cli: Cli): void {
  program
    .command('copy')
    .description('copy the whole ledger of the compound (every entry and key) into another store, a PostgreSQL URL or a new SQLite file, verified with the same head · 迁移账本')
    .requiredOption('--to <target>', 'postgres://USER@HOST/DATABASE, or a SQLite file that does not exist yet')
    .action(async (raw) => {
      const o = cli.parse(z.object({ to: z.string().trim().min(1) }), raw);
      const bar = progressBar(cli.io, text('复制', 'copying'), cli.lang, 0);
      const done = await copyLedger(await cli.readLedger(), o.to, cli.now, bar.update).finally(() => bar.stop());
      cli.emit(done, (d) =>
        cli.t(
          text(
            `已将 ${d.compound} 的账本复制到 ${d.to}：${d.entries} 条记录、${d.signatures} 个签名，已核查，链头相同（记录号 ${d.head?.seq ?? '-'} · 校验码 ${d.head?.code ?? '-'}）`,
            `copied the ledger of ${d.compound} to ${d.to}: ${d.entries} entries, ${d.signatures} signatures, verified, the same head (entry ${d.head?.seq ?? '-'} · check code ${d.head?.code ?? '-'})`,
          ),
        ),
      );
    });
}
