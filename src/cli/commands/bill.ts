import type { Command } from 'commander';
import { text } from '../../domain/errors.js';
import { FEE_BASIS_NAMES } from '../../domain/fees.js';
import { formatFenGrouped } from '../../domain/money.js';
import { billYear } from '../../app/billing.js';
import { yearField } from '../../import/fields.js';
import type { Cli } from '../runtime.js';

export function registerBill(program: Command, cli: Cli): void {
  program
    .command('bill <year>')
    .description("post YEAR's fee to every household living there (again: only those not yet billed) · 开账单")
    .action(async (year) => {
      const y = cli.parse(yearField, year);
      const r = await billYear(await cli.app({ write: true }), y);
      const total = r.billed.reduce((s, b) => s + b.amount_fen, 0);
      cli.emit(r, () =>
        cli.t(
          text(
            `${y}年：新开账单 ${r.billed.length} 户，${r.per === 'household' ? '每户 ' : ''}${formatFenGrouped(r.fee_fen)} ${FEE_BASIS_NAMES[r.per].zh}，合计 ${formatFenGrouped(total)} 元${r.already_billed ? `（此前已开 ${r.already_billed} 户）` : ''}`,
            `${y}: billed ${r.billed.length} households at ${formatFenGrouped(r.fee_fen)}${r.per === 'household' ? '' : ` ${FEE_BASIS_NAMES[r.per].en}`}, ${formatFenGrouped(total)} in all${r.already_billed ? ` (${r.already_billed} billed before)` : ''}`,
          ),
        ),
      );
    });
}
