/**
 * Workbooks in: the records of an .xlsx sheet as the CSV reader gives them (cells as text,
 * numbers without float noise, dates as YYYY-MM-DD whatever the time zone), and the bad
 * workbooks refused: formulas, merged header cells, a sheet that is not there, a damaged or
 * encrypted file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, LedgerError } from '../../src/domain/errors.js';
import type { RecordSource, SourceRecord } from '../../src/import/csv.js';
import { readHouseholdsCsv } from '../../src/import/households-csv.js';
import { memorySeenKeys } from '../../src/import/seen-keys.js';
import { dateText, numberText, recordSourceFor, xlsxSource } from '../../src/import/xlsx.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-xlsx-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fileName = (ext = 'xlsx') => path.join(dir, `w${++n}.${ext}`);

/** A workbook written by exceljs: `build` fills it in. */
async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const f = fileName();
  await wb.xlsx.writeFile(f);
  return f;
}

/** One sheet of rows (a row of `undefined` is left empty). */
const sheetOf = (rows: (ExcelJS.CellValue[] | undefined)[], name = 'Sheet1') =>
  workbook((wb) => {
    const ws = wb.addWorksheet(name);
    rows.forEach((r, i) => {
      if (r) ws.getRow(i + 1).values = r;
    });
  });

const all = (s: RecordSource): SourceRecord[] => [...s.records()];
const cellsOf = async (f: string, sheet?: string) => all(await xlsxSource(f, { sheet })).map((r) => r.cells ?? r.error);

/** What a refusal says, in both languages, with its detail lines. */
async function refusal(p: Promise<unknown> | (() => unknown)): Promise<{ exit: number; en: string; zh: string }> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err;
    return {
      exit: err.exitCode,
      en: [err.text.en, ...err.details.map((d) => d.en)].join('\n'),
      zh: [err.text.zh, ...err.details.map((d) => d.zh)].join('\n'),
    };
  }
  throw new Error('not refused');
}

describe('cell values', () => {
  it('text as it is; numbers as their decimal text, without float noise', async () => {
    const f = await sheetOf([
      ['code', 'area', 'phone', 'note'],
      ['1-1-101', 86.5, 13800138000, '  spaced  '],
      ['1-1-102', 500, 0.1 + 0.2, -12.25],
      ['1-1-103', 1e-7, 123456.789, 0],
    ]);
    expect(await cellsOf(f)).toEqual([
      ['code', 'area', 'phone', 'note'],
      ['1-1-101', '86.5', '13800138000', '  spaced  '],
      ['1-1-102', '500', '0.3', '-12.25'],
      ['1-1-103', '0.0000001', '123456.789', '0'],
    ]);
  });

  it('numbers stored as text stay text (leading zeros, trailing zeros)', async () => {
    const f = await sheetOf([
      ['code', 'amount', 'phone'],
      ['0101', '500.00', '013800138000'],
    ]);
    expect((await cellsOf(f))[1]).toEqual(['0101', '500.00', '013800138000']);
  });

  it('dates as YYYY-MM-DD: Date values and day numbers in a date-formatted cell, in any time zone', async () => {
    const f = await workbook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['date', 'serial', 'late', 'chinese']);
      const r = ws.addRow([new Date(Date.UTC(2023, 6, 1)), 45108, new Date(Date.UTC(2022, 11, 31, 23, 59, 30)), new Date(Date.UTC(2020, 1, 29))]);
      r.getCell(1).numFmt = 'yyyy-mm-dd';
      r.getCell(2).numFmt = 'yyyy/m/d';
      r.getCell(3).numFmt = 'yyyy-mm-dd hh:mm';
      r.getCell(4).numFmt = 'yyyy"年"m"月"d"日"';
    });
    const tz = process.env.TZ;
    try {
      for (const zone of ['Asia/Shanghai', 'America/Los_Angeles', 'UTC']) {
        process.env.TZ = zone;
        expect((await cellsOf(f))[1]).toEqual(['2023-07-01', '2023-07-01', '2022-12-31', '2020-02-29']);
      }
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('dates in the built-in Chinese date formats (numFmtId 31, 58), as WPS and Chinese Excel write them', async () => {
    const f = await workbook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['since', 'also']);
      const r = ws.addRow([45108, 45109]);
      r.getCell(1).numFmt = 'yyyy"年"m"月"d"日"';
      r.getCell(2).numFmt = 'm"月"d"日"';
    });
    // Name the formats by their built-in numbers alone, as those programs do.
    const zip = await JSZip.loadAsync(fs.readFileSync(f));
    let styles = await zip.file('xl/styles.xml')!.async('string');
    const ids = [...styles.matchAll(/<numFmt numFmtId="(\d+)"[^>]*\/>/g)].map((m) => m[1]!);
    expect(ids).toHaveLength(2);
    styles = styles.replace(/<numFmts[^>]*>.*?<\/numFmts>/s, '');
    styles = styles.replaceAll(`numFmtId="${ids[0]}"`, 'numFmtId="31"').replaceAll(`numFmtId="${ids[1]}"`, 'numFmtId="58"');
    zip.file('xl/styles.xml', styles);
    fs.writeFileSync(f, await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await cellsOf(f))[1]).toEqual(['2023-07-01', '2023-07-02']);
  });

  it('rich text and hyperlinks as their plain text; logical values as TRUE/FALSE', async () => {
    const f = await sheetOf([
      ['owner', 'link', 'flag'],
      [{ richText: [{ text: '张', font: { bold: true } }, { text: '伟' }] }, { text: '1-1-101', hyperlink: 'https://example.org' }, true],
    ]);
    expect((await cellsOf(f))[1]).toEqual(['张伟', '1-1-101', 'TRUE']);
  });

  it('numberText and dateText', () => {
    expect([500, 86.5, 0.1 + 0.2, 1234.5678, 1e21, -0, 99.99].map(numberText)).toEqual(['500', '86.5', '0.3', '1234.5678', '1000000000000000000000', '0', '99.99']);
    expect(dateText(new Date(Date.UTC(2023, 0, 5, 23, 0)))).toBe('2023-01-05');
  });
});

