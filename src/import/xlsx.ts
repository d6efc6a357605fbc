/**
 * Spreadsheets in: the records of one sheet of an `.xlsx` workbook, as the same `RecordSource`
 * the CSV reader gives, so every import (households, collections, ballots, waivers) reads a
 * workbook with the same headers, checks and `FILE:ROW` messages as a CSV file.
 *
 * The workbook is read whole by exceljs' ordinary reader, not its streaming one: the streaming
 * reader takes the parts of the file in the order they were zipped, so it may meet a sheet
 * before the workbook's list of sheet names (no "first sheet", no `--sheet`) or before the
 * styles (dates read as bare numbers), and it ignores merged cells. The ordinary reader holds
 * the sheet in memory; a register or a few years of collections is a few thousand rows.
 * exceljs itself is loaded only when a workbook is read (it takes a quarter of a second), so
 * CSV imports and every other command start as fast as before.
 *
 * What a cell gives (`cellText`):
 * - text as it is (the row schema trims it), numbers stored as text included;
 * - a number as its decimal text, to the 15 significant digits Excel shows (500 → "500",
 *   86.5 → "86.5", never 0.30000000000000004);
 * - a date (a number in a date-formatted cell, the Chinese built-in date formats included) as
 *   YYYY-MM-DD, from the UTC parts exceljs gives, so the time zone never shifts the day;
 * - rich text and hyperlinks as their plain text, TRUE/FALSE for a logical value.
 *
 * A row is bad, listed as `FILE:ROW` like a bad CSV line, when a cell holds a formula (what it
 * shows is not what is stored, and need not be what it showed when it was last saved: paste
 * values), an error value (#N/A), a value over 64 KiB, or sits in a merged range that holds a
 * value (which rows or columns it belongs to cannot be told). Merged cells in the header row
 * are refused whatever they hold. A sheet that is not there, a damaged file and a password-
 * protected one are refused as a whole, naming the file (exit 2).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Cell, Row, Workbook, Worksheet } from 'exceljs';
import { InputError, text, type Text } from '../domain/errors.js';
import { csvSource, MAX_CELL_BYTES, MAX_RECORD_BYTES, type RecordSource, type SourceRecord } from './csv.js';

export interface SourceOptions {
  /** The sheet of a workbook to read (default the first); refused for a CSV file. */
  sheet?: string | undefined;
  /** How far the reading is (bytes of a CSV file, rows of a sheet), for a progress bar. */
  onRead?: (done: number, total: number) => void;
}

/** Whether `file` is read as a workbook: by its extension, `.xlsx` in any case. */
export const isXlsx = (file: string): boolean => path.extname(file).toLowerCase() === '.xlsx';

/**
 * The records of an import file, whatever it is: a workbook (`.xlsx`) or CSV (anything else).
 * A workbook is opened (and a missing sheet or a damaged file refused) before this returns; a
 * CSV file is read as the records are.
 */
export async function recordSourceFor(file: string, options: SourceOptions = {}): Promise<RecordSource> {
  if (isXlsx(file)) return xlsxSource(file, options);
  if (options.sheet !== undefined) {
    throw new InputError(text(`--sheet 只用于 Excel（.xlsx）文件，${file} 不是`, `--sheet is for .xlsx workbooks only, and ${file} is not one`));
  }
  return csvSource(file, options.onRead ? { onRead: options.onRead } : {});
}

/** The ValueType numbers of exceljs (its enum is a runtime object, and exceljs is loaded late). */
const enum ValueType {
  Null = 0,
  Merge = 1,
  Number = 2,
  String = 3,
  Date = 4,
  Hyperlink = 5,
  Formula = 6,
  SharedString = 7,
  RichText = 8,
  Boolean = 9,
  Error = 10,
}

/** A merged range: rows `top`..`bottom`, columns `left`..`right`, as `range` ("A1:C1"). */
interface Merge {
  top: number;
  left: number;
  bottom: number;
  right: number;
  range: string;
}

/**
 * The records of one sheet of an `.xlsx` workbook (the first, or `sheet`): one per row, `line`
 * being the row's number (the header is row 1), empty rows skipped (row 1 always given, so a
 * sheet without a header says which columns are missing).
 */
export async function xlsxSource(file: string, options: SourceOptions = {}): Promise<RecordSource> {
  const workbook = await openWorkbook(file);
  const sheet = pickSheet(file, workbook, options.sheet);
  const merges = mergesOf(sheet);
  return {
    file,
    *records() {
      const last = sheet.rowCount;
      for (let r = 1; r <= last; r++) {
        const row = sheet.findRow(r);
        if (r % 1000 === 0 || r === last) options.onRead?.(r, last);
        if (row === undefined) {
          if (r === 1) yield { line: 1, cells: [] };
          continue;
        }
        yield recordOf(row, merges.get(r));
      }
    },
  };
}

