import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { formatFen } from '../../domain/money.js';
import { initLedger } from '../../app/setup.js';
import { closeLedger } from '../../db/open-database.js';
import { amountField, nameField } from '../../import/fields.js';
import type { Cli } from '../runtime.js';

const options = z.object({
  name: nameField(text('小区名称', 'compound name')),
  chair: nameField(text('主任姓名', 'chair')),
  fee: amountField(text('物业费', 'fee')).default(50000),
  majorThreshold: amountField(text('重大支出标准', 'major threshold')).default(200000),
});

export function registerInit(program: Command, cli: Cli): void {
  program
    .command('init')
    .description('create a new ledger · 新建账本')
    .requiredOption('--name <name>', 'the compound, e.g. 工行小区')
    .requiredOption('--chair <name>', 'chair of the committee (物管会主任)')
    .option('--fee <amount>', 'fee per household per year, default 500')
    .option('--major-threshold <amount>', 'expenses at or above this need a vote, default 2000')
    .action(async (raw) => {
      const o = cli.parse(options, raw);
      const ledger = await initLedger(cli.globals.db, { name: o.name, chair: o.chair, feeFen: o.fee, majorThresholdFen: o.majorThreshold }, cli.now, cli.passphrases, cli.globals.compound);
      await closeLedger(ledger);
      cli.emit({ db: ledger.path, name: o.name, chair: o.chair, fee_fen: o.fee, major_threshold_fen: o.majorThreshold }, () =>
        cli.t(
          text(
            `已新建账本 ${ledger.path}：${o.name}，主任 ${o.chair}，物业费 ${formatFen(o.fee)} 元/户/年，重大支出标准 ${formatFen(o.majorThreshold)} 元`,
            `created ${ledger.path}: ${o.name}, chair ${o.chair}, fee ${formatFen(o.fee)} per household per year, votes needed from ${formatFen(o.majorThreshold)}`,
          ),
        ),
      );
    });
}