describe('rows', () => {
  it('keeps the row numbers; empty rows are skipped; gaps between cells are empty cells', async () => {
    const f = await workbook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getRow(1).values = ['code', 'owner', 'area'];
      ws.getRow(2).values = ['1-1-101', '张伟', 90];
      ws.getCell('C3').numFmt = '0.00'; // a row with styling only
      ws.getCell('A5').value = '1-1-102';
      ws.getCell('C5').value = 80;
    });
    const got = all(await xlsxSource(f)).map((r) => [r.line, r.cells?.join('|')]);
    expect(got.filter(([, c]) => c !== '')).toEqual([
      [1, 'code|owner|area'],
      [2, '1-1-101|张伟|90'],
      [5, '1-1-102||80'],
    ]);
  });

  it('an empty first row is still the header, as in a CSV', async () => {
    const f = await workbook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A2').value = 'code';
    });
    expect(all(await xlsxSource(f))[0]).toEqual({ line: 1, cells: [] });
  });

  it('a formula is a bad row naming its cells: paste values', async () => {
    const f = await workbook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['date', 'code', 'amount']);
      ws.addRow(['2023-03-01', '1-1-101', 500]);
      ws.addRow(['2023-03-02', '1-1-102', { formula: 'C2*2', result: 1000 }]);
      ws.addRow(['2023-03-03', { formula: 'B2', result: '1-1-101' }, { formula: 'C2', result: 500 }]);
    });
    const records = all(await xlsxSource(f));
    expect(records[1]).toEqual({ line: 2, cells: ['2023-03-01', '1-1-101', '500'] });
    expect(records[2]!.line).toBe(3);
    expect(records[2]!.error!.en).toBe('C3 holds a formula: formulas are not accepted; paste values');
    expect(records[2]!.error!.zh).toMatch(/C3 是公式.*数值/);
    expect(records[3]!.error!.en).toBe('B4, C4 hold formulas: formulas are not accepted; paste values');
  });

  it('an error value is a bad row', async () => {
    const f = await sheetOf([['code', 'amount'], ['1-1-101', { error: '#N/A' }]]);
    expect(all(await xlsxSource(f))[1]).toMatchObject({ line: 2, error: { en: 'B2 #N/A: an error value, not data' } });
  });

  it('merged header cells are refused, with the range', async () => {
    const f = await workbook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getRow(1).values = ['2023年住户名单'];
      ws.mergeCells('A1:E1');
      ws.getRow(2).values = ['房号', '业主', '面积'];
    });
    const first = all(await xlsxSource(f))[0]!;
    expect(first.line).toBe(1);
    expect(first.error!.en).toMatch(/header row \(row 1\) has merged cells A1:E1/);
    expect(first.error!.zh).toMatch(/表头.*合并单元格 A1:E1/);
  });

  it('a merged range holding a value is a bad row for each row it covers; an empty one is only formatting', async () => {
    const f = await workbook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getRow(1).values = ['date', 'code', 'amount'];
      ws.getRow(2).values = ['2023-03-01', '1-1-101', 500];
      ws.getRow(3).values = ['2023-03-01', '1-1-102', 500];
      ws.getRow(4).values = ['2023-03-02', '1-1-103', 500];
      ws.getRow(5).values = ['2023-03-02', '1-1-104', 500];
      ws.mergeCells('A2:A3');
      ws.mergeCells('E4:F5');
    });
    const got = all(await xlsxSource(f));
    expect(got.map((r) => (r.error ? `${r.line}: ${r.error.en}` : `${r.line}`))).toEqual([
      '1',
      '2: A2:A3 is a merged cell, so which row and column it belongs to cannot be told; unmerge it and fill in every row',
      '3: A2:A3 is a merged cell, so which row and column it belongs to cannot be told; unmerge it and fill in every row',
      '4',
      '5',
    ]);
  });
});

