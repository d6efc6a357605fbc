import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { choiceField } from '../../import/fields.js';
import { districtOverview } from '../../app/district.js';
import { districtCsv, districtMarkdown, districtTable } from '../../reports/render/district.js';
import { jsonText } from '../../reports/render/json.js';
import type { DistrictReport } from '../../reports/district.js';
import type { Lang } from '../../reports/render/sections.js';
import { writeFileAtomic } from '../../io/write-file-atomic.js';
import { periodFromOptions } from './report.js';
import type { Cli } from '../runtime.js';

type Format = 'table' | 'csv' | 'json' | 'md';
/** One renderer per format. JSON written with --out is for a person to keep: indented (on stdout, cli.printJson lays it out). */
const RENDER: Record<Format, (r: DistrictReport, lang: Lang) => string> = { table: districtTable, csv: districtCsv, json: (r) => jsonText(r, 'indented'), md: districtMarkdown };
const formatField = choiceField<Format>(text('格式', 'format'), { table: ['text', '表格'], csv: ['excel'], json: [], md: ['markdown'] });

export function registerDistrict(program: Command, cli: Cli): void {
  const district = program.command('district').description('for the street office: every compound of the database · 街道汇总');
  district
    .command('report')
    .description('one row per compound: households, billed, collected, balances, arrears, locked through, verified')
    .option('--half [period]', 'a half-year, e.g. 2024H2 (bare: the last completed one; the default)')
    .option('--year <year>', 'a calendar year')
    .option('--from <date>', 'first day (with --to; both inclusive)')
    .option('--to <date>', 'last day')
    .option('--format <format>', 'table | csv | json | md')
    .option('--out <file>', 'write to FILE instead of standard output')
    .action(async (raw) => {
      const o = cli.parse(z.object({ format: formatField.optional(), out: z.string().trim().min(1).optional() }), { format: raw.format, out: raw.out });
      const period = periodFromOptions(cli, raw);
      const format: Format = o.format ?? (cli.json ? 'json' : 'table');
      const report = await districtOverview(await cli.ledger({ anyCompound: true }), period, cli.now);
      if (o.out) {
        const content = RENDER[format](report, cli.lang);
        writeFileAtomic(o.out, content);
        cli.emit({ out: o.out, format, period: report.period, bytes: Buffer.byteLength(content) }, (d) => cli.t(text(`已写入 ${d.out}（${d.format}）`, `wrote ${d.out} (${d.format})`)));
        return;
      }
      if (cli.json || format === 'json') cli.printJson(report);
      else cli.io.stdout(RENDER[format](report, cli.lang));
    });
}
