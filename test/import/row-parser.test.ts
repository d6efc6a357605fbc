// A bulk import checks its rows with the field checks called directly (`rowParser`): it must
// accept what the zod object of the same fields accepts, make the same values, and refuse
// with the same messages, in the same order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from '../../src/import/zod.js';
import {
  amountCheck, amountField, codeCheck, codeField, dateCheck, dateField, label, methodCheck, methodField, noteCheck, noteField, optional, required, rowParser,
} from '../../src/import/fields.js';
import { issueText } from '../../src/import/issue-text.js';
import { text } from '../../src/domain/errors.js';

const today = '2025-03-01';
const receipt = text('收据号', 'receipt');
const zodRow = z.object({
  date: dateField(label.date, today),
  code: codeField,
  amount: amountField(label.amount),
  method: methodField.optional(),
  receipt: noteField(receipt).optional(),
});
const fastRow = rowParser({
  date: required(dateCheck(label.date, today)),
  code: required(codeCheck),
  amount: required(amountCheck(label.amount)),
  method: optional(methodCheck),
  receipt: optional(noteCheck(receipt)),
});

const both = (record: Record<string, string | undefined>) => {
  const z = zodRow.safeParse(record);
  const issues: ReturnType<typeof text>[] = [];
  const value = fastRow.parseRow(record, issues);
  return {
    zod: z.success ? { value: Object.fromEntries(Object.entries(z.data).filter(([, v]) => v !== undefined)), issues: [] } : { value: undefined, issues: z.error.issues.map(issueText) },
    fast: { value: value && Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)), issues },
  };
};

const cell = (examples: string[]) => fc.oneof(fc.constantFrom(...examples), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 }));
const record = fc.record({
  date: cell(['2024-02-29', '2023-02-29', '2025/3/1', '2025-03-02', '1899-12-31', ' 2022.7.1 ', '', '2022-13-01']),
  code: cell(['1-1-101', ' 1-1-101 ', '1 1', '1，1', '', 'a'.repeat(33), '工行-2-2-201', 'x\u0007']),
  amount: cell(['500', '500.50', '¥1,000.00', '500元', '0', '-5', '1e3', '500.001', '1000000000', '']),
  method: fc.option(cell(['cash', '现金', '微信支付', 'ＷＥＣＨＡＴ', 'Bank Transfer', 'pos机', 'cheque', '']), { nil: undefined }),
  receipt: fc.option(cell(['No.0000001', ' No.7 ', 'a\u200bb', 'x'.repeat(501), '𠀀'.repeat(300), '𠀀'.repeat(501), 'e\u0301']), { nil: undefined }),
});

describe('rowParser', () => {
  it('checks a row as the zod object of the same fields does', () => {
    fc.assert(
      fc.property(record, (r) => {
        const { zod, fast } = both(r);
        expect(fast).toEqual(zod);
      }),
      { numRuns: 3000 },
    );
  });

  it('lists every problem of a row, field by field', () => {
    const { zod, fast } = both({ date: '2025-13-01', code: '1 1', amount: '0', method: 'cheque', receipt: 'a\nb' });
    expect(fast.issues.map((t) => t.en)).toEqual([
      'date "2025-13-01" is not a real date (YYYY-MM-DD)',
      'household code "1 1" is not valid (not empty, no spaces or commas, at most 32 characters)',
      'amount "0" is not a valid amount (more than 0, at most two decimals, e.g. 500 or 500.50)',
      'method "cheque" is not one of: cash, wechat, alipay, bank, other',
      'receipt holds a line break, a control character, a zero-width character or a bidirectional mark',
    ]);
    expect(fast).toEqual(zod);
    // A required cell that is not there at all is refused as zod refuses it.
    expect(both({ code: '1-1-101', amount: '5' }).fast).toEqual(both({ code: '1-1-101', amount: '5' }).zod);
  });
});