describe('sheets', () => {
  const twoSheets = () =>
    workbook((wb) => {
      wb.addWorksheet('说明').addRow(['这是说明']);
      wb.addWorksheet('住户').addRow(['code']);
    });

  it('the first sheet, or the one named by --sheet', async () => {
    const f = await twoSheets();
    expect((await cellsOf(f))[0]).toEqual(['这是说明']);
    expect((await cellsOf(f, '住户'))[0]).toEqual(['code']);
  });

  it('the first shown sheet when the first is hidden', async () => {
    const f = await workbook((wb) => {
      wb.addWorksheet('hidden', { state: 'hidden' }).addRow(['secret']);
      wb.addWorksheet('shown').addRow(['code']);
    });
    expect((await cellsOf(f))[0]).toEqual(['code']);
  });

  it('a sheet that is not there: exit 2, naming the sheets there are', async () => {
    const f = await twoSheets();
    const r = await refusal(xlsxSource(f, { sheet: 'Sheet1' }));
    expect(r.exit).toBe(2);
    expect(r.en).toBe(`${f} has no sheet "Sheet1"; its sheets are "说明", "住户"`);
    expect(r.zh).toBe(`${f} 中没有名为“Sheet1”的工作表；现有工作表：“说明”、“住户”`);
  });
});

describe('files that are not workbooks', () => {
  it('random bytes named .xlsx: exit 2, naming the file', async () => {
    const f = fileName();
    fs.writeFileSync(f, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    const r = await refusal(xlsxSource(f));
    expect(r.exit).toBe(2);
    expect(r.en).toBe(`cannot read ${f}: it is not a valid .xlsx workbook (the file may be damaged)`);
    expect(r.zh).toContain(f);
  });

  it('a cut-off workbook (a zip that ends early)', async () => {
    const good = fs.readFileSync(await sheetOf([['code'], ['1-1-101']]));
    const f = fileName();
    fs.writeFileSync(f, good.subarray(0, Math.floor(good.length / 2)));
    expect((await refusal(xlsxSource(f))).en).toMatch(/not a valid \.xlsx workbook/);
  });

  it('a password-protected workbook (an OLE compound file)', async () => {
    const f = fileName();
    fs.writeFileSync(f, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]));
    const r = await refusal(xlsxSource(f));
    expect(r.exit).toBe(2);
    expect(r.en).toMatch(new RegExp(`cannot read ${f.replace(/[.\\]/g, '\\$&')}: the workbook is password-protected`));
    expect(r.zh).toMatch(/打开密码/);
  });

  it('a file that is not there', async () => {
    const r = await refusal(xlsxSource(path.join(dir, 'missing.xlsx')));
    expect(r.exit).toBe(2);
    expect(r.en).toMatch(/cannot read .*missing\.xlsx/);
  });
});

