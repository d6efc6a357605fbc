/**
 * Golden files: every format of the demo compound's 2022H2 disclosure, as `npm run demo`
 * builds it (test/helpers/demo-ledger.ts runs the demo script at a fixed clock). A change
 * to any of them fails here; regenerate on purpose with `npx vitest run test/cli/golden.test.ts -u`
 * and read the diff before committing it.
 *
 * The figures are also checked against an independent count made straight from the fixture
 * CSVs and raw SQL over the journal, not through the report code.
 */
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLedger } from '../helpers/demo-ledger.js';
import { BIN, FIXTURES, type TempLedger } from '../helpers/run-ledger.js';

let demo: TempLedger;
beforeAll(() => {
  demo = demoLedger();
  head = demo.json(['verify']).head;
}, 300_000);
afterAll(() => demo?.cleanup());

/**
 * The check code is the head entry's hash, and every build of the demo gives its people new
 * keys (random, as keys must be), so the code differs from build to build: the golden files
 * hold it as <code>, and the test checks apart that it is the head's, as verify gives it.
 */
let head: { seq: number; code: string };
const masked = (s: string) => s.split(head.code).join('<code>');
const report = (...args: string[]) => masked(demo.ok(['--lang', 'zh', 'report', '--half', '2022H2', ...args]));

describe('golden files of the 2022H2 disclosure', () => {
  it.each([
    ['table', 'txt'],
    ['md', 'md'],
    ['html', 'html'],
  ])('%s', async (format, ext) => {
    await expect(report('--format', format)).toMatchFileSnapshot(`../golden/report-2022H2.${ext}`);
  });

  it('table in English', async () => {
    await expect(masked(demo.ok(['--lang', 'en', 'report', '--half', '2022H2']))).toMatchFileSnapshot('../golden/report-2022H2.en.txt');
  });

  it('json: indented in a file written with --out, one line when piped, the same value', async () => {
    const out = path.join(demo.dir, '公示.json');
    demo.json(['--lang', 'zh', 'report', '--half', '2022H2', '--format', 'json', '--out', out]);
    const file = masked(fs.readFileSync(out, 'utf8'));
    await expect(file).toMatchFileSnapshot('../golden/report-2022H2.json');
    // Piped (as here), standard output is for a program: the same value on one line, with --json or --format json.
    for (const args of [['--json'], ['--format', 'json']]) {
      const piped = report(...args);
      expect(piped.endsWith('}\n')).toBe(true);
      expect(piped.slice(0, -1)).not.toContain('\n');
      expect(JSON.parse(piped)).toEqual(JSON.parse(file));
    }
  });

  it('json on a terminal is indented as in a file', () => {
    // `script` gives the ledger a pseudo-terminal for its stdout (and echoes it back, with CRLF).
    const shown = spawnSync('script', ['-qec', `${process.execPath} ${BIN} --db '${demo.db}' --lang zh report --half 2022H2 --json`, '/dev/null'], { encoding: 'utf8', env: demo.env() });
    expect(shown.status).toBe(0);
    const lines = shown.stdout.replace(/\r\n/g, '\n');
    expect(masked(lines)).toBe(fs.readFileSync(path.join(__dirname, '../golden/report-2022H2.json'), 'utf8'));
  });

  it('csv, written with --out: UTF-8 with BOM, CRLF, byte for byte', async () => {
    const out = path.join(demo.dir, '公示.csv');
    const said = demo.json(['--lang', 'zh', 'report', '--half', '2022H2', '--format', 'csv', '--out', out]);
    expect(said).toMatchObject({ out, format: 'csv', period: { from: '2022-07-01', to: '2022-12-31', label: '2022H2' } });
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).not.toMatch(/[^\r]\n/);
    expect(said.bytes).toBe(bytes.length);
    // The same bytes as on standard output.
    expect(Buffer.from(demo.ok(['--lang', 'zh', 'report', '--half', '2022H2', '--format', 'csv']), 'utf8').equals(bytes)).toBe(true);
    await expect(masked(bytes.toString('utf8'))).toMatchFileSnapshot('../golden/report-2022H2.csv');
  });

  it('prints the anchor of the latest entry, which verify --expect accepts', () => {
    const r = demo.json(['report', '--half', '2022H2']);
    expect(r.head).toEqual(head);
    expect(head.code).toMatch(/^[0-9a-f]{16}$/);
    expect(demo.ok(['--lang', 'zh', 'report', '--half', '2022H2'])).toContain(`记录号 ${head.seq} · 校验码 ${head.code}`);
    expect(demo.run(['verify', '--expect', `${head.seq}:${head.code}`]).code).toBe(0);
  });
});

