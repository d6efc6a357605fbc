import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, TempLedger, expectRefused, onPostgres } from '../helpers/run-ledger.js';

const ledgers: TempLedger[] = [];
const standard = () => {
  const l = TempLedger.standard();
  ledgers.push(l);
  return l;
};
afterEach(() => {
  while (ledgers.length) ledgers.pop()!.cleanup();
});

/** A ledger with two households billed for 2022 and 2023. */
function billed(): TempLedger {
  const l = standard();
  l.ok(['--by', '张主任', 'household', 'add', '1-1-101', '--owner', '王五', '--area', '86.5']);
  l.ok(['--by', '张主任', 'household', 'add', '1-1-102', '--owner', '赵六', '--area', '90', '--since', '2022-09-01']);
  l.ok(['--by', '张主任', 'bill', '2022']);
  l.ok(['--by', '张主任', 'bill', '2023']);
  return l;
}

describe('init and roles', () => {
  it('refuses an existing file (on PostgreSQL: an existing compound of that name)', () => {
    const l = standard();
    const r = l.run(['init', '--name', onPostgres ? '测试小区' : 'x', '--chair', 'y']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(onPostgres ? /^error: the database already holds a compound "测试小区"; init never overwrites a ledger/ : /^error: .*already exists/);
  });

  it('says how to create a ledger when there is none', () => {
    const l = new TempLedger();
    ledgers.push(l);
    const r = l.run(['household', 'list']);
    expect(r.code).toBe(2);
    if (onPostgres) {
      expect(r.stderr).toMatch(/^error: there is no ledger in postgres:\/\/.* yet. Create one with: ledger init --name/);
      return;
    }
    expect(r.stderr).toMatch(/^error: no ledger at .*ledger init --name/);
    expect(fs.existsSync(l.db)).toBe(false);
  });

  it('registers a household with its area to the hundredth of a square metre', () => {
    const l = standard();
    expect(l.json(['--by', '张主任', 'household', 'add', '1-1-101', '--owner', '王五', '--area', '86.5'])).toEqual({
      code: '1-1-101', owner: '王五', owner_id: null, area_m2: 86.5, phone: null, since: null,
    });
    expect(l.ok(['household', 'list'])).toMatch(/│ 1-1-101 │ 王五\s+│\s+86\.50 │/);
  });

  it.skipIf(onPostgres)('creates the ledger readable by its owner only', () => {
    const l = standard();
    expect(fs.statSync(l.db).mode & 0o777).toBe(0o600);
  });

  it('never lets the collector also be the reimburser (收支两条线)', () => {
    const l = standard();
    const before = l.snapshot();
    const r = l.run(['--by', '张主任', 'role', 'add', '李会计', 'reimburser']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/different people/);
    expect(l.snapshot()).toBe(before);
  });

  it('lets only the chair appoint', () => {
    const l = standard();
    const r = l.run(['--by', '李会计', 'role', 'add', '某人', 'supervisor']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/李会计 is not the chair/);
  });

  it('answers in Chinese with --lang zh', () => {
    const l = standard();
    const r = l.run(['--lang', 'zh', '--by', '李会计', 'role', 'add', '某人', 'supervisor']);
    expect(r.stderr).toBe('error: 李会计 不是物管会主任，不能任命\n');
  });

  it('says usage errors in Chinese too', () => {
    const l = standard();
    expect(l.run(['--lang', 'zh', 'bill', '2022', '--colour', 'red']).stderr).toBe('error: 未知选项 --colour\n');
    expect(l.run(['--lang', 'zh', 'collect']).stderr).toBe('error: 缺少参数 <code>\n');
    expect(l.run(['--lang', 'zh', 'bill', '2022', '2023']).stderr).toBe('error: bill 的参数过多\n');
  });
});

describe('households', () => {
  it.each([
    ['households.csv', 120],
    ['households-zh-gbk.csv', 120],
    ['households-bom.csv', 10],
  ])('imports %s', (file, count) => {
    const l = standard();
    const out = l.json(['--by', '张主任', 'household', 'import', path.join(FIXTURES, file)]);
    expect(out.imported).toBe(count);
    const list = l.json<{ code: string; owner: string; area_m2: number }[]>(['household', 'list']);
    expect(list).toHaveLength(count);
    expect(list[0]!.code).toBe('1-1-101');
    expect(out.area_m2).toBe(Math.round(list.reduce((s, h) => s + h.area_m2 * 100, 0)) / 100);
    expect(list[0]!.owner).toMatch(/^[\u4e00-\u9fa5]{2,4}/);
  });

  it('reads the GBK file exactly as the UTF-8 one', () => {
    const a = standard();
    const b = standard();
    a.ok(['--by', '张主任', 'household', 'import', path.join(FIXTURES, 'households.csv')]);
    b.ok(['--by', '张主任', 'household', 'import', path.join(FIXTURES, 'households-zh-gbk.csv')]);
    expect(b.ok(['household', 'list', '--json'])).toBe(a.ok(['household', 'list', '--json']));
  });

  it('lists every bad row with its line and imports nothing', () => {
    const l = standard();
    const before = l.snapshot();
    const file = path.join(FIXTURES, 'households-bad.csv');
    const r = l.run(['--by', '张主任', 'household', 'import', file]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^error: .*4 bad row/);
    expect(lines.slice(1).map((s) => s.slice(0, file.length + 3))).toEqual([3, 5, 6, 8].map((n) => `${file}:${n}:`));
    expect(r.stderr).toMatch(/households-bad.csv:5: area "abc"/);
    expect(r.stderr).toMatch(/households-bad.csv:8: household 1-1-101 repeats line 2/);
    expect(l.snapshot()).toBe(before);
  });
});

describe('bill and collect', () => {
  it('bill is idempotent and bills a newcomer from the day they moved in', () => {
    const l = billed();
    const again = l.json(['--by', '张主任', 'bill', '2022']);
    expect(again.billed).toEqual([]);
    l.ok(['--by', '张主任', 'household', 'add', '1-1-103', '--owner', '钱七', '--area', '70']);
    const third = l.json(['--by', '张主任', 'bill', '2022']);
    expect(third.billed).toEqual([{ household: '1-1-103', date: '2022-01-01', amount_fen: 50000 }]);
    const show = l.json(['household', 'show', '1-1-102']);
    expect(show.charges).toEqual([
      { year: 2022, date: '2022-09-01', amount_fen: 50000, waived_fen: 0 },
      { year: 2023, date: '2023-01-01', amount_fen: 50000, waived_fen: 0 },
    ]);
  });

  it('pays the oldest year first, keeps the excess as prepayment, and numbers receipts without gaps', () => {
    const l = billed();
    const a = l.json(['--by', '李会计', 'collect', '1-1-101', '600', '--date', '2022-08-01']);
    expect(a).toEqual({ receipt: 'R2022-0001', household: '1-1-101', date: '2022-08-01', amount_fen: 60000, allocations: [{ year: 2022, amount_fen: 50000 }, { year: 2023, amount_fen: 10000 }], credit_fen: 0, seq: a.seq, code: a.code });
    // The receipt's anchor: its entry, and the first 16 hex digits of its hash, as verify sees them.
    expect(a.code).toMatch(/^[0-9a-f]{16}$/);
    expect(l.run(['verify', '--expect', `${a.seq}:${a.code}`]).code).toBe(0);
    expect(l.ok(['receipt', 'R2022-0001'])).toContain(`记录号 ${a.seq} · 校验码 ${a.code}`);
    const b = l.json(['--by', '李会计', 'collect', '1-1-101', '¥500元', '--date', '2022-09-01']);
    expect(b.allocations).toEqual([{ year: 2023, amount_fen: 40000 }]);
    expect(b.credit_fen).toBe(10000);
    expect(b.receipt).toBe('R2022-0002');
    const c = l.json(['--by', '李会计', 'collect', '1-1-102', '--date', '2023-02-01']);
    expect(c.receipt).toBe('R2023-0001');
    expect(c.amount_fen).toBe(100000);
  });

  it('prints the receipt with the amount in Chinese capitals', () => {
    const l = billed();
    const out = l.ok(['--lang', 'zh', '--by', '李会计', 'collect', '1-1-101', '500', '--date', '2022-08-01', '--method', 'wechat']);
    expect(out).toContain('编号：R2022-0001');
    expect(out).toContain('大写：人民币伍佰元整');
    expect(out).toContain('房号：1-1-101    业主：王五');
    expect(out).toContain('方式：微信');
  });

  it('refuses to collect nothing-owed without an amount', () => {
    const l = billed();
    l.ok(['--by', '李会计', 'collect', '1-1-101', '--date', '2023-01-02']);
    const r = l.run(['--by', '李会计', 'collect', '1-1-101', '--date', '2023-01-03']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/owes nothing/);
  });
});

describe('bad input writes nothing', () => {
  const cases: [string, string[], number, RegExp][] = [
    ['amount abc', ['--by', '李会计', 'collect', '1-1-101', 'abc'], 2, /amount "abc" is not a valid amount/],
    ['negative amount', ['--by', '李会计', 'collect', '1-1-101', '--', '-5'], 2, /amount "-5"/],
    ['zero', ['--by', '李会计', 'collect', '1-1-101', '0'], 2, /amount "0"/],
    ['three decimals', ['--by', '李会计', 'collect', '1-1-101', '500.001'], 2, /amount "500.001"/],
    ['exponent', ['--by', '李会计', 'collect', '1-1-101', '1e3'], 2, /amount "1e3"/],
    ['impossible date', ['--by', '李会计', 'collect', '1-1-101', '500', '--date', '2022-02-30'], 2, /date "2022-02-30" is not a real date/],
    ['future date', ['--by', '李会计', 'collect', '1-1-101', '500', '--date', '2023-07-16'], 2, /in the future/],
    ['unknown household', ['--by', '李会计', 'collect', '9-9-999', '500'], 2, /no household 9-9-999/],
    ['unknown flag', ['--by', '李会计', 'collect', '1-1-101', '500', '--colour', 'red'], 2, /unknown option '--colour'/],
    ['unknown method', ['--by', '李会计', 'collect', '1-1-101', '500', '--method', 'cheque'], 2, /method "cheque"/],
    ['no operator', ['collect', '1-1-101', '500'], 2, /--by NAME/],
    ['operator without the role', ['--by', '王出纳', 'collect', '1-1-101', '500'], 1, /王出纳 is not the collector/],
    ['unknown person', ['--by', '路人', 'collect', '1-1-101', '500'], 1, /路人 is not the collector/],
    ['bad household csv', ['--by', '张主任', 'household', 'import', path.join(FIXTURES, 'households-bad.csv')], 2, /bad row/],
    ['bad collections csv', ['--by', '李会计', 'import', 'collections', path.join(FIXTURES, 'collections-bad.csv')], 2, /bad row/],
    ['missing file', ['--by', '李会计', 'import', 'collections', 'nope.csv'], 2, /cannot read nope.csv/],
    ['bad year', ['--by', '张主任', 'bill', '22'], 2, /year "22"/],
    ['unknown command', ['frobnicate'], 2, /unknown command/],
    ['a group without its command', ['household'], 2, /^error: ledger household needs one of: add, import, transfer, correct, end, list, show/],
    ['a group with an unknown command', ['household', 'remove', '1-1-101'], 2, /^error: unknown command 'household remove'/],
    ['void of nothing', ['--by', '李会计', 'void', 'R2022-0099', '--reason', 'x', '--approved-by', '张主任'], 2, /no receipt or expense numbered R2022-0099/],
  ];

  it.each(cases)('%s', (_name, args, code, message) => {
    expectRefused(billed(), args, code as 1 | 2, message);
  });

  it('lists every bad collection row', () => {
    const l = standard();
    l.ok(['--by', '张主任', 'household', 'import', path.join(FIXTURES, 'households.csv')]);
    const r = l.run(['--by', '李会计', 'import', 'collections', path.join(FIXTURES, 'collections-bad.csv')]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n').slice(1);
    expect(lines.map((s) => Number(/\.csv:(\d+):/.exec(s)![1]))).toEqual([2, 4, 5, 7]);
  });
});

describe('arrears, voids and the household statement', () => {
  it('shows arrears exactly as they stood: later payments and voids do not leak in', () => {
    const l = billed();
    l.ok(['--by', '李会计', 'collect', '1-1-101', '500', '--date', '2022-08-01']);
    l.ok(['--by', '李会计', 'collect', '1-1-102', '250', '--date', '2022-10-01']);
    l.ok(['--by', '李会计', 'void', 'R2022-0001', '--reason', '收错户', '--approved-by', '张主任', '--date', '2022-12-15']);
    const mid = l.json(['arrears', '--as-of', '2022-11-30']);
    expect(mid).toEqual({ as_of: '2022-11-30', total_fen: 25000, households: [{ code: '1-1-102', owner: '赵六', owed_fen: 25000, years: [{ year: 2022, owed_fen: 25000 }] }] });
    const end = l.json(['arrears', '--as-of', '2022-12-31']);
    expect(end.total_fen).toBe(75000);
    expect(end.households.map((h: { code: string }) => h.code)).toEqual(['1-1-101', '1-1-102']);
    const now = l.json(['arrears']);
    expect(now.total_fen).toBe(175000);
    const before = l.json(['arrears', '--as-of', '2022-08-31']);
    expect(before.total_fen).toBe(0); // 1-1-102 moved in on 2022-09-01; 1-1-101 had paid
  });

  it('a void keeps the receipt, marked 作废, and reverses it', () => {
    const l = billed();
    l.ok(['--by', '李会计', 'collect', '1-1-101', '500', '--date', '2022-08-01']);
    const r = l.run(['--by', '王出纳', 'void', 'R2022-0001', '--reason', 'x', '--approved-by', '张主任']);
    expect(r.code).toBe(1);
    l.ok(['--by', '李会计', 'void', 'R2022-0001', '--reason', '收错户', '--approved-by', '张主任']);
    expect(l.run(['--by', '李会计', 'void', 'R2022-0001', '--reason', 'again', '--approved-by', '张主任']).code).toBe(1);
    const receipt = l.ok(['--lang', 'zh', 'receipt', 'R2022-0001']);
    expect(receipt).toMatch(/收据（作废）/);
    expect(receipt).toMatch(/作废：2023-07-15，原因：收错户/);
    const show = l.json(['household', 'show', '1-1-101']);
    expect(show.receipts).toEqual([{ receipt: 'R2022-0001', date: '2022-08-01', amount_fen: 50000, method: 'cash', void: true, voided_on: '2023-07-15' }]);
    expect(show.owed_fen).toBe(100000);
    expect(l.run(['receipt', 'R2022-0001', '--format', 'html']).stdout).toMatch(/<span class="tag">（作废）<\/span>/);
  });

  it('refuses a void that would leave the fund below zero on a later day', () => {
    const l = billed();
    l.ok(['--by', '李会计', 'collect', '1-1-101', '500', '--date', '2022-08-01']);
    l.ok(['--by', '王出纳', 'spend', '400', '--category', '保洁', '--payee', '保洁员', '--item', '8月保洁', '--approved-by', '张主任', '--date', '2022-09-01']);
    const before = l.snapshot();
    const r = l.run(['--by', '李会计', 'void', 'R2022-0001', '--reason', '收错户', '--approved-by', '张主任', '--date', '2022-08-15']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: voiding R2022-0001 would take the fund below zero on 2022-09-01 (it holds 100.00 then)\n');
    expect(l.snapshot()).toBe(before);
  });

  it('imports the demo collections and agrees with the fixture totals', () => {
    const l = new TempLedger('2023-07-01T09:00:00+08:00');
    ledgers.push(l);
    l.ok(['init', '--name', '工行小区', '--chair', '张主任']);
    l.ok(['--by', '张主任', 'role', 'add', '李会计', 'collector']);
    l.ok(['--by', '张主任', 'household', 'import', path.join(FIXTURES, 'households.csv')]);
    l.ok(['--by', '张主任', 'bill', '2022']);
    const imported = l.json(['--by', '李会计', 'import', 'collections', path.join(FIXTURES, 'collections-2022.csv')]);
    expect(imported).toHaveLength(104);
    expect(imported.reduce((s: number, c: { amount_fen: number }) => s + c.amount_fen, 0)).toBe(5275000);
    expect(imported.at(-1).receipt).toBe('R2022-0104');
    const arrears = l.json(['arrears', '--as-of', '2022-12-31']);
    // 118 billed for 2022 (two move in during 2023); 101 + 2 paid in full, one paid half.
    expect(arrears.households).toHaveLength(118 - 103);
    expect(arrears.total_fen).toBe((118 - 104) * 50000 + 25000);
  });
});
