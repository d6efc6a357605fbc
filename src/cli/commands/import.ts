import type { Command } from 'commander';
import { text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { importCollections } from '../../app/collections.js';
import { householdCodes } from '../../db/households-repo.js';
import { readCollectionsCsv } from '../../import/collections-csv.js';
import type { Cli } from '../runtime.js';

export function registerImport(program: Command, cli: Cli): void {
  program
    .command('import')
    .description('bring past records in from CSV · 导入')
    .command('collections <file>')
    .description('past collections: date,code,amount[,method,receipt]; all rows or none')
    .action(async (file) => {
      const app = cli.app();
      const rows = readCollectionsCsv(file, cli.today, await householdCodes(app.ledger));
      const progress = cli.io.stderrIsTty && !cli.json
        ? (done: number, total: number) => cli.io.stderr(`\r${done}/${total}`)
        : undefined;
      const done = await importCollections(app, rows, progress);
      if (progress) cli.io.stderr('\r');
      const total = done.reduce((s, c) => s + c.amount_fen, 0);
      const first = done[0]?.receipt;
      const last = done.at(-1)?.receipt;
      cli.emit(cli.json ? done : { count: done.length, total }, () =>
        cli.t(
          text(
            `已导入 ${done.length} 笔收费，合计 ${formatFenGrouped(total)} 元，收据 ${first} 至 ${last}`,
            `imported ${done.length} collections, ${formatFenGrouped(total)} in all, receipts ${first} to ${last}`,
          ),
        ),
      );
    });
}
