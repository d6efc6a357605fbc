import { z } from 'zod';
import type { IsoDate } from '../domain/dates.js';
import { text } from '../domain/errors.js';
import type { ImportRow } from '../app/collections.js';
import { rejectRows, streamCsv, type Column, type RowError } from './csv.js';
import { amountField, codeField, dateField, label, methodField, noteField } from './fields.js';

const COLUMNS: Column[] = [
  { key: 'date', names: ['date', '日期', '收费日期'], required: true },
  { key: 'code', names: ['code', '房号'], required: true },
  { key: 'amount', names: ['amount', '金额'], required: true },
  { key: 'method', names: ['method', '方式', '付款方式'], required: false },
  { key: 'receipt', names: ['receipt', '收据号', '票号'], required: false },
];

/**
 * Past collections from CSV (`date,code,amount[,method,receipt]`), all rows or none.
 * `receipt` is the number of the paper receipt; it is kept beside the ledger's own number.
 *
 * The file is streamed: each good row goes to `onRow` as it is read, and only the problems
 * are kept. If any row is bad (or names a household not in `known`), this throws the exit-2
 * error listing every bad row as `FILE:LINE: message`, after the whole file was read; the
 * caller, which staged the good rows inside its transaction, then writes nothing.
 */
export function readCollectionsCsv(
  file: string,
  today: IsoDate,
  known: ReadonlySet<string>,
  onRow: (row: ImportRow, line: number) => void,
): void {
  const schema = z.object({
    date: dateField(label.date, today),
    code: codeField,
    amount: amountField(label.amount),
    method: methodField.optional(),
    receipt: noteField(text('收据号', 'receipt')).optional(),
  });
  const unknown: RowError[] = [];
  const { errors } = streamCsv(file, COLUMNS, schema, (v, line) => {
    if (!known.has(v.code)) {
      unknown.push({ line, text: text(`没有房号为 ${v.code} 的住户`, `no household ${v.code}`) });
      return;
    }
    onRow({ code: v.code, date: v.date, amountFen: v.amount, method: v.method ?? 'cash', paperReceipt: v.receipt ?? null }, line);
  });
  if (errors.length + unknown.length > 0) rejectRows(file, [...errors, ...unknown]);
}
