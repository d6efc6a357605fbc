/**
 * The disclosure as an Excel workbook (`report --format xlsx --out FILE`), for the committee
 * to print or send on, rendered from the same sections as every other format.
 *
 * - The first sheet (收支公示 / Disclosure) is the whole disclosure: title, period, each section
 *   as a block (bold heading, header row, data rows, totals in bold), the notes, the signature
 *   lines and the date line. Further sheets hold the long sections (expenses, other income,
 *   arrears by room, month by month) alone, with their header row frozen and repeated on
 *   every printed page.
 * - Money is a NUMBER of yuan (fen / 100) shown as `¥#,##0.00`, never text, so it can be
 *   summed; counts are numbers too. Text stays text: exceljs writes a string as a string,
 *   never as a formula, whatever it starts with.
 * - Column widths fit Chinese text (a CJK character counts as two); long cells wrap.
 * - Every sheet prints on A4 portrait, fitted to one page wide.
 *
 * exceljs is loaded only when a workbook is written (it is large; see src/import/xlsx.ts).
 */
import type { Workbook, Worksheet } from 'exceljs';
import type { Disclosure } from '../disclosure.js';
import { cellText, disclosureDoc, type Cell, type Lang, type Section } from './sections.js';

export const MONEY_FORMAT = '¥#,##0.00';
const COUNT_FORMAT = '0';
/** The widest a column is made; longer cells wrap. */
const MAX_WIDTH = 30;
const MIN_WIDTH = 6;
const LINE_HEIGHT = 15;
/** Sections that also get a sheet of their own. */
const DETAIL = ['expenses', 'other_income', 'arrears_rooms', 'monthly'];

const A4_PORTRAIT = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } as const;

/** Width of text in Excel's character units: East Asian wide and full-width characters count as two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

/** How a cell is shown, for measuring its width: money as its number format shows it. */
const shownText = (c: Cell): string => (typeof c !== 'string' && 'fen' in c ? `¥${cellText(c)}` : cellText(c));

