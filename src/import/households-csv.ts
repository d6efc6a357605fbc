import { z } from 'zod';
import type { IsoDate } from '../domain/dates.js';
import { text } from '../domain/errors.js';
import type { HouseholdInput } from '../app/households.js';
import { readCsv, rejectRows, type Column, type RowError } from './csv.js';
import { areaField, codeField, dateField, label, nameField, phoneField } from './fields.js';

const COLUMNS: Column[] = [
  { key: 'code', names: ['code', '房号'], required: true },
  { key: 'owner', names: ['owner', '业主', '业主姓名'], required: true },
  { key: 'area', names: ['area', '面积', '建筑面积'], required: true },
  { key: 'phone', names: ['phone', '电话', '联系电话'], required: false },
  { key: 'since', names: ['since', '入住日期'], required: false },
];

/** A household register from CSV (`code,owner,area,phone,since` or `房号,业主,面积,电话,入住日期`), all rows or none. */
export function readHouseholdsCsv(file: string, today: IsoDate): HouseholdInput[] {
  const schema = z.object({
    code: codeField,
    owner: nameField(label.owner),
    area: areaField,
    phone: phoneField.optional(),
    since: dateField(label.since, today).optional(),
  });
  const { rows, errors } = readCsv(file, COLUMNS, schema);
  const seen = new Map<string, number>();
  const duplicates: RowError[] = [];
  for (const r of rows) {
    const first = seen.get(r.value.code);
    if (first !== undefined) {
      duplicates.push({ line: r.line, text: text(`房号 ${r.value.code} 与第 ${first} 行重复`, `household ${r.value.code} repeats line ${first}`) });
    } else seen.set(r.value.code, r.line);
  }
  if (errors.length + duplicates.length > 0) rejectRows(file, [...errors, ...duplicates]);
  return rows.map(({ value: v }) => ({
    code: v.code,
    owner: v.owner,
    areaCenti: v.area,
    phone: v.phone ?? null,
    since: v.since ?? null,
  }));
}
