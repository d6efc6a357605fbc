import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { collectFee } from '../../app/collections.js';
import { amountField, codeField, dateField, label, methodField, noteField } from '../../import/fields.js';
import { findReceipt } from '../../reports/receipt.js';
import { receiptText } from '../../reports/render/receipt-text.js';
import type { Cli } from '../runtime.js';

export function registerCollect(program: Command, cli: Cli): void {
  program
    .command('collect <code> [amount]')
    .description('take a payment at the gate and print its receipt (without AMOUNT: everything owed) · 收费')
    .option('--date <date>', 'day received (default today)')
    .option('--method <method>', 'cash | wechat | alipay | bank | other', 'cash')
    .option('--note <text>', 'note on the receipt')
    .action(async (code, amount, raw) => {
      const o = cli.parse(
        z.object({
          code: codeField,
          amount: amountField(label.amount).optional(),
          date: dateField(label.date, cli.today).default(cli.today),
          method: methodField,
          note: noteField(label.note).optional(),
        }),
        { ...raw, code, amount },
      );
      const app = await cli.app({ write: true });
      const done = await collectFee(app, { code: o.code, amountFen: o.amount, date: o.date, method: o.method, note: o.note ?? null });
      if (cli.json) cli.emit(done, () => '');
      else cli.say(receiptText(await findReceipt(app.ledger, done.receipt), cli.lang));
    });
}
