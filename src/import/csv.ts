/**
 * The one reader every import goes through (households, collections, ballots, and what comes
 * next: waivers, spreadsheets).
 *
 * It is built in two layers, so that another file format plugs in below and another import on
 * top:
 *
 * - A `RecordSource` yields the records of a file one at a time, as `{ line, cells }`, or as
 *   `{ line, error }` for a record that cannot be read at all (an unclosed quote, a cell over
 *   64 KiB, a record over 1 MiB). `csvSource` is the CSV one; an xlsx reader is another.
 * - `readRows` turns a source into typed rows: the header picks the columns, a zod schema
 *   validates each row, and every problem goes to a `RowErrors`, which keeps the first 100 bad
 *   rows and counts the rest. Checks against the ledger (a code already registered, an unknown
 *   household, a duplicate) are made by the import as the rows go by and go to the same
 *   `RowErrors`, so they are listed with the others, in line order, as `FILE:LINE: message`.
 *
 * The CSV is streamed: read 128 KiB at a time, decoded, and parsed by a state machine that
 * looks at each character once and keeps nothing but the record it is in, so time grows with
 * the file's size alone and memory stays the same whatever the file or its fields.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import type { z } from 'zod';
import { InputError, text, type Text } from '../domain/errors.js';
import type { RowParser } from './fields.js';
import { issueText } from './issue-text.js';

/** A cell longer than this (in UTF-8 bytes) makes its row bad: no field of ours is near it. */
export const MAX_CELL_BYTES = 64 * 1024;
/** A record longer than this makes its row bad; the parser stops keeping its text. */
export const MAX_RECORD_BYTES = 1024 * 1024;
/** How many bad rows an error lists; the rest are counted. */
export const MAX_LISTED_ROWS = 100;

const CHUNK = 1 << 17;

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

/** One record of a file: its cells, or why it cannot be read. `line` is its row as a spreadsheet shows it (the header is 1). */
export type SourceRecord = { line: number; cells: string[]; error?: undefined } | { line: number; error: Text; cells?: undefined };

/** Where records come from: a CSV file (`csvSource`), later a spreadsheet. */
export interface RecordSource {
  /** The name used in error lines (`FILE:LINE: ...`). */
  readonly file: string;
  /** The records in order; reading stops (and the file is closed) when the loop stops. */
  records(): Iterable<SourceRecord>;
}

/**
 * The bad rows of one file: every problem of the first `MAX_LISTED_ROWS` bad rows is kept,
 * later bad rows are only counted, so a file of a million bad rows costs no memory and prints
 * a hundred lines.
 */
export class RowErrors {
  private readonly listed: RowError[] = [];
  private readonly listedLines = new Set<number>();
  private lastUnlisted = 0;
  private unlistedCount = 0;

  add(line: number, message: Text): void {
    if (this.listedLines.has(line)) {
      this.listed.push({ line, text: message });
    } else if (this.listedLines.size < MAX_LISTED_ROWS) {
      this.listedLines.add(line);
      this.listed.push({ line, text: message });
    } else if (line !== this.lastUnlisted) {
      // Only the last line is remembered: the problems of one row arrive together.
      this.lastUnlisted = line;
      this.unlistedCount += 1;
    }
  }

  /** How many rows are bad. */
  get rows(): number {
    return this.listedLines.size + this.unlistedCount;
  }

  get any(): boolean {
    return this.listedLines.size > 0;
  }

  /** Throws the exit-2 error listing the bad rows, if there are any. */
  throwIfAny(file: string): void {
    if (this.any) rejectRows(file, this.listed, this.unlistedCount);
  }
}

/**
 * The records of a CSV file as Excel or WPS on Chinese Windows saves it: UTF-8 with or without
 * a BOM, or GBK; comma-separated (tab or semicolon when the header has no comma); RFC 4180
 * quoting (quoted cells may hold delimiters, doubled quotes and line breaks); LF, CRLF or CR.
 * `onRead` hears how many bytes of the file have been read, for a progress bar. (`chunkSize`
 * is for tests of the chunk boundaries.)
 */