/** Reads the workbook whole, refusing (exit 2) a file that cannot be read, is damaged or is encrypted. */
async function openWorkbook(file: string): Promise<Workbook> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new InputError(text(`无法读取文件 ${file}：${(err as NodeJS.ErrnoException).code ?? ''}`, `cannot read ${file}: ${(err as Error).message}`));
  }
  // An encrypted workbook (a password to open) is not a zip but an OLE compound file, as an
  // old .xls is.
  if (bytes.subarray(0, 8).equals(OLE_MAGIC)) {
    throw new InputError(
      text(
        `无法读取 ${file}：工作簿设了打开密码（已加密），或是旧版 .xls 文件；请在 Excel/WPS 中去掉密码，另存为 .xlsx 后再导入`,
        `cannot read ${file}: the workbook is password-protected (encrypted) or an old .xls file; remove the password and save it as .xlsx, then import it`,
      ),
    );
  }
  const damaged = () =>
    new InputError(
      text(`无法读取 ${file}：不是有效的 Excel（.xlsx）工作簿，文件可能已损坏`, `cannot read ${file}: it is not a valid .xlsx workbook (the file may be damaged)`),
    );
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC)) throw damaged();
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  readChineseDateFormats(workbook);
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw damaged();
  }
  return workbook;
}

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * The built-in number formats of Chinese Excel and WPS that show a date (`yyyy"年"m"月"d"日"`,
 * `m"月"d"日"`, ...): a file names them by number alone, and exceljs knows no format for those
 * numbers, so without this their dates would read as bare day numbers.
 */
const CJK_DATE_FORMAT_IDS = new Set([27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]);

/**
 * Makes this workbook's reading treat the Chinese built-in date formats as dates. exceljs keeps
 * only a format's text, not its number; the styles of the file being read are reached as they
 * are handed over (`reconcile`), on this workbook's reader alone, so nothing of exceljs is
 * changed for anyone else (the workbooks the ledger writes, for one).
 */
function readChineseDateFormats(workbook: Workbook): void {
  type StyleModel = { numFmt?: string } | null | undefined;
  type Styles = { model?: { styles?: { numFmtId?: number }[] }; getStyleModel?: (id: number) => StyleModel };
  const reader = workbook.xlsx as unknown as { reconcile?: (model: { styles?: Styles }, options: unknown) => unknown };
  const reconcile = reader.reconcile;
  if (typeof reconcile !== 'function') return;
  reader.reconcile = function (model, options) {
    const styles = model?.styles;
    const getStyleModel = styles?.getStyleModel;
    if (styles && typeof getStyleModel === 'function') {
      styles.getStyleModel = function (this: Styles, id: number) {
        const style = getStyleModel.call(this, id);
        const numFmtId = styles.model?.styles?.[id]?.numFmtId;
        if (style && !style.numFmt && numFmtId !== undefined && CJK_DATE_FORMAT_IDS.has(Number(numFmtId))) style.numFmt = 'yyyy-mm-dd';
        return style;
      };
    }
    return reconcile.call(this, model, options);
  };
}

/** The sheet named `name`, or the first (the first shown, when the first is hidden); exit 2 naming the sheets there are otherwise. */
function pickSheet(file: string, workbook: Workbook, name: string | undefined): Worksheet {
  const sheets = workbook.worksheets;
  const names = sheets.map((s) => `“${s.name}”`).join('、');
  const namesEn = sheets.map((s) => `"${s.name}"`).join(', ');
  if (name === undefined) {
    const first = sheets.find((s) => s.state === undefined || s.state === 'visible') ?? sheets[0];
    if (!first) throw new InputError(text(`${file} 中没有工作表`, `${file} has no sheets`));
    return first;
  }
  const found = sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.trim().toLowerCase() === name.trim().toLowerCase());
  if (!found) {
    throw new InputError(
      text(`${file} 中没有名为“${name}”的工作表；现有工作表：${names || '（无）'}`, `${file} has no sheet "${name}"; its sheets are ${namesEn || '(none)'}`),
    );
  }
  return found;
}

/** The merged ranges of the sheet by the rows they cover: every range touching row 1, and those holding a value. */
function mergesOf(sheet: Worksheet): Map<number, Merge[]> {
  const byRow = new Map<number, Merge[]>();
  const all = (sheet as unknown as { _merges?: Record<string, Merge> })._merges ?? {};
  const last = sheet.rowCount;
  for (const m of Object.values(all)) {
    if (!m) continue;
    const holds = cellText(sheet.getCell(m.top, m.left)).text.trim() !== '';
    if (!holds && m.top !== 1) continue;
    for (let r = m.top; r <= Math.min(m.bottom, last); r++) {
      const list = byRow.get(r);
      if (list) list.push(m);
      else byRow.set(r, [m]);
    }
  }
  return byRow;
}

