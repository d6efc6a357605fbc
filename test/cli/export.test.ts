import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billYear } from '../../src/app/billing.js';
import { addCategory } from '../../src/app/categories.js';
import { collectFee } from '../../src/app/collections.js';
import { voidRecord } from '../../src/app/corrections.js';
import { spend } from '../../src/app/expenses.js';
import { registerHouseholds } from '../../src/app/households.js';
import { recordIncome } from '../../src/app/income.js';
import { exportJournal } from '../../src/reports/export.js';
import { beancountRenderer } from '../../src/reports/render/beancount.js';
import { hledgerRenderer } from '../../src/reports/render/hledger.js';
import { balanceBefore, buildCompound, totals, type Move } from '../helpers/compound.js';
import { as, memoryLedger } from '../helpers/memory-ledger.js';
import { TempLedger } from '../helpers/run-ledger.js';

/**
 * The export re-checked by the established tools, run as the real programs: hledger,
 * ledger and bean-check (Debian packages hledger, ledger, beancount; `.ci/run` installs
 * them). Every figure they compute must equal what the inputs say and what `ledger report`
 * says: the fund before several dates, income and expenses of every half-year.
 */

/** The peers run with a clean environment: ledger-cli reads every LEDGER_* variable as an option. */
function peer(cmd: string, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' } });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: (r.stderr ?? '') + (r.error ? String(r.error) : '') };
}
const installed = (cmd: string) => peer(cmd, ['--version']).code === 0;
const PEERS = { hledger: installed('hledger'), ledger: installed('ledger'), beancount: installed('bean-check') && installed('bean-query') };
const missing = Object.entries(PEERS)
  .filter(([, ok]) => !ok)
  .map(([name]) => name);
if (missing.length > 0) {
  console.warn(`export.test.ts: SKIPPING the peer checks: ${missing.join(', ')} not installed (apt-get install hledger ledger beancount; .ci/run does)`);
}

/** `108450.00 CNY` -> 10845000 fen; a line without CNY (hledger's bare `0`) is 0. */
function fenOf(s: string): number {
  const m = /(-?)([\d,]+)(?:\.(\d{1,2}))? CNY/.exec(s);
  if (!m) return 0;
  const fen = Number(m[2]!.replace(/,/g, '')) * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  return m[1] === '-' ? -fen : fen;
}

const HALVES = [
  { label: '2022H1', from: '2022-01-01', to: '2022-06-30', end: '2022-07-01' },
  { label: '2022H2', from: '2022-07-01', to: '2022-12-31', end: '2023-01-01' },
  { label: '2023H1', from: '2023-01-01', to: '2023-06-30', end: '2023-07-01' },
];
/** Before, on and after the voids, the vote-backed expense and each period boundary. */
const DATES = ['2022-06-01', '2022-06-02', '2022-07-01', '2022-10-01', '2022-12-21', '2022-12-31', '2023-01-01', '2023-01-06', '2023-02-02', '2023-07-01'];

let l: TempLedger;
let moves: Move[];
let journal: string;
let beancount: string;

beforeAll(() => {
  ({ ledger: l, moves } = buildCompound());
  journal = path.join(l.dir, 'gonghang.journal');
  beancount = path.join(l.dir, 'gonghang.beancount');
  l.ok(['export', '--format', 'hledger', '--out', journal]);
  l.ok(['export', '--format', 'beancount', '--out', beancount]);
}, 180_000);
afterAll(() => l.cleanup());

