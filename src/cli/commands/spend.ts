import { anchorText } from '../../domain/chain.js';
import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { spend, type Expense } from '../../app/expenses.js';
import { amountField, dateField, label, nameField, noteField } from '../../import/fields.js';
import type { Cli } from '../runtime.js';

export const voteIdField = z.string().transform((s) => s.trim().toUpperCase());

export function registerSpend(program: Command, cli: Cli): void {
  program
    .command('spend <amount>')
    .description('record an expense (the reimburser; approved by the chair or a supervisor) · 支出报账')
    .requiredOption('--category <cat>', 'expense category, Chinese or English (保洁 cleaning, 维修 repairs ...)')
    .requiredOption('--payee <name>', 'who was paid (收款方)')
    .requiredOption('--item <text>', 'what for (事由)')
    .requiredOption('--approved-by <name>', 'the chair or a supervisor who approved it (审批人)')
    .option('--voucher <ref>', 'the paper voucher, e.g. 记-12 (凭证号)')
    .option('--vote <id>', 'the passed owners\' vote it is spent under, e.g. V2022-01 (一事一议)')
    .option('--date <date>', 'day paid (default today)')
    .action(async (amount, raw) => {
      const o = cli.parse(
        z.object({
          amount: amountField(label.amount),
          category: nameField(text('类别', 'category')),
          payee: nameField(text('收款方', 'payee')),
          item: nameField(text('事由', 'item')),
          approvedBy: nameField(text('审批人', 'approver')),
          voucher: noteField(text('凭证号', 'voucher')).optional(),
          vote: voteIdField.optional(),
          date: dateField(label.date, cli.today).default(cli.today),
        }),
        { ...raw, amount },
      );
      const done = await spend(await cli.app({ write: true }), {
        amountFen: o.amount,
        category: o.category,
        payee: o.payee,
        item: o.item,
        approvedBy: o.approvedBy,
        voucher: o.voucher || null,
        vote: o.vote || null,
        date: o.date,
      });
      cli.emit(done, (e) => expenseText(e, cli));
    });
}

function expenseText(e: Expense, cli: Cli): string {
  const t = (zh: string, en: string) => cli.t(text(zh, en));
  const lines = [
    t(`已记支出 ${e.number}  ${e.date}  ${formatFenGrouped(e.amount_fen)} 元`, `expense ${e.number}  ${e.date}  ${formatFenGrouped(e.amount_fen)}`),
    t(`类别：${e.category}  事由：${e.item}  收款方：${e.payee}`, `category: ${e.category_en ?? e.category}  item: ${e.item}  payee: ${e.payee}`),
    t(`经办：${e.by}  审批：${e.approved_by}${e.voucher ? `  凭证：${e.voucher}` : ''}`, `by ${e.by}, approved by ${e.approved_by}${e.voucher ? `, voucher ${e.voucher}` : ''}`),
  ];
  if (e.vote) {
    lines.push(
      e.budget_left_fen === null
        ? t(`依据表决：${e.vote}`, `under vote ${e.vote}`)
        : t(`依据表决：${e.vote}，预算尚余 ${formatFenGrouped(e.budget_left_fen)} 元`, `under vote ${e.vote}; ${formatFenGrouped(e.budget_left_fen)} of its budget left`),
    );
  }
  lines.push(cli.t(anchorText(e)));
  lines.push(t(`${e.date} 结余：${formatFenGrouped(e.balance_fen)} 元`, `fund on ${e.date}: ${formatFenGrouped(e.balance_fen)}`));
  return lines.join('\n');
}
