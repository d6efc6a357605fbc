/** JSON as the ledger writes it (reports/render/json.ts): two layouts of one value, and a long list written in pieces. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonArrayPieces, jsonText, type JsonLayout } from '../../src/reports/render/json.js';

const LAYOUTS: JsonLayout[] = ['indented', 'compact'];
/** Records as the ledger lists them: objects of strings (Chinese among them), numbers, nulls and nested lists. */
const record = fc.dictionary(fc.string(), fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer(), fc.constant(null), fc.array(fc.record({ year: fc.integer(), owed_fen: fc.integer() }))));

describe('jsonText', () => {
  it('indents with two spaces, or writes one line; both end with a line break and parse to the value', () => {
    const value = { code: '交通-1-1-1001', owed_fen: 60000, years: [{ year: 2024, owed_fen: 60000 }] };
    expect(jsonText(value, 'indented')).toBe(`${JSON.stringify(value, null, 2)}\n`);
    expect(jsonText(value, 'compact')).toBe('{"code":"交通-1-1-1001","owed_fen":60000,"years":[{"year":2024,"owed_fen":60000}]}\n');
    for (const layout of LAYOUTS) expect(JSON.parse(jsonText(value, layout))).toEqual(value);
  });
});

describe('jsonArrayPieces', () => {
  it('joined, is the text of the whole list, in either layout, empty or not', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), fc.constantFrom(...LAYOUTS), (items, layout) => {
        expect([...jsonArrayPieces(items, layout)].join('')).toBe(jsonText(items, layout));
      }),
    );
  });

  it('takes the items one at a time (a generator of records is not read ahead)', () => {
    let made = 0;
    function* records() {
      for (let i = 0; i < 3; i++) yield { n: ++made };
    }
    const pieces = jsonArrayPieces(records(), 'compact');
    expect(pieces.next().value).toBe('[');
    expect(made).toBe(0);
    expect(pieces.next().value).toBe('{"n":1}');
    expect(made).toBe(1);
  });
});