function setCell(ws: Worksheet, row: number, col: number, c: Cell, align: 'left' | 'right' | undefined, bold: boolean): void {
  const cell = ws.getCell(row, col);
  if (typeof c === 'string') cell.value = c;
  else if ('fen' in c) {
    cell.value = c.fen / 100;
    cell.numFmt = MONEY_FORMAT;
  } else {
    cell.value = c.count;
    cell.numFmt = COUNT_FORMAT;
  }
  cell.alignment = { horizontal: align ?? 'left', vertical: 'top', wrapText: displayWidth(shownText(c)) > MAX_WIDTH };
  if (bold) cell.font = { bold: true };
}

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Writes one section from `row` (heading unless `heading` is false); returns the next free row. */
function writeSection(ws: Worksheet, s: Section, row: number, heading: boolean): number {
  if (heading) {
    ws.getCell(row, 1).value = s.title;
    ws.getCell(row, 1).font = { bold: true, size: 12 };
    row++;
  }
  s.head.forEach((h, i) => {
    const cell = ws.getCell(row, i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = { horizontal: s.align[i] ?? 'left', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
    cell.border = BORDER;
  });
  row++;
  if (s.rows.length === 0 && s.empty) {
    ws.getCell(row, 1).value = s.empty;
    row++;
  }
  s.rows.forEach((cells, i) => {
    const bold = s.totals?.includes(i) ?? false;
    let lines = 1;
    cells.forEach((c, j) => {
      setCell(ws, row, j + 1, c, s.align[j], bold);
      ws.getCell(row, j + 1).border = BORDER;
      lines = Math.max(lines, Math.ceil(displayWidth(shownText(c)) / MAX_WIDTH));
    });
    if (lines > 1) ws.getRow(row).height = LINE_HEIGHT * lines;
    row++;
  });
  return row;
}

/** Column widths from the section cells (headings, notes and title are left to overflow or merge). */
function fitColumns(ws: Worksheet, sections: Section[]): number[] {
  const widths: number[] = [];
  for (const s of sections) {
    const rows: Cell[][] = [s.head, ...s.rows];
    for (const r of rows) {
      r.forEach((c, j) => {
        widths[j] = Math.max(widths[j] ?? MIN_WIDTH, Math.min(MAX_WIDTH, displayWidth(shownText(c)) + 2));
      });
    }
  }
  widths.forEach((w, j) => (ws.getColumn(j + 1).width = w));
  return widths;
}

/** A line of text across all the columns, wrapped, its row made tall enough. */
function wideLine(ws: Worksheet, row: number, value: string, cols: number, totalWidth: number, style: { bold?: boolean; size?: number; align?: 'left' | 'center' | 'right' } = {}): void {
  if (cols > 1) ws.mergeCells(row, 1, row, cols);
  const cell = ws.getCell(row, 1);
  cell.value = value;
  cell.alignment = { horizontal: style.align ?? 'left', vertical: 'middle', wrapText: true };
  if (style.bold || style.size) cell.font = { bold: style.bold ?? false, ...(style.size ? { size: style.size } : {}) };
  const lines = Math.max(1, Math.ceil(displayWidth(value) / Math.max(1, totalWidth - 2)));
  const base = style.size && style.size > 11 ? Math.round(style.size * 1.6) : LINE_HEIGHT;
  if (lines > 1 || base !== LINE_HEIGHT) ws.getRow(row).height = base * lines;
}

function printSetup(ws: Worksheet, lang: Lang): void {
  ws.pageSetup = { ...A4_PORTRAIT, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } };
  ws.headerFooter = { oddFooter: lang === 'zh' ? '&C第 &P 页，共 &N 页' : '&CPage &P of &N' };
}

/** A sheet name from a section title, without its numbering (一、 / 4.) and characters Excel forbids. */
function sheetName(title: string, used: Set<string>): string {
  // 一 to 十 and 、 as \u escapes (the bundle stays ASCII: test/cli/code-cache.test.ts).
  let name = title.replace(/^[\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341]+\u3001|^\d+\.\s*/, '').replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, 31) || 'Sheet';
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${name.slice(0, 28)} ${n}`;
  used.add(name.toLowerCase());
  return name;
}

export async function disclosureXlsx(r: Disclosure, lang: Lang): Promise<Uint8Array> {
  const ExcelJS = (await import('exceljs')).default;
  const doc = disclosureDoc(r, lang);
  const zh = lang === 'zh';
  const wb: Workbook = new ExcelJS.Workbook();
  wb.creator = 'ledger';
  wb.title = doc.title;
  wb.created = new Date(`${r.generated_on}T00:00:00Z`);
  wb.modified = wb.created;

  const main = wb.addWorksheet(zh ? '收支公示' : 'Disclosure');
  const used = new Set([main.name.toLowerCase()]);
  const widths = fitColumns(main, doc.sections);
  const cols = Math.max(1, widths.length);
  const total = widths.reduce((a, b) => a + b, 0);

  let row = 1;
  wideLine(main, row++, doc.title, cols, total, { bold: true, size: 14, align: 'center' });
  for (const s of doc.subtitle) wideLine(main, row++, s, cols, total, { align: 'center' });
  // The title and period stay in view while the sections scroll.
  main.views = [{ state: 'frozen', xSplit: 0, ySplit: row - 1 }];
  for (const s of doc.sections) {
    row++;
    row = writeSection(main, s, row, true);
  }
  row++;
  main.getCell(row++, 1).value = zh ? '说明' : 'Notes';
  main.getCell(row - 1, 1).font = { bold: true };
  for (const n of doc.notes) wideLine(main, row++, n, cols, total);
  row++;
  for (const sig of doc.signatures) {
    main.getCell(row, 1).value = `${sig.role}${zh ? '：' : ': '}${sig.names}`;
    main.getCell(row, 1).font = { bold: true };
    // Column B left empty, so a long list of names may run into it.
    const sign = main.getCell(row, 3);
    sign.value = zh ? '签字：' : 'signed:';
    main.getCell(row, 1).alignment = { vertical: 'bottom' };
    sign.alignment = { horizontal: 'right', vertical: 'bottom' };
    if (cols > 4) main.mergeCells(row, 4, row, 5);
    main.getCell(row, 4).border = { bottom: THIN };
    main.getRow(row).height = LINE_HEIGHT * 2;
    row++;
  }
  row++;
  wideLine(main, row, doc.dateLine, cols, total, { align: 'right' });
  printSetup(main, lang);

  for (const s of doc.sections) {
    if (!DETAIL.includes(s.key) || s.rows.length === 0) continue;
    const ws = wb.addWorksheet(sheetName(s.title, used));
    fitColumns(ws, [s]);
    writeSection(ws, s, 1, false);
    ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
    printSetup(ws, lang);
    ws.pageSetup.printTitlesRow = '1:1';
  }

  return new Uint8Array(await wb.xlsx.writeBuffer());
}
