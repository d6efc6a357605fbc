import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import Papa from 'papaparse';
import type { z } from 'zod';
import { InputError, text, type Text } from '../domain/errors.js';
import { issueText } from './fields.js';

/**
 * Text of a CSV as Excel or WPS on Chinese Windows saves it: UTF-8 with or without a BOM,
 * or GBK. A file that is not valid UTF-8 is read as GBK.
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
}

/** A column: its key, and the header names it goes by (English and Chinese). */
export interface Column {
  key: string;
  names: string[];
  required: boolean;
}

export interface RowError {
  line: number;
  text: Text;
}

export interface ParsedRow<T> {
  line: number;
  value: T;
}

/**
 * Reads a CSV into typed rows: the header picks the columns (in any order, English or
 * Chinese names), each row is validated by `schema`, and every problem is collected with
 * its line number (the header is line 1). Nothing is thrown for bad rows: the caller gets
 * them all and decides.
 */
export function readCsv<S extends z.ZodType>(
  file: string,
  columns: readonly Column[],
  schema: S,
): { rows: ParsedRow<z.output<S>>[]; errors: RowError[] } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    throw new InputError(text(`无法读取文件 ${file}：${(err as NodeJS.ErrnoException).code ?? ''}`, `cannot read ${file}: ${(err as Error).message}`));
  }
  const parsed = Papa.parse<string[]>(decodeCsv(bytes), { skipEmptyLines: false });
  const table = parsed.data;
  const { index, errors } = headerIndex(table[0] ?? [], columns);
  if (errors.length > 0) return { rows: [], errors };

  const rows: ParsedRow<z.output<S>>[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = table[i]!;
    if (isBlank(cells)) continue;
    const line = i + 1;
    const record = recordOf(cells, columns, index);
    const result = schema.safeParse(record);
    if (result.success) rows.push({ line, value: result.data });
    else for (const issue of result.error.issues) errors.push({ line, text: issueText(issue) });
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ line: 1, text: text('文件里没有数据行', 'the file has no rows') });
  }
  return { rows, errors };
}

