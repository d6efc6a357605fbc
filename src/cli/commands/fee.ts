import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { formatFen, formatFenGrouped } from '../../domain/money.js';
import { waiveFees } from '../../app/fee-adjustments.js';
import { setFee } from '../../app/setup.js';
import { amountField, choiceField, codeField, dateField, label, nameField, textField, yearField } from '../../import/fields.js';
import { FEE_BASIS_NAMES } from '../../domain/fees.js';

const feeBasisField = choiceField(text('计费方式', 'fee basis'), {
  household: ['户', '每户', 'per-household'],
  'm2-year': ['平米年', '元/㎡/年'],
  'm2-month': ['平米月', '元/㎡/月'],
});
import type { Cli } from '../runtime.js';

export function registerFee(program: Command, cli: Cli): void {
  const fee = program.command('fee').description('the fee standard · 物业费标准');
  fee
    .command('set <year> <amount>')
    .description("set YEAR's fee (years never set use the fee given at init, per household)")
    .option('--per <basis>', 'household | m2-year | m2-month (by area: area × rate, × 12 for m2-month)', 'household')
    .action(async (year, amount, raw) => {
      const o = cli.parse(z.object({ year: yearField, amount: amountField(label.amount), per: feeBasisField }), { year, amount, per: raw.per });
      const done = await setFee(await cli.app({ write: true }), o.year, o.amount, o.per);
      cli.emit(done, (d) =>
        cli.t(text(`${d.year}年物业费：${formatFen(d.amount_fen)} ${FEE_BASIS_NAMES[d.per].zh}`, `fee for ${d.year}: ${formatFen(d.amount_fen)} ${FEE_BASIS_NAMES[d.per].en}`)),
      );
    });
  fee
    .command('waive <code> <year> [amount]')
    .description("减免: reduce a household's charge for YEAR by AMOUNT (default: all still unpaid), approved by the chair or a supervisor")
    .requiredOption('--reason <text>', 'why (原因), e.g. 低保户')
    .requiredOption('--approved-by <name>', 'the approver (审批人): the chair or a supervisor')
    .option('--date <date>', 'the day it takes effect (default today)')
    .action(async (code, year, amount, raw) => {
      const o = cli.parse(
        z.object({
          code: codeField,
          year: yearField,
          amount: amountField(label.amount).optional(),
          reason: textField(label.reason, { max: 200, required: true }),
          approvedBy: nameField(label.person),
          date: dateField(label.date, cli.today).optional(),
        }),
        { ...raw, code, year, amount },
      );
      const [w] = await waiveFees(
        await cli.app({ write: true }),
        [{ code: o.code, year: o.year, amountFen: o.amount ?? null, reason: o.reason, date: o.date ?? cli.today }],
        o.approvedBy,
      );
      cli.emit({ waiver: w!.waiver, household: w!.household, year: w!.year, amount_fen: w!.amount_fen }, (d) =>
        cli.t(text(`减免 ${d.waiver}：${d.household} ${d.year}年 ${formatFenGrouped(d.amount_fen)} 元`, `waiver ${d.waiver}: ${d.household} ${d.year}, ${formatFenGrouped(d.amount_fen)}`)),
      );
    });
}
