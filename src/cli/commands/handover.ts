import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { handover } from '../../app/handover.js';
import { amountField, dateField, label, nameField, roleField } from '../../import/fields.js';
import { writeFileAtomic } from '../../io/write-file-atomic.js';
import { handoverHtml, handoverText } from '../../reports/render/handover.js';
import type { Cli } from '../runtime.js';

export function registerHandover(program: Command, cli: Cli): void {
  program
    .command('handover <role>')
    .description('交接: ends FROM\'s ROLE and appoints TO in one entry, and prints the handover sheet for three signatures (the chair)')
    .requiredOption('--from <name>', 'handed over by (交出人)')
    .requiredOption('--to <name>', 'taken over by (接收人)')
    .option('--date <date>', 'the day of the handover (default today)')
    .option('--cash <amount>', 'cash counted, checked against the book')
    .option('--out <file>', 'write the sheet as A4 HTML to FILE')
    .action(async (role, raw) => {
      const o = cli.parse(
        z.object({
          role: roleField,
          from: nameField(label.person),
          to: nameField(label.person),
          date: dateField(label.date, cli.today).optional(),
          cash: amountField(label.amount).optional(),
          out: z.string().min(1).optional(),
        }),
        { ...raw, role },
      );
      const sheet = await handover(await cli.app({ write: true }), { role: o.role, from: o.from, to: o.to, date: o.date ?? null, cashFen: o.cash ?? null });
      if (o.out) writeFileAtomic(o.out, handoverHtml(sheet, (m) => cli.t(m), cli.lang));
      cli.emit(
        {
          role: sheet.role,
          from: sheet.from,
          to: sheet.to,
          date: sheet.date,
          balance_fen: sheet.balance_fen,
          cash_fen: sheet.cash_fen,
          last_receipt: sheet.last_receipt,
          last_voucher: sheet.last_voucher,
          head: sheet.head,
          ...(o.out ? { out: o.out } : {}),
        },
        () => handoverText(sheet, (m) => cli.t(m)) + (o.out ? `\n${cli.t(text(`交接单已写入 ${o.out}`, `the sheet is in ${o.out}`))}` : ''),
      );
    });
}
