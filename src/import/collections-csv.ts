import { z } from 'zod';
import type { IsoDate } from '../domain/dates.js';
import { text } from '../domain/errors.js';
import type { CollectInput } from '../app/collections.js';
import type { Fen } from '../domain/money.js';
import { readCsv, rejectRows, type Column, type RowError } from './csv.js';
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
 */
export function readCollectionsCsv(file: string, today: IsoDate, known: ReadonlySet<string>): (CollectInput & { amountFen: Fen })[] {
  const schema = z.object({
    date: dateField(label.date, today),
    code: codeField,
    amount: amountField(label.amount),
    method: methodField.optional(),
    receipt: noteField(text('收据号', 'receipt')).optional(),
  });
  const { rows, errors } = readCsv(file, COLUMNS, schema);
  const unknown: RowError[] = rows
    .filter((r) => !known.has(r.value.code))
    .map((r) => ({ line: r.line, text: text(`没有房号为 ${r.value.code} 的住户`, `no household ${r.value.code}`) }));
  if (errors.length + unknown.length > 0) rejectRows(file, [...errors, ...unknown]);
  return rows.map(({ value: v }) => ({
    code: v.code,
    date: v.date,
    amountFen: v.amount,
    method: v.method ?? 'cash',
    paperReceipt: v.receipt ?? null,
  }));
}
