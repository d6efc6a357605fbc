import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { voidRecord } from '../../app/corrections.js';
import { dateField, label, nameField } from '../../import/fields.js';
import type { Cli } from '../runtime.js';

export function registerVoid(program: Command, cli: Cli): void {
  program
    .command('void <number>')
    .description('void a receipt or expense by a reversing entry; the original stays, marked 作废 · 作废')
    .requiredOption('--reason <text>', 'why (原因)')
    .requiredOption('--approved-by <name>', 'the approver (审批人): the chair or a supervisor, not the one voiding')
    .option('--date <date>', 'day of the correction (default today)')
    .action(async (number, raw) => {
      const o = cli.parse(
        z.object({
          number: z.string().transform((s) => s.trim().toUpperCase()),
          reason: nameField(text('原因', 'reason')),
          approvedBy: nameField(label.person),
          date: dateField(label.date, cli.today).default(cli.today),
        }),
        { ...raw, number },
      );
      const done = await voidRecord(await cli.app({ write: true }), o.number, o.reason, o.date, o.approvedBy);
      cli.emit(done, (d) =>
        cli.t(text(`已作废 ${d.number}（${formatFenGrouped(d.amount_fen)} 元），冲销日期 ${d.date}`, `voided ${d.number} (${formatFenGrouped(d.amount_fen)}), reversed on ${d.date}`)),
      );
    });
}