/** Where each column stands in the header row, or the missing required columns as line-1 errors. */
function headerIndex(headerCells: readonly string[], columns: readonly Column[]): { index: Map<string, number>; errors: RowError[] } {
  const header = headerCells.map((h) => h.trim().toLowerCase());
  const index = new Map<string, number>();
  const errors: RowError[] = [];
  for (const col of columns) {
    const at = header.findIndex((h) => col.names.some((n) => n.toLowerCase() === h));
    if (at >= 0) index.set(col.key, at);
    else if (col.required) {
      errors.push({
        line: 1,
        text: text(`缺少“${col.names.join('”或“')}”列`, `missing column "${col.names.join('" or "')}"`),
      });
    }
  }
  return { index, errors };
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** One row's cells by column key, trimmed, as the row schema expects them. */
function recordOf(cells: readonly string[], columns: readonly Column[], index: ReadonlyMap<string, number>): Record<string, string | undefined> {
  const record: Record<string, string | undefined> = {};
  for (const col of columns) {
    const at = index.get(col.key);
    const cell = at === undefined ? '' : (cells[at] ?? '').trim();
    // An empty required cell goes to the schema, which says what is missing; an empty
    // optional cell is simply absent.
    record[col.key] = cell === '' && !col.required ? undefined : cell;
  }
  return record;
}

/**
 * Streams a CSV row by row, for files too big to hold: the same encodings, header rules,
 * validation and line numbers as `readCsv`, but each good row goes to `onRow` as soon as
 * it is read, and only the errors are kept. Memory stays the same whatever the file's size.
 * Returns the errors (header problems end the read at line 1) and the number of good rows.
 *
 * Line numbers count records as a spreadsheet shows them (the header is line 1, a blank line
 * counts), the same as `readCsv`. The delimiter is the comma, or the tab or semicolon when
 * the header has no comma.
 */
export function streamCsv<S extends z.ZodType>(
  file: string,
  columns: readonly Column[],
  schema: S,
  onRow: (value: z.output<S>, line: number) => void,
): { errors: RowError[]; rows: number } {
  const errors: RowError[] = [];
  let index: Map<string, number> | undefined;
  let rows = 0;
  let line = 0;
  forEachCsvRecord(file, (cells) => {
    line += 1;
    if (index === undefined) {
      const header = headerIndex(cells, columns);
      errors.push(...header.errors);
      index = header.index;
      return header.errors.length === 0;
    }
    if (isBlank(cells)) return true;
    const result = schema.safeParse(recordOf(cells, columns, index));
    if (result.success) {
      rows += 1;
      onRow(result.data, line);
    } else for (const issue of result.error.issues) errors.push({ line, text: issueText(issue) });
    return true;
  });
  if (rows === 0 && errors.length === 0) errors.push({ line: 1, text: text('文件里没有数据行', 'the file has no rows') });
  return { errors, rows };
}

const CHUNK = 1 << 16;

function openCsv(file: string): number {
  try {
    return fs.openSync(file, 'r');
  } catch (err) {
    throw new InputError(text(`无法读取文件 ${file}：${(err as NodeJS.ErrnoException).code ?? ''}`, `cannot read ${file}: ${(err as Error).message}`));
  }
}

/**
 * How the file is encoded, looking at it chunk by chunk: a BOM means UTF-8; otherwise UTF-8
 * if every byte is, else GBK (as `decodeCsv` decides for a whole file).
 */
function sniffEncoding(fd: number, chunkSize: number): { encoding: 'utf-8' | 'gbk'; skip: number } {
  const buf = Buffer.allocUnsafe(chunkSize);
  let carry = Buffer.alloc(0);
  let first = true;
  for (let pos = 0; ; ) {
    const n = fs.readSync(fd, buf, 0, chunkSize, pos);
    if (n === 0) return { encoding: carry.length === 0 ? 'utf-8' : 'gbk', skip: 0 };
    pos += n;
    if (first && n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
    first = false;
    const bytes = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
    // A character cut by the chunk's end is checked with the next chunk.
    const cut = completeLength(bytes);
    if (!isUtf8(bytes.subarray(0, cut))) return { encoding: 'gbk', skip: 0 };
    carry = Buffer.from(bytes.subarray(cut));
  }
}

/** The length of `bytes` without a UTF-8 sequence left incomplete at its end. */
function completeLength(bytes: Buffer): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back]!;
    if (b < 0x80) return bytes.length;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return need > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

/**
 * Calls `onRecord` with the cells of each record of a CSV file (RFC 4180: quoted cells may
 * hold commas, doubled quotes and line breaks; LF or CRLF), reading 64 KiB at a time.
 * `onRecord` returns false to stop. (`chunkSize` is for tests of the chunk boundaries.)
 */
export function forEachCsvRecord(file: string, onRecord: (cells: string[]) => boolean, chunkSize = CHUNK): void {
  const fd = openCsv(file);
  try {
    const { encoding, skip } = sniffEncoding(fd, chunkSize);
    const decoder = new TextDecoder(encoding);
    const buf = Buffer.allocUnsafe(chunkSize);
    let rest = '';
    let delimiter: string | undefined;
    let pendingCr = '';
    for (let pos = skip; ; ) {
      const n = fs.readSync(fd, buf, 0, chunkSize, pos);
      pos += n;
      const done = n === 0;
      // A lone CR ends a line too (Excel's "CSV (Macintosh)"); a CR at a chunk's end waits for the next chunk's LF.
      let piece = pendingCr + (done ? decoder.decode() : decoder.decode(buf.subarray(0, n), { stream: true }));
      pendingCr = !done && piece.endsWith('\r') ? '\r' : '';
      if (pendingCr) piece = piece.slice(0, -1);
      rest += piece.replace(/\r(?!\n)/g, '\n');
      if (delimiter === undefined) {
        const nl = rest.indexOf('\n');
        if (nl < 0 && !done) continue;
        const header = nl < 0 ? rest : rest.slice(0, nl);
        delimiter = header.includes(',') ? ',' : header.includes('\t') ? '\t' : header.includes(';') ? ';' : ',';
      }
      const used = parseRecords(rest, delimiter, done, onRecord);
      if (used < 0) return;
      rest = rest.slice(used);
      if (done) return;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Parses the complete records at the start of `text` and returns how much of it they took
 * (-1 when `onRecord` asked to stop). With `final`, the text is the end of the file and the
 * last record needs no line break.
 */
function parseRecords(text: string, delimiter: string, final: boolean, onRecord: (cells: string[]) => boolean): number {
  let pos = 0;
  let quote = text.indexOf('"');
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    if (quote >= 0 && quote < pos) quote = text.indexOf('"', pos);
    if (quote < 0 || (nl >= 0 && quote > nl)) {
      // The common case: a record on one line with no quotes.
      if (nl < 0 && !final) return pos;
      const end = nl < 0 ? text.length : nl;
      const line = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end);
      if (!onRecord(line.split(delimiter))) return -1;
      pos = end + 1;
      continue;
    }
    const record = quotedRecord(text, pos, delimiter, final);
    if (!record) return pos;
    if (!onRecord(record.cells)) return -1;
    pos = record.next;
  }
  return pos;
}

/** One record with quoted cells from `start`, or null when the text ends inside it. */
function quotedRecord(text: string, start: number, delimiter: string, final: boolean): { cells: string[]; next: number } | null {
  const cells: string[] = [];
  let cell = '';
  let i = start;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        if (i + 1 >= text.length && !final) return null;
        quoted = false;
      } else cell += c;
      i += 1;
    } else if (c === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
      i += 1;
    } else if (c === delimiter) {
      cells.push(cell);
      cell = '';
      i += 1;
    } else if (c === '\n' || (c === '\r' && text[i + 1] === '\n')) {
      cells.push(cell);
      return { cells, next: i + (c === '\r' ? 2 : 1) };
    } else if (c === '\r' && i + 1 >= text.length && !final) {
      return null;
    } else {
      cell += c;
      i += 1;
    }
  }
  // The text ended inside the record: it is complete only at the end of the file.
  if (!final) return null;
  cells.push(cell);
  return { cells, next: text.length };
}

/** Refuses the whole file, listing every bad row as `FILE:LINE: message`. */
export function rejectRows(file: string, errors: readonly RowError[]): never {
  const name = file;
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  throw new InputError(
    text(`${name} 有 ${sorted.length} 处错误，未导入任何数据`, `${name} has ${sorted.length} bad row(s); nothing was imported`),
    sorted.map((e) => text(`${name}:${e.line}: ${e.text.zh}`, `${name}:${e.line}: ${e.text.en}`)),
  );
}