describe('the export files', () => {
  it('are readable by their owner only, and standard output carries the same text', () => {
    expect(fs.statSync(journal).mode & 0o777).toBe(0o600);
    expect(fs.statSync(beancount).mode & 0o777).toBe(0o600);
    expect(l.ok(['export', '--format', 'hledger'])).toBe(fs.readFileSync(journal, 'utf8'));
  });

  it('holds every money record once, voids as reversals on their own date', () => {
    const text = fs.readFileSync(journal, 'utf8');
    const transactions = text.match(/^\d{4}-\d\d-\d\d \* /gm)!;
    expect(transactions).toHaveLength(moves.length);
    expect(text).toMatch(/^2022-12-30 \* 3-1-401 \| void of R2022-0003 · fee 2022 · 收错户$/m);
    expect(text).toMatch(/^2023-01-05 \* 保洁公司 \| void of E2022-0001 · 保洁 2022-07-05 · 保洁 · 重复报账$/m);
    // Syntax in free text is neutralised: no raw `;` or line break on a transaction line, quotes kept.
    expect(text).toContain('张三； "园林" ¦ 绿化队 | greening');
    expect(text).toMatch(/^account expenses:电梯-维保$/m);
    expect(text).toMatch(/^    expenses:电梯-维保 +300\.00 CNY$/m);
    expect(text).toContain('a；b "q" second part: with a colon');
    const bean = fs.readFileSync(beancount, 'utf8');
    expect(bean).toContain('open Expenses:X-7535-68AF-003B-0022-7EF4-4FDD-0022 CNY');
    expect(bean).toContain('name: "电梯;\\"维保\\""');
    expect(bean).toContain(' 废品 · a;b \\"q\\" second part: with a colon" ^R2022-0106');
  });

  it('refuses an unknown format and a folder that does not exist, writing nothing', () => {
    const bad = l.run(['export', '--format', 'csv']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: format "csv" is not one of: hledger, beancount/);
    const out = path.join(l.dir, 'no-such-dir', 'x.journal');
    const r = l.run(['export', '--format', 'hledger', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: cannot write/);
    expect(fs.existsSync(path.dirname(out))).toBe(false);
  });
});

describe.skipIf(!PEERS.hledger)('hledger', () => {
  it('check --strict accepts the journal (accounts, commodity, balance assertions)', () => {
    const r = peer('hledger', ['-f', journal, 'check', '--strict']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it.each(DATES)('bal assets:cash -e %s is the fund before that day', (date) => {
    const r = peer('hledger', ['-f', journal, 'bal', 'assets:cash', '-e', date, '-N', '-E']);
    expect(r.code).toBe(0);
    expect(fenOf(r.stdout)).toBe(balanceBefore(moves, date));
  });

  it.each(HALVES)('income and expenses of $label equal the inputs', ({ from, to, end }) => {
    const r = peer('hledger', ['-f', journal, 'bal', '^income', '^expenses', '-b', from, '-e', end, '--depth', '1', '-N', '-E']);
    expect(r.code).toBe(0);
    const line = (acct: string) => r.stdout.split('\n').find((s) => s.trim().endsWith(` ${acct}`)) ?? '';
    const want = totals(moves, from, to);
    expect(0 - fenOf(line('income'))).toBe(want.income);
    expect(fenOf(line('expenses'))).toBe(want.expense);
  });
});

describe.skipIf(!PEERS.ledger)('ledger', () => {
  it('--pedantic accepts the journal (declared accounts, commodity and tags; balance assertions hold)', () => {
    const r = peer('ledger', ['-f', journal, '--pedantic', 'bal']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it.each(DATES)('bal assets:cash -e %s is the fund before that day', (date) => {
    const r = peer('ledger', ['-f', journal, '--pedantic', '-e', date, '-E', '--flat', 'bal', '^assets:cash']);
    expect(r.code).toBe(0);
    expect(fenOf(r.stdout)).toBe(balanceBefore(moves, date));
  });

  it.each(HALVES)('income and expenses of $label equal the inputs', ({ from, to, end }) => {
    const r = peer('ledger', ['-f', journal, '--pedantic', '-b', from, '-e', end, '--depth', '1', '-E', 'bal', '^income', '^expenses']);
    expect(r.code).toBe(0);
    const line = (acct: string) => r.stdout.split('\n').find((s) => s.trim().endsWith(` ${acct}`)) ?? '';
    const want = totals(moves, from, to);
    expect(0 - fenOf(line('income'))).toBe(want.income);
    expect(fenOf(line('expenses'))).toBe(want.expense);
  });
});

describe.skipIf(!PEERS.beancount)('beancount', () => {
  it('bean-check accepts the file, including its half-yearly balance assertions', () => {
    const r = peer('bean-check', [beancount]);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.code).toBe(0);
    const assertions = fs.readFileSync(beancount, 'utf8').match(/^\d{4}-\d\d-\d\d balance Assets:Cash .*$/gm)!;
    expect(assertions).toEqual([
      `2022-07-01 balance Assets:Cash ${(balanceBefore(moves, '2022-07-01') / 100).toFixed(2)} CNY`,
      `2023-01-01 balance Assets:Cash ${(balanceBefore(moves, '2023-01-01') / 100).toFixed(2)} CNY`,
      `2023-07-01 balance Assets:Cash ${(balanceBefore(moves, '2023-07-01') / 100).toFixed(2)} CNY`,
    ]);
  });

  it('bean-query gives the same income and expenses for every half-year and the same fund', () => {
    const r = peer('bean-query', ['-f', 'csv', beancount, 'SELECT year, month, root(account, 1) AS acc, sum(number) AS n GROUP BY year, month, acc']);
    expect(r.code).toBe(0);
    const rows = r.stdout
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').map((c) => c.trim()));
    const sum = (acc: string, from: string, to: string) =>
      rows
        .filter(([y, m, a]) => a === acc && `${y}-${m!.padStart(2, '0')}-01` >= from && `${y}-${m!.padStart(2, '0')}-01` <= to)
        .reduce((s, [, , , n]) => s + fenOf(`${n} CNY`), 0);
    for (const h of HALVES) {
      const want = totals(moves, h.from, h.to);
      expect(0 - sum('Income', h.from, h.to), h.label).toBe(want.income);
      expect(sum('Expenses', h.from, h.to), h.label).toBe(want.expense);
    }
    expect(sum('Assets', '2000-01-01', '2999-12-31')).toBe(balanceBefore(moves, '2999-01-01'));
  });
});

describe("the ledger's own figures", () => {
  it('verify passes on the compound and its fund equals the inputs', () => {
    const v = l.json(['verify']);
    expect(v.ok).toBe(true);
    expect(v.balance_fen).toBe(balanceBefore(moves, '2999-01-01'));
  });

  it.each(HALVES)('report --half $label has the same opening, income, expenses and closing as the inputs and the peers', ({ label, from, to, end }) => {
    const r = l.json(['report', '--half', label]);
    const want = totals(moves, from, to);
    expect(r.period).toMatchObject({ from, to });
    expect(r.opening_balance_fen).toBe(balanceBefore(moves, from));
    expect(r.income_total_fen).toBe(want.income);
    expect(r.expense_total_fen).toBe(want.expense);
    expect(r.closing_balance_fen).toBe(balanceBefore(moves, end));
  });
});

/**
 * Whatever text a treasurer types (names, items, notes, reasons, category names with quotes,
 * semicolons, colons, pipes, brackets, line breaks, emoji), the export stays valid for all
 * three tools and their totals stay the ledger's. Built in process on an in-memory ledger;
 * checked by the real programs.
 */
describe.skipIf(!PEERS.hledger || !PEERS.ledger || !PEERS.beancount)('any text survives the export', () => {
  const nasty = fc.constantFrom('"', "'", ';', ':', ',', '|', '(', ')', '[', ']', '{', '}', '@', '*', '!', '#', '%', '=', '\\', '^', '~', '&', ' ', '  ', '\t', '\n', '\r\n', '；', '¥', '💰', '𠀀', 'A', 'z', '0', '1', '保洁', ':tag:', 'key: value', '-');
  const free = fc.array(nasty, { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
  const name = free.map((s) => s.replace(/[\u0000-\u001f]/g, ' ').trim() || '名').map((s) => s.slice(0, 60));

  it('hledger check --strict, ledger --pedantic and bean-check accept it, with the same totals', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-export-fuzz-'));
    try {
      await fc.assert(
        fc.asyncProperty(name, fc.option(name, { nil: null }), name, name, free, free, name, async (category, english, payee, item, note, reason, payer) => {
          const ctx = await memoryLedger();
          const chair = as(ctx, '张主任');
          await registerHouseholds(chair, [{ code: '1-1-101', owner: payer, areaCenti: 8000, phone: null, since: null }]);
          await billYear(chair, 2022);
          await addCategory(chair, { name: `${category}支`, line: 'expense', nameEn: english === null ? null : `fuzz ${english}` });
          await addCategory(chair, { name: `${category}收`, line: 'income', nameEn: null });
          await collectFee(as(ctx, '李会计'), { code: '1-1-101', amountFen: 70000, date: '2022-03-01', method: 'cash', note });
          const income = await recordIncome(as(ctx, '李会计'), { amountFen: 12345, category: `${category}收`, payer, date: '2022-04-01', method: null, note });
          await spend(as(ctx, '王出纳'), { amountFen: 30001, category: `${category}支`, payee, item, approvedBy: '张主任', voucher: note.slice(0, 20) || null, vote: null, date: '2022-07-02' });
          await voidRecord(as(ctx, '李会计'), income.receipt, reason, '2022-08-01');
          const fund = 70000 + 12345 - 30001 - 12345;
          for (const [format, renderer] of [['hledger', hledgerRenderer()], ['beancount', beancountRenderer()]] as const) {
            const chunks: string[] = [];
            await exportJournal(ctx.ledger, renderer, (c) => void chunks.push(c), { today: '2023-07-15', lang: 'zh', format });
            fs.writeFileSync(path.join(dir, `x.${format}`), chunks.join(''));
          }
          const journal = path.join(dir, 'x.hledger');
          const h = peer('hledger', ['-f', journal, 'check', '--strict']);
          expect(h.stderr, fs.readFileSync(journal, 'utf8')).toBe('');
          expect(fenOf(peer('hledger', ['-f', journal, 'bal', 'assets:cash', '-N']).stdout)).toBe(fund);
          const lg = peer('ledger', ['-f', journal, '--pedantic', 'bal', '^expenses']);
          expect(lg.stderr, fs.readFileSync(journal, 'utf8')).toBe('');
          expect(fenOf(lg.stdout)).toBe(30001);
          const b = peer('bean-check', [path.join(dir, 'x.beancount')]);
          expect(b.stdout + b.stderr, fs.readFileSync(path.join(dir, 'x.beancount'), 'utf8')).toBe('');
        }),
        { numRuns: Number(process.env.EXPORT_FUZZ_RUNS ?? 6) },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
