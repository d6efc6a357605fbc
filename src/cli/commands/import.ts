import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { waiveFees } from '../../app/fee-adjustments.js';
import { dateField, label, nameField } from '../../import/fields.js';
import { readWaiversCsv } from '../../import/waivers-csv.js';
import { text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { importCollections } from '../../app/collections.js';
import { householdExists, importKeys, paperNumbersInUse } from '../../db/import-keys.js';
import { readCollectionsCsv } from '../../import/collections-csv.js';
import { recordSourceFor } from '../../import/xlsx.js';
import { jsonArrayPieces } from '../../reports/render/json.js';
import { progressBar } from '../progress.js';
import type { Cli } from '../runtime.js';

export function registerImport(program: Command, cli: Cli): void {
  const imp = program.command('import').description('bring past records in from CSV or .xlsx · 导入');
  imp
    .command('waivers <file>')
    .description('many waivers at once from CSV or .xlsx: code,year,amount,reason (empty amount: all unpaid), e.g. vacant units at half fee; all rows or none')
    .requiredOption('--approved-by <name>', 'the approver (审批人): the chair or a supervisor')
    .option('--date <date>', 'the day they take effect (default today)')
    .option('--sheet <name>', 'the sheet of an .xlsx workbook to read (default the first)')
    .action(async (file, raw) => {
      const o = cli.parse(z.object({ approvedBy: nameField(label.person), date: dateField(label.date, cli.today).optional() }), raw);
      const app = await cli.app({ write: true });
      const rows = readWaiversCsv(file, o.date ?? cli.today, await householdExists(app.ledger), await recordSourceFor(file, { sheet: raw.sheet }));
      const done = await waiveFees(app, rows, o.approvedBy);
      const total = done.reduce((s, w) => s + w.amount_fen, 0);
      cli.emit({ imported: done.length, households: new Set(done.map((w) => w.household)).size, total_fen: total, first: done[0]?.waiver ?? null, last: done.at(-1)?.waiver ?? null }, (d) =>
        cli.t(text(`已减免 ${d.imported} 笔，合计 ${formatFenGrouped(total)} 元（${d.first ?? ''} – ${d.last ?? ''}）`, `${d.imported} waivers, ${formatFenGrouped(total)} in all (${d.first ?? ''} - ${d.last ?? ''})`)),
      );
    });
  imp
    .command('collections <file>')
    .description('past collections from CSV or .xlsx: date,code,amount[,method,receipt]; all rows or none')
    .option('--allow-duplicates', 'accept identical rows as separate payments (otherwise refused, naming the lines)')
    .option('--sheet <name>', 'the sheet of an .xlsx workbook to read (default the first)')
    .action(async (file, opts: { allowDuplicates?: boolean; sheet?: string }) => {
      const app = await cli.app({ write: true });
      const { ledger } = app;
      // On a terminal, long imports show how far they are (on stderr, so stdout stays clean).
      const reading = progressBar(cli.io, text('读取', 'reading'), cli.lang, 0);
      const writing = progressBar(cli.io, text('写入', 'writing'), cli.lang, 0);
      const source = await recordSourceFor(file, { sheet: opts.sheet, onRead: reading.update });
      const done = await importCollections(
        app,
        async (stage) => {
          const checks = {
            isHousehold: await householdExists(ledger),
            paperReceiptUsed: ((used) => (r: string) => used.has(r))(await paperNumbersInUse(ledger, 'collection')),
            seen: importKeys(ledger),
            allowDuplicates: opts.allowDuplicates === true,
          };
          try {
            for (const { line, value } of readCollectionsCsv(file, cli.today, checks, source)) stage(value, line);
          } finally {
            reading.stop();
          }
        },
        { keepResults: cli.json, onProgress: writing.update },
      ).finally(() => writing.stop());
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

/** Prints `items` as a JSON array (reports/render/json.ts), in chunks, waiting for stdout between them. */
async function writeJsonArray(cli: Cli, items: Iterable<unknown>): Promise<void> {
  let out = '';
  for (const piece of jsonArrayPieces(items, cli.jsonLayout)) {
    out += piece;
    if (out.length > 1 << 16) {
      cli.io.stdout(out);
      out = '';
      await cli.io.drain?.();
    }
  }
  cli.io.stdout(out);
}
