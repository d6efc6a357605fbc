/**
 * `report --format xlsx --out FILE`: the disclosure as a workbook, read back with exceljs (and,
 * where LibreOffice is installed, printed to PDF and read with pdftotext). Runs the built
 * binary: `npm run build` first.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TempLedger } from '../helpers/run-ledger.js';

const has = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  return !r.error && r.status === 0;
};
const SOFFICE = ['soffice', 'libreoffice'].find((c) => has(c, ['--version']));
const PDFTOTEXT = has('pdftotext', ['-v']);

let l: TempLedger;
beforeAll(() => {
  l = TempLedger.standard();
  const chair = (...a: string[]) => l.ok(['--by', '张主任', ...a]);
  const collector = (...a: string[]) => l.ok(['--by', '李会计', ...a]);
  chair('household', 'import', path.join(__dirname, '../../fixtures/households-bom.csv'));
  chair('bill', '2023');
  collector('collect', '1-1-101', '558.86', '--date', '2023-03-01');
  collector('collect', '1-1-102', '1234.56', '--date', '2023-04-02');
  collector('collect', '1-1-201', '500', '--date', '2023-05-03');
  l.ok(['--by', '王出纳', 'spend', '1000', '--category', '维修', '--payee', '五金店', '--item', '更换水泵', '--approved-by', '张主任', '--date', '2023-06-01']);
}, 120_000);
afterAll(() => l?.cleanup());

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The row below the header row of the section titled `title` (its first data row). */
function firstDataRow(ws: ExcelJS.Worksheet, title: string): ExcelJS.Row {
  for (let n = 1; n <= ws.rowCount; n++) {
    if (ws.getCell(n, 1).value === title) return ws.getRow(n + 2);
  }
  throw new Error(`no section ${title}`);
}

describe('report --format xlsx', () => {
  it('writes the disclosure as a workbook with money as numbers, owner-only, A4', async () => {
    const json = l.json(['report', '--year', '2023']);
    const file = path.join(l.dir, '公示.xlsx');
    const r = l.run(['--lang', 'zh', 'report', '--year', '2023', '--format', 'xlsx', '--out', file]);
    expect(r.code).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    const wb = await readBook(file);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('收支公示');
    expect(ws.getCell('A1').value).toBe('测试小区物业管理费收支公示（2023年度）');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.orientation).toBe('portrait');
    expect(ws.pageSetup.fitToWidth).toBe(1);

    // 二、收支汇总: opening, income, expense, closing.
    const summary = firstDataRow(ws, '二、收支汇总');
    const income = summary.getCell(2);
    const closing = summary.getCell(4);
    expect(json.income_total_fen).toBe(229342);
    expect(income.value).toBe(json.income_total_fen / 100);
    expect(closing.value).toBe(json.closing_balance_fen / 100);
    expect(typeof closing.value).toBe('number');
    expect(income.numFmt).toContain('¥');
    expect(closing.numFmt).toContain('¥');

    // Chinese text gets room: the widest item of 三、收入 is 12 CJK characters (24 units).
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(24);
    // The signature lines are there, with the names.
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => void (typeof c.value === 'string' && texts.push(c.value))));
    expect(texts).toContain('物管会主任：张主任');
    expect(texts).toContain('监督人：赵监督');

    // A detail sheet for the expenses, its header row frozen.
    const detail = wb.getWorksheet('支出')!;
    expect(detail.getCell('A1').value).toBe('编号');
    expect(detail.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(detail.getCell('G2').value).toBe(1000);
  });

  it('names the sheet in English under --lang en', async () => {
    const file = path.join(l.dir, 'disclosure.xlsx');
    l.ok(['--lang', 'en', 'report', '--year', '2023', '--format', 'xlsx', '--out', file]);
    const ws = (await readBook(file)).worksheets[0]!;
    expect(ws.name).toBe('Disclosure');
    expect(ws.getCell('A1').value).toBe('测试小区: property fee accounts, year 2023');
  });

  it('is refused without --out (exit 2), nothing written', () => {
    const before = fs.readdirSync(l.dir);
    const r = l.run(['report', '--year', '2023', '--format', 'xlsx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: --format xlsx needs --out FILE/);
    expect(r.stdout).toBe('');
    expect(fs.readdirSync(l.dir)).toEqual(before);
  });

  it.skipIf(!SOFFICE || !PDFTOTEXT)('prints to PDF with LibreOffice showing the closing balance', () => {
    const json = l.json(['report', '--year', '2023']);
    const file = path.join(l.dir, 'print.xlsx');
    l.ok(['--lang', 'zh', 'report', '--year', '2023', '--format', 'xlsx', '--out', file]);
    const outdir = path.join(l.dir, 'pdf');
    const profile = path.join(l.dir, 'lo-profile');
    const conv = spawnSync(SOFFICE!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outdir, file], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(conv.status, conv.stderr).toBe(0);
    const text = spawnSync('pdftotext', ['-layout', path.join(outdir, 'print.pdf'), '-'], { encoding: 'utf8' }).stdout;
    const closing = (json.closing_balance_fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(closing).toBe('1,293.42');
    expect(text).toContain(closing);
  }, 180_000);
});
