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
      const known = await householdCodes(app.ledger);
      // On a terminal, long imports show how far they are (on stderr, so stdout stays clean).
      const progress = cli.io.stderrIsTty ? (s: string) => cli.io.stderr(`\r${s}\x1b[K`) : undefined;
      let read = 0;
      const done = await importCollections(
        app,
        (stage) =>
          readCollectionsCsv(file, cli.today, known, (row, line) => {
            stage(row, line);
            if (progress && ++read % 5000 === 0) progress(cli.t(text(`已读取 ${read} 行`, `read ${read} rows`)));
          }),
        {
          keepResults: cli.json,
          onProgress: progress && ((n, total) => progress(cli.t(text(`已写入 ${n}/${total}`, `written ${n}/${total}`)))),
        },
      );
      if (progress) cli.io.stderr('\r\x1b[K');
      if (cli.json) {
        // The records created, as `collect --json` shows each one; streamed, not held.
        await writeJsonArray(cli, done.results());
        return;
      }
      cli.say(
        text(
          `已导入 ${done.count} 笔收费，合计 ${formatFenGrouped(done.total_fen)} 元，收据 ${done.first} 至 ${done.last}`,
          `imported ${done.count} collections, ${formatFenGrouped(done.total_fen)} in all, receipts ${done.first} to ${done.last}`,
        ),
      );
    });
}

/**
 * Prints `items` exactly as `JSON.stringify([...items], null, 2)` would, one item at a time,
 * in chunks, waiting for stdout between them.
 */
async function writeJsonArray(cli: Cli, items: Iterable<unknown>): Promise<void> {
  let out = '[';
  let any = false;
  for (const item of items) {
    out += `${any ? ',' : ''}\n  ${JSON.stringify(item, null, 2).replace(/\n/g, '\n  ')}`;
    any = true;
    if (out.length > 1 << 16) {
      cli.io.stdout(out);
      out = '';
      await cli.io.drain?.();
    }
  }
  cli.io.stdout(`${out}${any ? '\n' : ''}]\n`);
}
