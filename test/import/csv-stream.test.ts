import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from '../../src/import/zod.js';
import { csvSource, forEachCsvRecord, MAX_LISTED_ROWS, readRows, RowErrors, type Column } from '../../src/import/csv.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-csv-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: string | Uint8Array): string {
  const f = path.join(dir, `f${++n}.csv`);
  fs.writeFileSync(f, content);
  return f;
}

function records(f: string, chunk?: number): string[][] {
  const out: string[][] = [];
  forEachCsvRecord(
    f,
    (cells) => {
      out.push(cells);
      return true;
    },
    chunk,
  );
  return out;
}

/** A cell as a spreadsheet writes it: quoted when it holds a comma, a quote or a line break. */
const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

describe('streaming CSV reader', () => {
  it('reads what papaparse reads, whatever the chunk boundaries', () => {
    const cell = fc.oneof(
      fc.constantFrom('', '500', '500.00', '工行-1-1-101', '张伟(2-1-201)', ' spaced ', 'a,b', 'say "hi"', 'two\nlines', 'crlf\r\ninside', '¥500元'),
      fc.string({ maxLength: 6 }),
    );
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(table, fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.integer({ min: 4, max: 40 }), (rows, eol, trailing, chunk) => {
        // A header as our files have one (it also decides the delimiter); blank rows are skipped by both.
        const body = ['code,amount,note', ...rows.map((r) => r.map(quote).join(','))].join(eol) + (trailing ? eol : '');
        const f = file(body);
        const expected = Papa.parse<string[]>(body, { skipEmptyLines: false }).data.filter((r) => !(r.length === 1 && r[0] === ''));
        const got = records(f, chunk).filter((r) => !(r.length === 1 && r[0] === ''));
        expect(got).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('decodes UTF-8 with a BOM, and GBK, split anywhere', () => {
    const text = '房号,表决\n1-1-101,同意\n1-1-102,反对\n';
    const gbk = Buffer.from(
      // 房号,表决 / 同意 / 反对 in GBK
      'b7bfbac52cb1edbef60a312d312d3130312ccdacd2e20a312d312d3130322cb7b4b6d40a',
      'hex',
    );
    expect(new TextDecoder('gbk').decode(gbk)).toBe(text);
    const want = [['房号', '表决'], ['1-1-101', '同意'], ['1-1-102', '反对']];
    for (const chunk of [4, 5, 7, 64]) {
      expect(records(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), chunk)).toEqual(want);
      expect(records(file(Buffer.from(text)), chunk)).toEqual(want);
      expect(records(file(gbk), chunk)).toEqual(want);
    }
  });

  it('validates rows with their spreadsheet line numbers (the header is 1, a blank line counts)', () => {
    const columns: Column[] = [
      { key: 'code', names: ['code', '房号'], required: true },
      { key: 'n', names: ['n', '数量'], required: false },
    ];
    const schema = z.object({ code: z.string().min(1), n: z.string().regex(/^\d+$/).optional() });
    const f = file('房号,数量\r\nA,1\r\n\r\n,2\r\n"B, C",x\r\nD,\r\n');
    const errors = new RowErrors();
    const rows = [...readRows(csvSource(f), columns, schema, errors)];
    expect(rows).toEqual([
      { line: 2, value: { code: 'A', n: '1' } },
      { line: 6, value: { code: 'D' } },
    ]);
    expect(errors.rows).toBe(2);
    expect(() => errors.throwIfAny(f)).toThrow(/2 bad row/);
  });

  it('reports a missing column at line 1 and reads no rows', () => {
    const f = file('date,amount\n2022-01-01,500\n');
    const errors = new RowErrors();
    const rows = [...readRows(csvSource(f), [{ key: 'code', names: ['code'], required: true }], z.object({ code: z.string() }), errors)];
    expect(rows).toEqual([]);
    expect(errors.rows).toBe(1);
  });

  it('refuses a cell over 64 KiB and a record over 1 MiB as bad rows, and goes on reading', () => {
    const big = 'x'.repeat(64 * 1024 + 1);
    const huge = Array.from({ length: 20 }, () => 'y'.repeat(60 * 1024)).join(',');
    const f = file(`a,b\n1,2\n3,"${big}"\n${huge}\n5,6\n`);
    const got = [...csvSource(f, { chunkSize: 1000 }).records()];
    expect(got.map((r) => [r.line, r.cells ?? r.error.en])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2']],
      [3, 'column 2 is over 64 KiB and was not read'],
      [4, 'the row is over 1 MiB and was not read'],
      [5, ['5', '6']],
    ]);
  });

  it('reports an unclosed quote at the line it opens', () => {
    const f = file('a,b\n1,2\n3,"never closed\n4,5\n6,7\n');
    const got = [...csvSource(f, { chunkSize: 7 }).records()];
    expect(got.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(got[2]!.error?.en).toMatch(/quote is never closed/);
  });

  it('lists the first 100 bad rows and counts the rest', () => {
    const errors = new RowErrors();
    for (let line = 2; line < 2 + 250; line++) {
      errors.add(line, { zh: '坏', en: 'bad' });
      errors.add(line, { zh: '又坏', en: 'bad again' });
    }
    expect(errors.rows).toBe(250);
    try {
      errors.throwIfAny('f.csv');
      expect.unreachable();
    } catch (err) {
      const details = (err as { details: { en: string }[] }).details.map((d) => d.en);
      expect(new Set(details.slice(0, -1).map((d) => d.split(':')[1])).size).toBe(MAX_LISTED_ROWS);
      expect(details.at(-1)).toBe('... and 150 more bad row(s)');
    }
  });
});
