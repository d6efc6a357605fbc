import { z } from './zod.js';
import type { IsoDate } from '../domain/dates.js';
import { text } from '../domain/errors.js';
import type { WaiverInput } from '../app/fee-adjustments.js';
import { csvSource, readRows, RowErrors, type Column, type RecordSource } from './csv.js';
import { amountField, codeField, label, textField, yearField } from './fields.js';

const COLUMNS: Column[] = [
  { key: 'code', names: ['code', '房号'], required: true },
  { key: 'year', names: ['year', '年度', '年份'], required: true },
  { key: 'amount', names: ['amount', '金额', '减免金额'], required: false },
  { key: 'reason', names: ['reason', '原因', '减免原因'], required: true },
];

/**
 * Waivers from CSV (`code,year,amount,reason` or `房号,年度,金额,原因`; an empty amount waives
 * all that is unpaid), all rows or none: any bad row throws the exit-2 error listing them.
 */
export function readWaiversCsv(file: string, date: IsoDate, isHousehold: (code: string) => boolean, source: RecordSource = csvSource(file)): WaiverInput[] {
  const schema = z.object({
    code: codeField,
    year: yearField,
    amount: z.union([z.literal('').transform(() => null), amountField(label.amount)]).optional(),
    reason: textField(label.reason, { max: 200, required: true }),
  });
  const errors = new RowErrors();
  const out: WaiverInput[] = [];
  for (const { line, value: v } of readRows(source, COLUMNS, schema, errors)) {
    if (!isHousehold(v.code)) {
      errors.add(line, text(`没有房号为 ${v.code} 的住户`, `no household ${v.code}`));
      continue;
    }
    out.push({ code: v.code, year: v.year, amountFen: v.amount ?? null, reason: v.reason, date });
  }
  errors.throwIfAny(file);
  return out;
}
