import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { recordIncome } from '../../app/income.js';
import { amountField, dateField, label, methodField, nameField, noteField } from '../../import/fields.js';
import { findReceipt } from '../../reports/receipt.js';
import { receiptText } from '../../reports/render/receipt-text.js';
import type { Cli } from '../runtime.js';

export function registerIncome(program: Command, cli: Cli): void {
  program
    .command('income <amount>')
    .description('other income (停车费 parking, 广告, 场地租金, 充电桩, 废品, 利息 ...) with a receipt · 公共收益')
    .requiredOption('--category <cat>', 'income category, Chinese or English')
    .option('--from <payer>', 'who paid (交款人)')
    .option('--date <date>', 'day received (default today)')
    .option('--method <method>', 'cash | wechat | alipay | bank | other')
    .option('--note <text>', 'note on the receipt')
    .action(async (amount, raw) => {
      const o = cli.parse(
        z.object({
          amount: amountField(label.amount),
          category: nameField(text('类别', 'category')),
          from: nameField(text('交款人', 'payer')).optional(),
          date: dateField(label.date, cli.today).default(cli.today),
          method: methodField.optional(),
          note: noteField(label.note).optional(),
        }),
        { ...raw, amount },
      );
      const app = await cli.app({ write: true });
      const done = await recordIncome(app, {
        amountFen: o.amount,
        category: o.category,
        payer: o.from ?? null,
        date: o.date,
        method: o.method ?? null,
        note: o.note || null,
      });
      if (cli.json) cli.emit(done, () => '');
      else cli.say(receiptText(await findReceipt(app.ledger, done.receipt), cli.lang));
    });
}
