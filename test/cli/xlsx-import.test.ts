// Excel in, through the built binary: households, collections, ballots and waivers read from
// .xlsx workbooks (first sheet or --sheet, Chinese headers, cells as Excel stores them), and a
// bad workbook refused whole with FILE:ROW lines and the ledger unchanged.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefused, TempLedger } from '../helpers/run-ledger.js';

const chair = ['--by', '张主任'];
const collector = ['--by', '李会计'];

type Rows = ExcelJS.CellValue[][];

/** A workbook of sheets (name → rows); a cell given as `{ date }` is written as a date-formatted day number. */
async function writeWorkbook(file: string, sheets: Record<string, (ExcelJS.CellValue | { serial: number })[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of rows) {
      const row = ws.addRow(r.map((c) => (c && typeof c === 'object' && 'serial' in c ? c.serial : c)));
      r.forEach((c, i) => {
        if (c instanceof Date || (c && typeof c === 'object' && 'serial' in c)) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
      });
    }
  }
  await wb.xlsx.writeFile(file);
  return file;
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('importing from .xlsx', () => {
  let l: TempLedger;
  beforeAll(async () => {
    l = TempLedger.standard();
    const households: Rows = [
      ['房号', '业主', '面积', '电话', '入住日期'],
      ['1-1-101', '张伟', 86.5, 13800138000, day('2020-05-01')],
      ['1-1-102', '李娜', '90.25', '13900139000', '2021-03-15'],
      [],
      ['1-1-103', '王芳', 100, null, null],
    ];
    await writeWorkbook(path.join(l.dir, 'households.xlsx'), { 住户: households, 说明: [['这张表不导入']] });
  });
  afterAll(() => l.cleanup());

  it('household import: the first sheet, a Chinese header, numbers and dates as Excel stores them', () => {
    const out = l.ok([...chair, 'household', 'import', path.join(l.dir, 'households.xlsx')]);
    expect(out).toMatch(/imported 3 households/);
    expect(l.json(['household', 'list'])).toEqual([
      { code: '1-1-101', owner: '张伟', owner_id: null, area_m2: 86.5, phone: '13800138000', since: '2020-05-01', ended: null },
      { code: '1-1-102', owner: '李娜', owner_id: null, area_m2: 90.25, phone: '13900139000', since: '2021-03-15', ended: null },
      { code: '1-1-103', owner: '王芳', owner_id: null, area_m2: 100, phone: null, since: null, ended: null },
    ]);
  });

  it('import collections: --sheet, dates as Date values and as day numbers; arrears follow', async () => {
    l.ok([...chair, 'bill', '2023']);
    const file = await writeWorkbook(path.join(l.dir, 'collections.xlsx'), {
      说明: [['收费记录在“收费”表']],
      收费: [
        ['日期', '房号', '金额', '付款方式'],
        [day('2023-03-01'), '1-1-101', 500, '微信'],
        [{ serial: 45000 }, '1-1-102', 250, '现金'],
      ],
    });
    const done = l.json([...collector, 'import', 'collections', file, '--sheet', '收费']);
    // Day 45000 is 2023-03-15.
    expect(done.map((c: { receipt: string; household: string; date: string; amount_fen: number }) => [c.receipt, c.household, c.date, c.amount_fen])).toEqual([
      ['R2023-0001', '1-1-101', '2023-03-01', 50000],
      ['R2023-0002', '1-1-102', '2023-03-15', 25000],
    ]);
    const arrears = l.json(['arrears']);
    expect(arrears.total_fen).toBe(75000);
    expect(arrears.households.map((h: { code: string }) => h.code)).toEqual(['1-1-102', '1-1-103']);
  });

  it('vote import from a workbook', async () => {
    l.ok([...chair, 'vote', 'open', '--title', '外墙雨水管更换', '--date', '2023-07-01']);
    const file = await writeWorkbook(path.join(l.dir, 'ballots.xlsx'), {
      表决票: [
        ['房号', '表决'],
        ['1-1-101', '同意'],
        ['1-1-102', '反对'],
        ['1-1-103', { richText: [{ text: '同', font: { bold: true } }, { text: '意' }] }],
      ],
    });
    const r = l.json([...chair, 'vote', 'import', 'V2023-01', file]);
    expect(r).toMatchObject({ vote: 'V2023-01', imported: 3, yes: 2, no: 1, abstain: 0 });
  });

  it('import waivers from a workbook', async () => {
    const file = await writeWorkbook(path.join(l.dir, 'waivers.xlsx'), {
      减免: [
        ['房号', '年度', '金额', '原因'],
        ['1-1-103', 2023, 100, '空置房'],
      ],
    });
    const r = l.json([...collector, 'import', 'waivers', file, '--approved-by', '张主任']);
    expect(r).toMatchObject({ imported: 1, households: 1, total_fen: 10000 });
  });

  it('a bad workbook is refused whole: every bad row as FILE:ROW, nothing written', async () => {
    const file = path.join(l.dir, 'bad.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('收费');
    ws.addRow(['日期', '房号', '金额']);
    ws.addRow([day('2023-04-01'), '1-1-101', 100]);
    ws.addRow([day('2023-04-01'), '1-1-102', { formula: 'C2*2', result: 200 }]);
    ws.addRow([day('2023-04-02'), '9-9-999', 100]);
    ws.addRow([day('2023-04-02'), '1-1-103', 'abc']);
    ws.addRow([day('2023-04-03'), '1-1-101', 50]);
    ws.getRow(7).values = ['2023-04-03', '1-1-102', 60];
    ws.getRow(8).values = ['2023-04-03', '1-1-103', 70];
    ws.mergeCells('A7:A8');
    await wb.xlsx.writeFile(file);
    const r = expectRefused(l, [...collector, 'import', 'collections', file], 2, /bad\.xlsx has 5 bad row\(s\); nothing was imported/);
    const lines = r.stderr.split('\n').map((s) => s.trim());
    expect(lines).toContain(`${file}:3: C3 holds a formula: formulas are not accepted; paste values`);
    expect(lines).toContain(`${file}:4: no household 9-9-999`);
    expect(lines.some((s) => s.startsWith(`${file}:5: `))).toBe(true);
    expect(lines).toContain(`${file}:7: A7:A8 is a merged cell, so which row and column it belongs to cannot be told; unmerge it and fill in every row`);
    expect(lines).toContain(`${file}:8: A7:A8 is a merged cell, so which row and column it belongs to cannot be told; unmerge it and fill in every row`);
    expect(lines.some((s) => s.startsWith(`${file}:6`) || s.startsWith(`${file}:2`))).toBe(false);
  });

  it('merged header cells, in Chinese by default', async () => {
    const file = path.join(l.dir, 'title.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('住户');
    ws.getRow(1).values = ['2023年住户名单'];
    ws.mergeCells('A1:E1');
    ws.getRow(2).values = ['房号', '业主', '面积'];
    ws.getRow(3).values = ['2-1-101', '赵磊', 80];
    await wb.xlsx.writeFile(file);
    const before = l.snapshot();
    const r = l.run([...chair, 'household', 'import', file], { LANG: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}:1: 表头（第 1 行）有合并单元格 A1:E1`);
    expect(l.snapshot()).toBe(before);
  });

  it('a sheet that is not there, a damaged workbook, --sheet for a CSV: exit 2 naming the file', async () => {
    const households = path.join(l.dir, 'households.xlsx');
    expectRefused(l, [...chair, 'household', 'import', households, '--sheet', 'Sheet1'], 2, /has no sheet "Sheet1"; its sheets are "住户", "说明"/);
    const damaged = path.join(l.dir, 'damaged.xlsx');
    fs.writeFileSync(damaged, Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31 + 7) % 256)));
    expectRefused(l, [...collector, 'import', 'collections', damaged], 2, new RegExp(`cannot read .*damaged\\.xlsx: it is not a valid \\.xlsx workbook`));
    const locked = path.join(l.dir, 'locked.xlsx');
    fs.writeFileSync(locked, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024)]));
    expectRefused(l, [...chair, 'vote', 'import', 'V2023-01', locked], 2, /locked\.xlsx: the workbook is password-protected/);
    const csv = path.join(l.dir, 'w.csv');
    fs.writeFileSync(csv, 'code,year,reason\n1-1-103,2023,x\n');
    expectRefused(l, [...collector, 'import', 'waivers', csv, '--approved-by', '张主任', '--sheet', '减免'], 2, /--sheet is for \.xlsx workbooks only/);
  });
});