describe('the 2022H2 figures, counted independently', () => {
  const yuan = (s: string) => Math.round(Number(s) * 100);

  it('match the fixtures and the demo steps', () => {
    const r = demo.json(['report', '--half', '2022H2']);
    // Fee income: the 2022 collections dated in H2, straight from the fixture CSV. Nobody owed
    // an earlier year in 2022 (billing began that year), each household paid once, and
    // whatever is above the 500 fee is prepaid for 2023.
    const rows = fs
      .readFileSync(path.join(FIXTURES, 'collections-2022.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','))
      .filter(([date]) => date! >= '2022-07-01');
    const amounts = rows.map((r) => yuan(r[2]!));
    const fee = 50000;
    expect(r.income).toMatchObject({
      fees_current_fen: amounts.reduce((s, a) => s + Math.min(a, fee), 0),
      fees_arrears_fen: 0,
      fees_prepaid_fen: amounts.reduce((s, a) => s + Math.max(a - fee, 0), 0),
      other_fen: 60000, // the demo's one parking receipt, 600.00
    });
    expect(r.fee_receipts.count).toBe(rows.length);
    // Expenses, as the demo records them: cleaning 800 and gate 1200 a month for six months,
    // three electricity bills, the 7,600 repair under V2022-01; the duplicate bill is voided.
    expect(r.expense_total_fen).toBe(6 * (80000 + 120000) + 26840 + 31275 + 29510 + 760000);
    expect(r.expenses.filter((e: { void: boolean }) => e.void)).toHaveLength(1);
    expect(r.votes).toEqual([{ id: 'V2022-01', title: '外墙雨水管更换', rule: 'general', passed: true, budget_fen: 800000, spent_fen: 760000, status: 'closed', opened_on: '2022-08-20', closes_on: '2022-09-05', closed_on: '2022-09-05', tally: expect.any(Object) }]);
    // Arrears and the collection rate: 118 billed for 2022, 104 paid (one of them 250 only).
    expect(r.arrears).toMatchObject({ households: 118 - 103, total_fen: (118 - 104) * fee + 25000 });
    expect(r.basics).toMatchObject({ households: 118, billed: { households: 118, amount_fen: 118 * fee }, paid: { households_full: 103, households_partial: 1, amount_fen: 103 * fee + 25000 } });
    expect(r.basics.collection_rate).toBe('87.7%'); // 51,750 / 59,000 = 87.71%

    // The summary against raw SQL over the journal.
    const db = new BetterSqlite3(demo.db, { readonly: true });
    try {
      const sum = (where: string) => (db.prepare(`SELECT COALESCE(SUM(cash_fen), 0) AS s FROM entries WHERE ${where}`).get() as { s: number }).s;
      const inPeriod = "date BETWEEN '2022-07-01' AND '2022-12-31'";
      expect(r.opening_balance_fen).toBe(sum("date < '2022-07-01'"));
      expect(r.income_total_fen).toBe(sum(`${inPeriod} AND cash_fen > 0 AND kind <> 'void'`) + sum(`${inPeriod} AND kind = 'void' AND cash_fen < 0`));
      expect(r.expense_total_fen).toBe(-sum(`${inPeriod} AND kind = 'expense'`) - sum(`${inPeriod} AND kind = 'void' AND cash_fen > 0`));
      expect(r.closing_balance_fen).toBe(sum("date <= '2022-12-31'"));
    } finally {
      db.close();
    }
    expect(r.closing_balance_fen).toBe(r.opening_balance_fen + r.income_total_fen - r.expense_total_fen);
  });
});
