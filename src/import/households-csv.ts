import { z } from './zod.js';
import type { IsoDate } from '../domain/dates.js';
import { text } from '../domain/errors.js';
import type { HouseholdInput } from '../app/households.js';
import { csvSource, readRows, RowErrors, type Column, type RecordSource } from './csv.js';
import { areaField, codeField, dateField, label, nameField, phoneField, textField } from './fields.js';
import type { SeenKeys } from './seen-keys.js';

const COLUMNS: Column[] = [
  { key: 'code', names: ['code', '房号'], required: true },
  { key: 'owner', names: ['owner', '业主', '业主姓名'], required: true },
  { key: 'area', names: ['area', '面积', '建筑面积'], required: true },
  { key: 'phone', names: ['phone', '电话', '联系电话'], required: false },
  { key: 'since', names: ['since', '入住日期'], required: false },
  { key: 'ownerId', names: ['owner_id', '业主编号'], required: false },
];

/** What a register file is checked against as it is read. */
export interface HouseholdChecks {
  /** Whether the code is already on the register. */
  isRegistered: (code: string) => boolean;
  /** Codes already met in this file. */
  seen: SeenKeys;
}

/**
 * A household register from CSV (`code,owner,area,phone,since` or `房号,业主,面积,电话,入住日期`),
 * all rows or none, streamed: good rows are yielded as they are read; a code met earlier in
 * the file or already registered is a bad row like a bad cell, and after the last row any bad
 * row throws the exit-2 error listing them (the caller's transaction then writes nothing).
 */
export function* readHouseholdsCsv(
  file: string,
  today: IsoDate,
  checks: HouseholdChecks,
  source: RecordSource = csvSource(file),
): Generator<HouseholdInput> {
  const schema = z.object({
    code: codeField,
    owner: nameField(label.owner),
    area: areaField,
    phone: phoneField.optional(),
    since: dateField(label.since, today).optional(),
    ownerId: textField(label.ownerId, { max: 60, required: false }).optional(),
  });
  const errors = new RowErrors();
  for (const { line, value: v } of readRows(source, COLUMNS, schema, errors)) {
    const first = checks.seen.firstLine(v.code, line);
    if (first !== undefined) {
      errors.add(line, text(`房号 ${v.code} 与第 ${first} 行重复`, `household ${v.code} repeats line ${first}`));
      continue;
    }
    if (checks.isRegistered(v.code)) {
      errors.add(line, text(`房号 ${v.code} 已登记`, `household ${v.code} is already registered`));
      continue;
    }
    if (!errors.any) {
      yield { code: v.code, owner: v.owner, ownerId: v.ownerId || null, areaCenti: v.area, phone: v.phone ?? null, since: v.since ?? null };
    }
  }
  errors.throwIfAny(file);
}
