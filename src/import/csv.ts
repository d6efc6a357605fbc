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
  const errors: RowError[] = [];
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const index = new Map<string, number>();
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
  if (errors.length > 0) return { rows: [], errors };

  const rows: ParsedRow<z.output<S>>[] = [];
  for (let i = 1; i < table.length; i++) {
    const cells = table[i]!;
    if (cells.every((c) => c.trim() === '')) continue;
    const line = i + 1;
    const record: Record<string, string | undefined> = {};
    for (const col of columns) {
      const at = index.get(col.key);
      const cell = at === undefined ? '' : (cells[at] ?? '').trim();
      // An empty required cell goes to the schema, which says what is missing; an empty
      // optional cell is simply absent.
      record[col.key] = cell === '' && !col.required ? undefined : cell;
    }
    const result = schema.safeParse(record);
    if (result.success) rows.push({ line, value: result.data });
    else for (const issue of result.error.issues) errors.push({ line, text: issueText(issue) });
  }
  if (rows.length === 0 && errors.length === 0) {
    errors.push({ line: 1, text: text('文件里没有数据行', 'the file has no rows') });
  }
  return { rows, errors };
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