export function csvSource(file: string, options: { chunkSize?: number; onRead?: (done: number, total: number) => void } = {}): RecordSource {
  const chunkSize = options.chunkSize ?? CHUNK;
  return {
    file,
    *records() {
      const fd = openCsv(file);
      try {
        const total = fs.fstatSync(fd).size;
        const { encoding, skip } = sniffEncoding(fd, chunkSize);
        const decoder = new TextDecoder(encoding);
        const buf = Buffer.allocUnsafe(chunkSize);
        const parser = new CsvParser();
        let head = '';
        for (let pos = skip; ; ) {
          const n = fs.readSync(fd, buf, 0, chunkSize, pos);
          pos += n;
          options.onRead?.(pos, total);
          const final = n === 0;
          const piece = final ? decoder.decode() : decoder.decode(buf.subarray(0, n), { stream: true });
          if (!parser.ready) {
            // The delimiter is decided by the header line, so the text waits until it is whole.
            head += piece;
            if (!final && !/[\r\n]/.test(head) && head.length < MAX_RECORD_BYTES) continue;
            parser.start(head);
            parser.feed(head);
            head = '';
          } else parser.feed(piece);
          if (final) parser.finish();
          yield* parser.take();
          if (final) return;
        }
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}

const enum State {
  /** At the start of a cell (leading blanks may still be followed by an opening quote). */
  Start,
  Unquoted,
  Quoted,
  /** A quote inside a quoted cell: a doubled quote, or the end of the quoting. */
  QuoteInQuoted,
}

const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * The CSV state machine. `feed` takes decoded text in any pieces and `take` hands out the
 * records completed so far. Each character is looked at once (quoted text is skipped with
 * `indexOf`), and the cell being read is kept as a list of slices, dropped as soon as it
 * passes the size limits: a 10 MB field, or an unclosed quote at the top of a 100 MB file,
 * costs one pass and no memory.
 */
class CsvParser {
  private delimiter = 44;
  ready = false;
  private state = State.Start;
  private line = 1;
  private inRecord = false;
  private cells: string[] = [];
  private parts: string[] = [];
  private cellHasText = false;
  private cellBytes = 0;
  private recordBytes = 0;
  private bigCell = 0;
  private bigRecord = false;
  private skipLf = false;
  private out: SourceRecord[] = [];

  start(head: string): void {
    const nl = head.search(/[\r\n]/);
    const header = nl < 0 ? head : head.slice(0, nl);
    this.delimiter = (header.includes(',') ? ',' : header.includes('\t') ? '\t' : header.includes(';') ? ';' : ',').charCodeAt(0);
    this.ready = true;
  }

  take(): SourceRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  feed(s: string): void {
    const n = s.length;
    const d = this.delimiter;
    let i = 0;
    if (this.skipLf && n > 0) {
      if (s.charCodeAt(0) === LF) i = 1;
      this.skipLf = false;
    }
    while (i < n) {
      if (this.state === State.Quoted) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          this.add(s.slice(i));
          i = n;
        } else {
          this.add(s.slice(i, q));
          this.state = State.QuoteInQuoted;
          i = q + 1;
        }
        continue;
      }
      if (this.state === State.QuoteInQuoted) {
        if (s.charCodeAt(i) === QUOTE) {
          this.add('"');
          this.state = State.Quoted;
          i += 1;
          continue;
        }
        // The quoting ended; anything up to the delimiter joins the cell as typed.
        this.state = State.Unquoted;
        this.cellHasText = true;
      }
      // Start or Unquoted: up to the next delimiter, line break or quote.
      const from = i;
      let c = 0;
      while (i < n) {
        c = s.charCodeAt(i);
        if (c === d || c === LF || c === CR || c === QUOTE) break;
        i += 1;
      }
      if (i > from) {
        this.inRecord = true;
        const piece = s.slice(from, i);
        if (!this.cellHasText && piece.trim() !== '') this.cellHasText = true;
        this.add(piece);
        this.state = State.Unquoted;
      }
      if (i >= n) break;
      this.inRecord = true;
      if (c === QUOTE) {
        if (!this.cellHasText) {
          // An opening quote (blanks before it are dropped, as spreadsheets do).
          this.resetCell();
          this.state = State.Quoted;
        } else this.add('"');
        i += 1;
      } else if (c === d) {
        this.endCell();
        this.recordBytes += 1;
        i += 1;
      } else {
        this.endCell();
        this.endRecord();
        i += 1;
        if (c === CR) {
          if (i < n) {
            if (s.charCodeAt(i) === LF) i += 1;
          } else this.skipLf = true;
        }
      }
    }
  }

  /** The end of the file: a record left open ends here; a quote left open spoils its record. */
  finish(): void {
    if (this.state === State.Quoted) {
      this.out.push({
        line: this.line,
        error: text('引号未闭合：从这一行的引号起直到文件末尾都在引号内', 'a quote is never closed: everything from the quote on this line to the end of the file is inside it'),
      });
      this.resetCell();
      this.cells = [];
      this.state = State.Start;
      this.inRecord = false;
      return;
    }
    if (this.inRecord) {
      this.endCell();
      this.endRecord();
    }
  }

  private add(piece: string): void {
    if (piece.length === 0) return;
    this.inRecord = true;
    const bytes = Buffer.byteLength(piece, 'utf8');
    this.cellBytes += bytes;
    this.recordBytes += bytes;
    if (this.recordBytes > MAX_RECORD_BYTES) {
      this.bigRecord = true;
      this.cells = [];
      this.parts = [];
    } else if (this.cellBytes > MAX_CELL_BYTES) {
      this.bigCell ||= this.cells.length + 1;
      this.parts = [];
    } else this.parts.push(piece);
  }

  private resetCell(): void {
    this.parts = [];
    this.recordBytes -= this.cellBytes;
    this.cellBytes = 0;
    this.cellHasText = false;
  }

  private endCell(): void {
    if (!this.bigRecord) this.cells.push(this.parts.length === 1 ? this.parts[0]! : this.parts.join(''));
    this.parts = [];
    this.cellBytes = 0;
    this.cellHasText = false;
    this.state = State.Start;
  }

  private endRecord(): void {
    const line = this.line;
    if (this.bigRecord) {
      this.out.push({ line, error: text('这一行超过 1 MiB，不予读取', 'the row is over 1 MiB and was not read') });
    } else if (this.bigCell) {
      this.out.push({ line, error: text(`第 ${this.bigCell} 列超过 64 KiB，不予读取`, `column ${this.bigCell} is over 64 KiB and was not read`) });
    } else this.out.push({ line, cells: this.cells });
    this.cells = [];
    this.recordBytes = 0;
    this.bigCell = 0;
    this.bigRecord = false;
    this.inRecord = false;
    this.line += 1;
  }
}

function openCsv(file: string): number {
  try {
    return fs.openSync(file, 'r');
  } catch (err) {
    throw new InputError(text(`无法读取文件 ${file}：${(err as NodeJS.ErrnoException).code ?? ''}`, `cannot read ${file}: ${(err as Error).message}`));
  }
}

/**
 * How the file is encoded: a BOM means UTF-8; otherwise the first chunk holding anything but
 * ASCII decides, UTF-8 if it is valid UTF-8, else GBK (so a file of ASCII codes followed by
 * GBK names is read ahead only to its first name). A file of ASCII alone is UTF-8.
 */
function sniffEncoding(fd: number, chunkSize: number): { encoding: 'utf-8' | 'gbk'; skip: number } {
  const buf = Buffer.allocUnsafe(Math.max(chunkSize, 4));
  let carry = Buffer.alloc(0);
  for (let pos = 0; ; ) {
    const n = fs.readSync(fd, buf, 0, chunkSize, pos);
    if (n === 0) return { encoding: carry.length === 0 ? 'utf-8' : 'gbk', skip: 0 };
    if (pos === 0 && n >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', skip: 3 };
    pos += n;
    const bytes = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
    if (isAscii(bytes)) {
      carry = Buffer.alloc(0);
      continue;
    }
    // A character cut by the chunk's end is checked with the next chunk.
    const cut = completeLength(bytes);
    if (!isUtf8(bytes.subarray(0, cut))) return { encoding: 'gbk', skip: 0 };
    if (cut > 0 && !isAscii(bytes.subarray(0, cut))) return { encoding: 'utf-8', skip: 0 };
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
 * Calls `onRecord` with the cells of each readable record of a CSV file; `onRecord` returns
 * false to stop. (A thin view of `csvSource`, for tests of the parser.)
 */
export function forEachCsvRecord(file: string, onRecord: (cells: string[]) => boolean, chunkSize = CHUNK): void {
  for (const r of csvSource(file, { chunkSize }).records()) {
    if (r.cells && !onRecord(r.cells)) return;
  }
}

/** Where each column stands in the header row, or the missing required columns as line-1 errors. */
function headerIndex(headerCells: readonly string[], columns: readonly Column[]): { index: Map<string, number>; errors: Text[] } {
  const header = headerCells.map((h) => h.trim().toLowerCase());
  const index = new Map<string, number>();
  const errors: Text[] = [];
  for (const col of columns) {
    const at = header.findIndex((h) => col.names.some((n) => n.toLowerCase() === h));
    if (at >= 0) index.set(col.key, at);
    else if (col.required) errors.push(text(`缺少“${col.names.join('”或“')}”列`, `missing column "${col.names.join('" or "')}"`));
  }
  return { index, errors };
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** One row's cells by column key, trimmed, as the row schema expects them (`at`: each column's place in the header). */
function recordOf(cells: readonly string[], columns: readonly Column[], at: readonly (number | undefined)[]): Record<string, string | undefined> {
  const record: Record<string, string | undefined> = {};
  for (let i = 0; i < columns.length; i++) {
    const col = columns[i]!;
    const cell = at[i] === undefined ? '' : (cells[at[i]!] ?? '').trim();
    // An empty required cell goes to the schema, which says what is missing; an empty
    // optional cell is simply absent.
    record[col.key] = cell === '' && !col.required ? undefined : cell;
  }
  return record;
}

/**
 * The valid rows of `source`, typed by `schema`, one at a time; every problem (header, an
 * unreadable record, a bad cell) goes to `errors` with its line. A missing required column
 * ends the read at line 1; a file with a header and no rows is an error at line 1.
 *
 * Callers stream: they check each row against the ledger as it comes (adding to the same
 * `errors`), stage it, and call `errors.throwIfAny(file)` when the loop ends, so the file
 * is refused whole, listing every bad row, and the caller's transaction writes nothing.
 */
export function readRows<S extends z.ZodType>(source: RecordSource, columns: readonly Column[], schema: S, errors: RowErrors): Generator<ParsedRow<z.output<S>>>;
/** The same with a row parser of field checks (import/fields.ts `rowParser`), for the bulk imports. */
export function readRows<T>(source: RecordSource, columns: readonly Column[], schema: RowParser<T>, errors: RowErrors): Generator<ParsedRow<T>>;
export function* readRows(
  source: RecordSource,
  columns: readonly Column[],
  schema: z.ZodType | RowParser<unknown>,
  errors: RowErrors,
): Generator<ParsedRow<unknown>> {
  const parser = 'parseRow' in schema ? schema : zodRowParser(schema);
  const issues: Text[] = [];
  let at: (number | undefined)[] | undefined;
  let rows = 0;
  for (const r of source.records()) {
    if (at === undefined) {
      if (r.error) {
        errors.add(r.line, r.error);
        return;
      }
      const header = headerIndex(r.cells, columns);
      for (const e of header.errors) errors.add(1, e);
      if (header.errors.length > 0) return;
      at = columns.map((c) => header.index.get(c.key));
      continue;
    }
    if (r.error) {
      errors.add(r.line, r.error);
      continue;
    }
    if (isBlank(r.cells)) continue;
    rows += 1;
    const value = parser.parseRow(recordOf(r.cells, columns, at), issues);
    if (value !== undefined) yield { line: r.line, value };
    else {
      for (const issue of issues) errors.add(r.line, issue);
      issues.length = 0;
    }
  }
  if (rows === 0 && !errors.any) errors.add(1, text('文件里没有数据行', 'the file has no rows'));
}

/** A zod schema as a row parser: its output, or the text of each of its issues. */
function zodRowParser(schema: z.ZodType): RowParser<unknown> {
  return {
    parseRow(record, issues) {
      const result = schema.safeParse(record);
      if (result.success) return result.data;
      for (const issue of result.error.issues) issues.push(issueText(issue));
      return undefined;
    },
  };
}

/** A message line stays a line: what a cell held is cut short (a 64 KiB cell is not echoed). */
function clip(s: string): string {
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/**
 * Refuses the whole file, listing the bad rows as `FILE:LINE: message` in line order (at most
 * the first 100, then how many more there were).
 */
export function rejectRows(file: string, errors: readonly RowError[], more = 0): never {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  const listedRows = new Set(sorted.map((e) => e.line)).size;
  const rows = listedRows + more;
  const details = sorted.map((e) => text(`${file}:${e.line}: ${clip(e.text.zh)}`, `${file}:${e.line}: ${clip(e.text.en)}`));
  if (more > 0) details.push(text(`……另有 ${more} 行有错误，未列出`, `... and ${more} more bad row(s)`));
  throw new InputError(
    text(`${file} 有 ${rows} 行有错误，未导入任何数据`, `${file} has ${rows} bad row(s); nothing was imported`),
    details,
  );
}
