import type { Command } from 'commander';
import { z } from 'zod';
import { text } from '../../domain/errors.js';
import { formatFen } from '../../domain/money.js';
import { setFee } from '../../app/setup.js';
import { amountField, label, yearField } from '../../import/fields.js';
import type { Cli } from '../runtime.js';

export function registerFee(program: Command, cli: Cli): void {
  program
    .command('fee')
    .description('the fee standard · 物业费标准')
    .command('set <year> <amount>')
    .description("set YEAR's fee per household (years never set use the fee given at init)")
    .action(async (year, amount) => {
      const o = cli.parse(z.object({ year: yearField, amount: amountField(label.amount) }), { year, amount });
      const done = await setFee(cli.app(), o.year, o.amount);
      cli.emit(done, (d) => cli.t(text(`${d.year}年物业费：${formatFen(d.amount_fen)} 元/户`, `fee for ${d.year}: ${formatFen(d.amount_fen)} per household`)));
    });
}
