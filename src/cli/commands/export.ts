import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { choiceField } from '../../import/fields.js';
import { exportJournal, type JournalRenderer } from '../../reports/export.js';
import { beancountRenderer } from '../../reports/render/beancount.js';
import { hledgerRenderer } from '../../reports/render/hledger.js';
import { withAtomicFile, writeAll } from '../../io/write-file-atomic.js';
import { entryCount, progressBar } from '../progress.js';
import type { Cli } from '../runtime.js';

const RENDERERS: Record<'hledger' | 'beancount', () => JournalRenderer> = { hledger: hledgerRenderer, beancount: beancountRenderer };

export function registerExport(program: Command, cli: Cli): void {
  program
    .command('export')
    .description('the ledger as an hledger/ledger journal or a beancount file, for the established tools to re-check · 导出')
    .requiredOption('--format <format>', 'hledger | beancount')
    .option('--out <file>', 'write to FILE (readable by its owner only) instead of standard output')
    .action(async (raw) => {
      const o = cli.parse(
        z.object({
          format: choiceField(text('导出格式', 'format'), { hledger: ['ledger', 'journal'], beancount: ['bean'] }),
          out: z.string().min(1).optional(),
        }),
        raw,
      );
      const ledger = await cli.ledger();
      // On a terminal, a long export to a file shows how far it is (on stderr).
      const bar = o.out
        ? progressBar(cli.io, text('导出', 'exporting'), cli.lang, await entryCount(cli, ledger))
        : undefined;
      const onProgress = bar && ((n: number) => bar.update(n));
      const options = { today: cli.today, lang: cli.lang, format: o.format, onProgress };
      if (!o.out) {
        await exportJournal(
          ledger,
          RENDERERS[o.format](),
          async (chunk) => {
            cli.io.stdout(chunk);
            await cli.io.drain?.();
          },
          options,
        );
        return;
      }
      const done = await withAtomicFile(o.out, ({ fd }) => exportJournal(ledger, RENDERERS[o.format](), (chunk) => writeAll(fd, chunk), options)).finally(
        () => bar?.stop(),
      );
      const check = o.format === 'hledger' ? `hledger -f ${o.out} check --strict` : `bean-check ${o.out}`;
      cli.emit({ ...done, out: o.out }, (d) =>
        cli.t(
          text(
            `已导出 ${d.transactions} 笔收支至 ${d.out}（${d.first_date ?? '-'} 至 ${d.last_date ?? '-'}，结余 ${formatFenGrouped(d.balance_fen)} 元）。核对：${check}`,
            `exported ${d.transactions} transactions to ${d.out} (${d.first_date ?? '-'} to ${d.last_date ?? '-'}, fund ${formatFenGrouped(d.balance_fen)}). Check it: ${check}`,
          ),
        ),
      );
    });
}
