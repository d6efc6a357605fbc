import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { parseDate, type IsoDate } from '../../domain/dates.js';
import { InputError, text } from '../../domain/errors.js';
import { customPeriod, lastCompletedHalf, parseHalf, wholeYear, type Period } from '../../domain/period.js';
import { choiceField, yearField } from '../../import/fields.js';
import { issueText } from '../../import/issue-text.js';
import { disclosureReport, type Disclosure } from '../../reports/disclosure.js';
import { disclosureCsv } from '../../reports/render/csv.js';
import { disclosureHtml } from '../../reports/render/html.js';
import { jsonText } from '../../reports/render/json.js';
import { disclosureMarkdown } from '../../reports/render/markdown.js';
import { disclosureTable } from '../../reports/render/table.js';
import { disclosureXlsx } from '../../reports/render/xlsx.js';
import type { Lang } from '../../reports/render/sections.js';
import { writeFileAtomic } from '../../io/write-file-atomic.js';
import type { Cli } from '../runtime.js';

export type ReportFormat = 'table' | 'csv' | 'json' | 'md' | 'html' | 'xlsx';
type TextFormat = Exclude<ReportFormat, 'xlsx'>;

/** One renderer per format; each takes the same report value. The workbook (xlsx) is bytes, written only to a file. */
const RENDER: Record<TextFormat, (r: Disclosure, lang: Lang) => string> = {
  table: (r, lang) => `${disclosureTable(r, lang)}\n`,
  csv: disclosureCsv,
  // A file written with --out is for a person to keep: indented (on stdout, laid out below).
  json: (r) => jsonText(r, 'indented'),
  md: disclosureMarkdown,
  html: disclosureHtml,
};

const formatField = choiceField<ReportFormat>(text('格式', 'format'), {
  table: ['text', '表格'],
  csv: ['excel'],
  json: [],
  md: ['markdown'],
  html: [],
  xlsx: ['workbook'],
});

/** A real calendar date; unlike entry dates, a period may end after today. */
const periodDate = (label: { zh: string; en: string }) =>
  z.string().transform((s, ctx): IsoDate => {
    const d = parseDate(s);
    if (d === null) {
      ctx.issues.push({ code: 'custom', message: '', input: s, params: { text: text(`${label.zh}“${s}”不是有效日期（格式 YYYY-MM-DD）`, `${label.en} "${s}" is not a real date (YYYY-MM-DD)`) } });
      return z.NEVER;
    }
    return d;
  });

export interface PeriodOptions {
  half?: string | boolean;
  year?: string;
  from?: string;
  to?: string;
}

/**
 * The period of `--half [P] | --year Y | --from D --to D`; with none of them, and for a bare
 * `--half`, the last half-year completed by today. Every problem is reported (exit 2).
 * A period may run past today (its figures are then as of today), but may not start after it.
 */
export function periodFromOptions(cli: Cli, raw: PeriodOptions): Period {
  const problems: { zh: string; en: string }[] = [];
  const kinds = [raw.half !== undefined, raw.year !== undefined, raw.from !== undefined || raw.to !== undefined].filter(Boolean).length;
  if (kinds > 1) problems.push(text('--half、--year、--from/--to 只能用其中一种', 'give only one of --half, --year or --from/--to'));
  let period: Period | null = null;
  if (raw.half !== undefined) {
    if (raw.half === true) period = lastCompletedHalf(cli.today);
    else {
      period = parseHalf(String(raw.half));
      if (!period) problems.push(text(`半年“${raw.half}”无效（如 2022H2）`, `half-year "${raw.half}" is not valid (e.g. 2022H2)`));
    }
  } else if (raw.year !== undefined) {
    const y = yearField.safeParse(raw.year);
    if (y.success) period = wholeYear(y.data);
    else problems.push(...y.error.issues.map(issueText));
  } else if (raw.from !== undefined || raw.to !== undefined) {
    if (raw.from === undefined || raw.to === undefined) problems.push(text('--from 和 --to 须同时给出', '--from and --to go together'));
    const from = raw.from === undefined ? undefined : periodDate(text('起始日期', 'from date')).safeParse(raw.from);
    const to = raw.to === undefined ? undefined : periodDate(text('截止日期', 'to date')).safeParse(raw.to);
    for (const r of [from, to]) if (r && !r.success) problems.push(...r.error.issues.map(issueText));
    if (from?.success && to?.success) {
      if (from.data > to.data) problems.push(text(`起始日期 ${from.data} 晚于截止日期 ${to.data}`, `the period starts (${from.data}) after it ends (${to.data})`));
      else period = customPeriod(from.data, to.data);
    }
  } else {
    period = lastCompletedHalf(cli.today);
  }
  if (period && period.from > cli.today && problems.length === 0) {
    problems.push(text(`期间 ${period.label} 在今天（${cli.today}）之后才开始`, `the period ${period.label} starts after today (${cli.today})`));
  }
  if (problems.length > 0 || !period) {
    const [first, ...rest] = problems;
    throw new InputError(first ?? text('期间无效', 'invalid period'), rest);
  }
  return period;
}

/** `--out` files are written by the one atomic, owner-only writer (src/io/write-file-atomic.ts). */
export { writeFileAtomic as writeAtomically } from '../../io/write-file-atomic.js';

export const outField = z.string().trim().min(1).optional();

export function registerReport(program: Command, cli: Cli): void {
  program
    .command('report')
    .description('the disclosure statement (收支公示) of a half-year, a year or any period · 收支公示')
    .option('--half [period]', 'a half-year, e.g. 2022H2 (bare: the last completed one; the default)')
    .option('--year <year>', 'a calendar year')
    .option('--from <date>', 'first day (with --to; both inclusive)')
    .option('--to <date>', 'last day')
    .option('--format <format>', 'table | csv | json | md | html | xlsx (with --out)')
    .option('--out <file>', 'write to FILE instead of standard output')
    .action(async (raw) => {
      const o = cli.parse(z.object({ format: formatField.optional(), out: outField }), { format: raw.format, out: raw.out });
      const period = periodFromOptions(cli, raw);
      const format: ReportFormat = o.format ?? (cli.json ? 'json' : 'table');
      if (format === 'xlsx' && !o.out) {
        throw new InputError(text('--format xlsx 须与 --out 文件同用（工作簿不能输出到屏幕）', '--format xlsx needs --out FILE (a workbook is not written to standard output)'));
      }
      const report = await disclosureReport(await cli.ledger(), period, cli.now);
      if (o.out) {
        const content = format === 'xlsx' ? await disclosureXlsx(report, cli.lang) : RENDER[format](report, cli.lang);
        writeFileAtomic(o.out, content);
        cli.emit({ out: o.out, format, period: report.period, bytes: Buffer.byteLength(content) }, (d) =>
          cli.t(text(`已写入 ${d.out}（${d.format}，${report.caption.zh}）`, `wrote ${d.out} (${d.format}, ${report.caption.en})`)),
        );
        return;
      }
      if (cli.json || format === 'json') cli.printJson(report);
      else if (format !== 'xlsx') cli.io.stdout(RENDER[format](report, cli.lang));
    });
}
