import type { Command } from 'commander';
import { text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { arrearsReport } from '../../reports/arrears.js';
import { dateField, label } from '../../import/fields.js';
import { textTable } from '../../reports/render/text-table.js';
import type { Cli } from '../runtime.js';

export function registerArrears(program: Command, cli: Cli): void {
  program
    .command('arrears')
    .description('who owes what, by year, as it stood on a day · 欠费')
    .option('--as-of <date>', 'the day (default today)')
    .action(async (raw) => {
      const asOf = raw.asOf === undefined ? cli.today : cli.parse(dateField(label.date, cli.today), raw.asOf);
      const r = await arrearsReport(await cli.ledger(), asOf);
      cli.emit(r, () => {
        const t = (zh: string, en: string) => cli.t(text(zh, en));
        const table = textTable(
          [t('房号', 'code'), t('业主', 'owner'), t('欠费', 'owed'), t('年度', 'years')],
          r.households.map((h) => [h.code, h.owner, formatFenGrouped(h.owed_fen), h.years.map((y) => `${y.year}: ${formatFenGrouped(y.owed_fen)}`).join(', ')]),
          ['left', 'left', 'right', 'left'],
        );
        return `${t(`截至 ${r.as_of} 欠费`, `arrears as of ${r.as_of}`)}\n${table}\n${t(`共 ${r.households.length} 户，合计 ${formatFenGrouped(r.total_fen)} 元`, `${r.households.length} households, ${formatFenGrouped(r.total_fen)} in all`)}`;
      });
    });
}
