import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { InputError, text } from '../../domain/errors.js';
import { choiceField } from '../../import/fields.js';
import { findReceipt, findReceiptRange } from '../../reports/receipt.js';
import { receiptsHtml } from '../../reports/render/receipt-html.js';
import { receiptText } from '../../reports/render/receipt-text.js';
import type { Cli } from '../runtime.js';
import { outField } from './report.js';
import { writeFileAtomic } from '../../io/write-file-atomic.js';

const numberField = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase());

export function registerReceipt(program: Command, cli: Cli): void {
  program
    .command('receipt [number]')
    .description('print a receipt again, e.g. R2022-0001 (void ones marked 作废); html: the A4 三联 form, a range at once with --from/--to · 收据')
    .option('--format <format>', 'text | html', 'text')
    .option('--from <number>', 'first receipt of a range (with --to), e.g. a day of them')
    .option('--to <number>', 'last receipt of the range (included)')
    .option('--out <file>', 'write to FILE instead of standard output')
    .action(async (number: string | undefined, raw) => {
      const o = cli.parse(
        z.object({
          number: numberField.optional(),
          from: numberField.optional(),
          to: numberField.optional(),
          format: choiceField(text('格式', 'format'), { text: ['文本'], html: ['网页'] }),
          out: outField,
        }),
        { ...raw, number },
      );
      const range = o.from !== undefined || o.to !== undefined;
      if (o.number !== undefined && range) throw new InputError(text('请给出一个收据号，或用 --from/--to 给出范围，不能同时给出', 'give a receipt NUMBER or a range with --from/--to, not both'));
      if (range && (o.from === undefined || o.to === undefined)) throw new InputError(text('--from 和 --to 须同时给出', '--from and --to go together'));
      if (o.number === undefined && !range) throw new InputError(text('请给出收据号（如 R2022-0001），或用 --from/--to 给出范围', 'give a receipt NUMBER (e.g. R2022-0001) or a range with --from/--to'));
      const receipts = range ? await findReceiptRange(await cli.ledger(), o.from!, o.to!) : [await findReceipt(await cli.ledger(), o.number!)];
      if (cli.json && !o.out) {
        cli.emit(range ? receipts : receipts[0], () => '');
        return;
      }
      const content =
        o.format === 'html'
          ? receiptsHtml(receipts)
          : `${receipts.map((r) => receiptText(r, cli.lang)).join(`\n${'-'.repeat(40)}\n`)}\n`;
      if (!o.out) {
        cli.io.stdout(content);
        return;
      }
      writeFileAtomic(o.out, content);
      const first = receipts[0]!.number;
      const last = receipts[receipts.length - 1]!.number;
      cli.emit({ out: o.out, format: o.format, receipts: receipts.map((r) => r.number) }, (d) =>
        cli.t(text(`已写入 ${d.out}（${receipts.length} 张收据，${first}${last === first ? '' : `—${last}`}）`, `wrote ${d.out} (${receipts.length} receipt${receipts.length === 1 ? '' : 's'}, ${first}${last === first ? '' : `–${last}`})`)),
      );
    });
}
