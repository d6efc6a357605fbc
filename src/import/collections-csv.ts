import type { IsoDate } from '../domain/dates.js';
import { text } from '../domain/errors.js';
import type { ImportRow } from '../app/collections.js';
import { csvSource, readRows, RowErrors, type Column, type ParsedRow, type RecordSource } from './csv.js';
import { amountCheck, codeCheck, dateCheck, label, methodCheck, noteCheck, optional, required, rowParser } from './fields.js';
import type { SeenKeys } from './seen-keys.js';

const COLUMNS: Column[] = [
  { key: 'date', names: ['date', '日期', '收费日期'], required: true },
  { key: 'code', names: ['code', '房号'], required: true },
  { key: 'amount', names: ['amount', '金额'], required: true },
  { key: 'method', names: ['method', '方式', '付款方式'], required: false },
  { key: 'receipt', names: ['receipt', '收据号', '票号'], required: false },
];

/** What a collections file is checked against, row by row, as it is read. */
export interface CollectionChecks {
  /** Whether a household of this code is on the register. */
  isHousehold: (code: string) => boolean;
  /** Whether a paper receipt number is already on a (not voided) collection of the ledger. */
  paperReceiptUsed: (receipt: string) => boolean;
  /** Rows and paper receipt numbers already met in this file (kept outside memory for big files). */
  seen: SeenKeys;
  /** Two identical rows are two payments (`--allow-duplicates`), not one entered twice. */
  allowDuplicates: boolean;
}

/**
 * Past collections from CSV (`date,code,amount[,method,receipt]`), all rows or none.
 * `receipt` is the number of the paper receipt; it is kept beside the ledger's own number.
 *
 * The file is streamed: the good rows are yielded as they are read, and only the problems are
 * kept. A row is bad when a cell is, when it names a household not on the register, when it
 * is identical to an earlier row of the file (unless duplicates are allowed), or when its
 * paper receipt number is already used in the ledger or earlier in the file. After the last
 * row, if any row was bad, this throws the exit-2 error listing them as `FILE:LINE: message`;
 * the caller, which staged the good rows inside its transaction, then writes nothing.
 */
export function* readCollectionsCsv(
  file: string,
  today: IsoDate,
  checks: CollectionChecks,
  source: RecordSource = csvSource(file),
): Generator<ParsedRow<ImportRow>> {
  // The checks of the zod fields (import/fields.ts), called directly: a file has 100,000 rows.
  const schema = rowParser({
    date: required(dateCheck(label.date, today)),
    code: required(codeCheck),
    amount: required(amountCheck(label.amount)),
    method: optional(methodCheck),
    receipt: optional(noteCheck(text('收据号', 'receipt'))),
  });
  const errors = new RowErrors();
  for (const { line, value: v } of readRows(source, COLUMNS, schema, errors)) {
    if (!checks.isHousehold(v.code)) {
      errors.add(line, text(`没有房号为 ${v.code} 的住户`, `no household ${v.code}`));
      continue;
    }
    const receipt = v.receipt || null;
    const row: ImportRow = { code: v.code, date: v.date, amountFen: v.amount, method: v.method ?? 'cash', paperReceipt: receipt };
    // With --allow-duplicates a repeated row is simply another payment: its key is not kept.
    const same = checks.allowDuplicates
      ? undefined
      : checks.seen.firstLine(`row\u0000${row.date}\u0000${row.code}\u0000${row.amountFen}\u0000${row.method}\u0000${receipt ?? ''}`, line);
    if (same !== undefined) {
      errors.add(
        line,
        text(
          `与第 ${same} 行完全相同（确是两笔收费请加 --allow-duplicates）`,
          `identical to line ${same} (if these are two payments, use --allow-duplicates)`,
        ),
      );
      continue;
    }
    if (receipt !== null) {
      if (checks.paperReceiptUsed(receipt)) {
        errors.add(line, text(`收据号 ${receipt} 已在账本中使用`, `paper receipt ${receipt} is already in the ledger`));
        continue;
      }
      const first = checks.seen.firstLine(`receipt\u0000${receipt}`, line);
      if (first !== undefined) {
        errors.add(line, text(`收据号 ${receipt} 与第 ${first} 行重复`, `paper receipt ${receipt} is also on line ${first}`));
        continue;
      }
    }
    if (!errors.any) yield { line, value: row };
  }
  errors.throwIfAny(file);
}
