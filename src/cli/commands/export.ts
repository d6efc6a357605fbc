import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { InputError, text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { choiceField } from '../../import/fields.js';
import { exportJournal, type JournalRenderer } from '../../reports/export.js';
import { beancountRenderer } from '../../reports/render/beancount.js';
import { hledgerRenderer } from '../../reports/render/hledger.js';
import type { Cli } from '../runtime.js';

const RENDERERS: Record<'hledger' | 'beancount', () => JournalRenderer> = { hledger: hledgerRenderer, beancount: beancountRenderer };

/**
 * Writes `file` readable by its owner only, all or nothing: the text goes to a temporary
 * file beside it that replaces `file` only once complete, so a failed export leaves no
 * half-written journal behind.
 */
async function writeOwnerOnly<T>(file: string, produce: (write: (chunk: string) => void) => Promise<T>): Promise<T> {
  const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = fs.openSync(temp, 'wx', 0o600);
  } catch (err) {
    throw new InputError(text(`无法写入 ${file}：${(err as NodeJS.ErrnoException).code ?? ''}`, `cannot write ${file}: ${(err as Error).message}`));
  }
  try {
    const result = await produce((chunk) => fs.writeSync(fd, chunk));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.renameSync(temp, file);
    return result;
  } catch (err) {
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

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
      const ledger = cli.ledger();
      // On a terminal, a long export to a file shows how far it is (on stderr).
      const onProgress = cli.io.stderrIsTty && o.out
        ? (n: number) => cli.io.stderr(`\r${cli.t(text(`已导出 ${n} 笔`, `exported ${n} transactions`))}\x1b[K`)
        : undefined;
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
      const done = await writeOwnerOnly(o.out, (write) => exportJournal(ledger, RENDERERS[o.format](), write, options));
      if (onProgress) cli.io.stderr('\r\x1b[K');
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
