/** The district report as a table, CSV (for Excel: BOM, CRLF) or Markdown; JSON is the data itself. */
import { formatFenGrouped } from '../../domain/money.js';
import type { Text } from '../../domain/errors.js';
import type { DistrictReport } from '../district.js';
import { csvLine } from './csv.js';
import { mdCell } from './markdown.js';
import type { Cell, Lang } from './sections.js';
import { textTable } from './text-table.js';

const COLUMNS: { head: Text; right: boolean }[] = [
  { head: { zh: '小区', en: 'compound' }, right: false },
  { head: { zh: '户数', en: 'households' }, right: true },
  { head: { zh: '应收', en: 'billed' }, right: true },
  { head: { zh: '已收物业费', en: 'fees collected' }, right: true },
  { head: { zh: '期初结余', en: 'opening' }, right: true },
  { head: { zh: '收入', en: 'income' }, right: true },
  { head: { zh: '支出', en: 'expense' }, right: true },
  { head: { zh: '期末结余', en: 'closing' }, right: true },
  { head: { zh: '欠费', en: 'arrears' }, right: true },
  { head: { zh: '锁账至', en: 'locked through' }, right: false },
  { head: { zh: '核查', en: 'verified' }, right: false },
];

function rows(r: DistrictReport, lang: Lang, none = '-'): Cell[][] {
  const yes = (ok: boolean) => (lang === 'zh' ? (ok ? '通过' : '未通过') : ok ? 'yes' : 'NO');
  const body: Cell[][] = r.compounds.map((c) => [
    c.name,
    { count: c.households },
    { fen: c.billed_fen },
    { fen: c.collected_fen },
    { fen: c.opening_balance_fen },
    { fen: c.income_total_fen },
    { fen: c.expense_total_fen },
    { fen: c.closing_balance_fen },
    { fen: c.arrears_fen },
    c.locked_through ?? none,
    yes(c.verified),
  ]);
  const t = r.totals;
  body.push([lang === 'zh' ? '合计' : 'total', { count: t.households }, { fen: t.billed_fen }, { fen: t.collected_fen }, '', { fen: t.income_total_fen }, { fen: t.expense_total_fen }, { fen: t.closing_balance_fen }, { fen: t.arrears_fen }, '', '']);
  return body;
}

const shown = (c: Cell): string => (typeof c === 'string' ? c : 'fen' in c ? formatFenGrouped(c.fen) : String(c.count));
const title = (r: DistrictReport, lang: Lang) => (lang === 'zh' ? `各小区物业费收支（${r.period.label}，${r.period.from} 至 ${r.period.to}）` : `compounds side by side, ${r.period.label} (${r.period.from} to ${r.period.to})`);

export function districtTable(r: DistrictReport, lang: Lang): string {
  const table = textTable(COLUMNS.map((c) => c.head[lang]), rows(r, lang).map((row) => row.map(shown)), COLUMNS.map((c) => (c.right ? 'right' : 'left')));
  return `${title(r, lang)}\n${table}\n`;
}

export function districtCsv(r: DistrictReport, lang: Lang): string {
  return `\uFEFF${[csvLine(COLUMNS.map((c) => c.head[lang])), ...rows(r, lang, '').map(csvLine)].join('\r\n')}\r\n`;
}

export function districtMarkdown(r: DistrictReport, lang: Lang): string {
  const out = [`# ${mdCell(title(r, lang))}`, '', `| ${COLUMNS.map((c) => mdCell(c.head[lang])).join(' | ')} |`, `| ${COLUMNS.map((c) => (c.right ? '---:' : '---')).join(' | ')} |`];
  for (const row of rows(r, lang)) out.push(`| ${row.map((c) => mdCell(shown(c))).join(' | ')} |`);
  return `${out.join('\n')}\n`;
}