/** One row as a record: its cells as text, or why it cannot be read. */
function recordOf(row: Row, merges: readonly Merge[] | undefined): SourceRecord {
  const line = row.number;
  if (merges && merges.length > 0) {
    const ranges = merges.map((m) => m.range);
    return line === 1
      ? {
          line,
          error: text(
            `表头（第 1 行）有合并单元格 ${ranges.join('、')}：每列须有自己的列名，请取消合并，并把列名放在第一行`,
            `the header row (row 1) has merged cells ${ranges.join(', ')}: each column needs a header of its own; unmerge them and put the headers on the first row`,
          ),
        }
      : {
          line,
          error: text(
            `${ranges.join('、')} 是合并单元格：看不出它属于哪一行哪一列，请取消合并并在每一行填上`,
            `${ranges.join(', ')} is a merged cell, so which row and column it belongs to cannot be told; unmerge it and fill in every row`,
          ),
        };
  }
  const cells: string[] = [];
  const formulas: string[] = [];
  const errorValues: string[] = [];
  let bigCell = 0;
  let bytes = 0;
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const value = cellText(cell);
    if (value.formula) formulas.push(cell.address);
    else if (value.error) errorValues.push(`${cell.address} ${value.text}`);
    while (cells.length < col - 1) cells.push('');
    const size = Buffer.byteLength(value.text, 'utf8');
    bytes += size;
    if (size > MAX_CELL_BYTES) bigCell ||= col;
    cells.push(value.text);
  });
  const problems: Text[] = [];
  if (formulas.length > 0) {
    problems.push(
      text(
        `${formulas.join('、')} 是公式：不接受公式，请复制后“选择性粘贴 → 数值”再导入`,
        `${formulas.join(', ')} ${formulas.length > 1 ? 'hold formulas' : 'holds a formula'}: formulas are not accepted; paste values`,
      ),
    );
  }
  if (errorValues.length > 0) {
    problems.push(text(`${errorValues.join('、')}：是错误值，不是数据`, `${errorValues.join(', ')}: an error value, not data`));
  }
  if (bytes > MAX_RECORD_BYTES) problems.push(text('这一行超过 1 MiB，不予读取', 'the row is over 1 MiB and was not read'));
  else if (bigCell) problems.push(text(`第 ${bigCell} 列超过 64 KiB，不予读取`, `column ${bigCell} is over 64 KiB and was not read`));
  if (problems.length > 0) return { line, error: text(problems.map((p) => p.zh).join('；'), problems.map((p) => p.en).join('; ')) };
  return { line, cells };
}

/** Numbers as Excel shows them: at most 15 significant digits, no exponent, no grouping. */
let decimal: Intl.NumberFormat | undefined;
// Made when first needed: building an Intl formatter loads ICU data, about 10 ms of every start-up.
const decimalFormat = (): Intl.NumberFormat => (decimal ??= new Intl.NumberFormat('en-US', { useGrouping: false, maximumSignificantDigits: 15 }));

/** A number's decimal text: 500 → "500", 86.5 → "86.5", 0.1 + 0.2 → "0.3", 13800138000 → "13800138000". */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isSafeInteger(n)) return String(n);
  return decimalFormat().format(n);
}

/** A date as YYYY-MM-DD, by its UTC parts (exceljs puts an Excel day at UTC midnight). */
export function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return String(d);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

type RichTextValue = { richText: { text: string }[] };
const plain = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : v && typeof v === 'object' && Array.isArray((v as RichTextValue).richText)
      ? (v as RichTextValue).richText.map((r) => r.text ?? '').join('')
      : v === undefined || v === null
        ? ''
        : String(v);

/** What one cell holds, as text (see the top of this file). */
function cellText(cell: Cell): { text: string; formula?: true; error?: true } {
  const v = cell.value as unknown;
  switch (cell.type as number) {
    case ValueType.Null:
    case ValueType.Merge:
      return { text: '' };
    case ValueType.Number:
      return { text: numberText(v as number) };
    case ValueType.Date:
      return { text: v instanceof Date ? dateText(v) : plain(v) };
    case ValueType.String:
    case ValueType.SharedString:
    case ValueType.RichText:
      return { text: plain(v) };
    case ValueType.Hyperlink:
      return { text: plain((v as { text?: unknown }).text) };
    case ValueType.Boolean:
      return { text: v ? 'TRUE' : 'FALSE' };
    case ValueType.Formula:
      return { text: '', formula: true };
    case ValueType.Error:
      return { text: plain((v as { error?: unknown }).error), error: true };
    default:
      return { text: v instanceof Date ? dateText(v) : typeof v === 'number' ? numberText(v) : plain(v) };
  }
}
