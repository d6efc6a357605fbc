import { anchorText } from '../../domain/chain.js';
import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { refund } from '../../app/fee-adjustments.js';
import { amountField, codeField, dateField, label, methodField, nameField, textField } from '../../import/fields.js';
import type { Cli } from '../runtime.js';

export function registerRefund(program: Command, cli: Cli): void {
  program
    .command('refund <code> <amount>')
    .description('退费: pay back (part of) a prepayment, by the collector, approved by the chair or a supervisor')
    .requiredOption('--reason <text>', 'why (原因)')
    .requiredOption('--approved-by <name>', 'the approver (审批人): the chair or a supervisor')
    .option('--date <date>', 'paid back on (default today)')
    .option('--method <method>', 'cash | wechat | alipay | bank | other')
    .action(async (code, amount, raw) => {
      const o = cli.parse(
        z.object({
          code: codeField,
          amount: amountField(label.amount),
          reason: textField(label.reason, { max: 200, required: true }),
          approvedBy: nameField(label.person),
          date: dateField(label.date, cli.today).optional(),
          method: methodField.optional(),
        }),
        { ...raw, code, amount },
      );
      const r = await refund(await cli.app({ write: true }), {
        code: o.code,
        amountFen: o.amount,
        reason: o.reason,
        approvedBy: o.approvedBy,
        date: o.date ?? cli.today,
        method: o.method ?? null,
      });
      cli.emit(r, (d) =>
        cli.t(
          text(
            `退费 ${d.refund}：${d.household} ${formatFenGrouped(d.amount_fen)} 元（${d.date}），预交余额 ${formatFenGrouped(d.credit_fen)} 元\n${anchorText(d).zh}`,
            `refund ${d.refund}: ${d.household} ${formatFenGrouped(d.amount_fen)} (${d.date}); prepayment left ${formatFenGrouped(d.credit_fen)}\n${anchorText(d).en}`,
          ),
        ),
      );
    });
}