describe('recordSourceFor', () => {
  it('reads .xlsx (any case) as a workbook and anything else as CSV', async () => {
    const x = await sheetOf([['code'], ['1-1-101']]);
    const upper = x.replace(/\.xlsx$/, '.XLSX');
    fs.renameSync(x, upper);
    expect(all(await recordSourceFor(upper)).map((r) => r.cells)).toEqual([['code'], ['1-1-101']]);
    const csv = fileName('csv');
    fs.writeFileSync(csv, 'code\n1-1-102\n');
    expect(all(await recordSourceFor(csv)).map((r) => r.cells)).toEqual([['code'], ['1-1-102']]);
  });

  it('refuses --sheet for a CSV file', async () => {
    const csv = fileName('csv');
    fs.writeFileSync(csv, 'code\n1-1-102\n');
    const r = await refusal(recordSourceFor(csv, { sheet: '住户' }));
    expect(r.exit).toBe(2);
    expect(r.en).toMatch(/--sheet is for \.xlsx workbooks only/);
  });
});

describe('an import from a workbook', () => {
  const read = (source: RecordSource, registered: string[] = []) => [
    ...readHouseholdsCsv(source.file, '2023-07-15', { isRegistered: (c) => registered.includes(c), seen: memorySeenKeys() }, source),
  ];

  it('takes a Chinese header and typed cells', async () => {
    const f = await workbook((wb) => {
      const ws = wb.addWorksheet('住户');
      ws.addRow(['房号', '业主', '面积', '电话', '入住日期']);
      ws.addRow(['1-1-101', '张伟', 86.5, 13800138000, new Date(Date.UTC(2020, 4, 1))]).getCell(5).numFmt = 'yyyy-mm-dd';
      ws.addRow(['1-1-102', '李娜', '90.25', '13900139000', '2021-03-15']);
    });
    expect(read(await xlsxSource(f))).toEqual([
      { code: '1-1-101', owner: '张伟', ownerId: null, areaCenti: 8650, phone: '13800138000', since: '2020-05-01' },
      { code: '1-1-102', owner: '李娜', ownerId: null, areaCenti: 9025, phone: '13900139000', since: '2021-03-15' },
    ]);
  });

  it('refuses the whole file, every bad row as FILE:ROW', async () => {
    const f = await workbook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.addRow(['code', 'owner', 'area']);
      ws.addRow(['1-1-101', '张伟', 86.5]);
      ws.addRow(['1-1-102', '李娜', { formula: 'C2+1', result: 87.5 }]);
      ws.addRow([]);
      ws.addRow(['1-1-101', '王芳', 70]);
      ws.addRow(['1-1-104', '赵磊', 'abc']);
    });
    const source = await xlsxSource(f);
    const r = await refusal(() => read(source));
    expect(r.exit).toBe(2);
    const lines = r.en.split('\n');
    expect(lines[0]).toBe(`${f} has 3 bad row(s); nothing was imported`);
    expect(lines[1]).toBe(`${f}:3: C3 holds a formula: formulas are not accepted; paste values`);
    expect(lines[2]).toBe(`${f}:5: household 1-1-101 repeats line 2`);
    expect(lines[3]).toMatch(new RegExp(`^${f.replace(/[.\\]/g, '\\$&')}:6: `));
  });

  it('merged header cells refuse the file at row 1', async () => {
    const f = await workbook((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getRow(1).values = ['房号', '业主', '', '面积'];
      ws.mergeCells('B1:C1');
      ws.getRow(2).values = ['1-1-101', '张伟', '', 80];
    });
    const source = await xlsxSource(f);
    const r = await refusal(() => read(source));
    expect(r.en.split('\n')[1]).toMatch(new RegExp(`^${f.replace(/[.\\]/g, '\\$&')}:1: the header row \\(row 1\\) has merged cells B1:C1`));
  });

  it('InputError is what the CLI prints with exit 2', () => {
    expect(new InputError({ zh: '', en: '' }).exitCode).toBe(2);
  });
});
