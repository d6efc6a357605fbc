import type { Command } from 'commander';
import { z } from 'zod';
import { text } from '../../domain/errors.js';
import { choiceField } from '../../import/fields.js';
import { findReceipt } from '../../reports/receipt.js';
import { receiptHtml, receiptText } from '../../reports/render/receipt-text.js';
import type { Cli } from '../runtime.js';

export function registerReceipt(program: Command, cli: Cli): void {
  program
    .command('receipt <number>')
    .description('print a receipt again, e.g. R2022-0001 (void ones marked 作废) · 收据')
    .option('--format <format>', 'text | html', 'text')
    .action(async (number, raw) => {
      const o = cli.parse(z.object({ format: choiceField(text('格式', 'format'), { text: [], html: [] }) }), raw);
      const r = await findReceipt(cli.ledger(), String(number).trim().toUpperCase());
      if (cli.json) cli.emit(r, () => '');
      else cli.say(o.format === 'html' ? receiptHtml(r) : receiptText(r, cli.lang));
    });
}
