import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TempLedger } from '../helpers/run-ledger.js';

const ledgers: TempLedger[] = [];
afterEach(() => {
  while (ledgers.length) ledgers.pop()!.cleanup();
});

let built: TempLedger;
beforeAll(() => {
  built = build();
}, 120_000);
afterAll(() => built?.cleanup());

/** A fresh copy of the compound below, at the clock `now`. */
function compound(now = '2023-07-15T10:00:00+08:00'): TempLedger {
  const l = new TempLedger(now);
  ledgers.push(l);
  fs.copyFileSync(built.db, l.db);
  return l;
}

/**
 * Three households at 500; the committee formed in 2022. Built once with the real commands:
 * 2022H2 has fee receipts (one prepaying 2023), parking income, expenses (one under a vote,
 * one entered twice and voided), a vote closed in the period; 1-201 never pays.
 */
function build(): TempLedger {
  const l = TempLedger.standard();
  const chair = (...a: string[]) => l.ok(['--by', '张主任', ...a]);
  const collector = (...a: string[]) => l.ok(['--by', '李会计', ...a]);
  const reimburser = (...a: string[]) => l.ok(['--by', '王出纳', ...a]);
  chair('household', 'add', '1-101', '--owner', '欧阳明', '--area', '90', '--phone', '13800000001');
  chair('household', 'add', '1-102', '--owner', '司马光', '--area', '90');
  chair('household', 'add', '1-201', '--owner', '诸葛亮', '--area', '90');
  chair('bill', '2022');
  collector('collect', '1-101', '500', '--date', '2022-07-01'); // R2022-0001, the first day of the half
  collector('collect', '1-102', '1000', '--date', '2022-08-01'); // R2022-0002: 500 for 2022, 500 prepaid
  collector('income', '2000', '--category', '停车费', '--from', '临时停车', '--date', '2022-09-01'); // R2022-0003
  chair('vote', 'open', '--title', '更换路灯', '--budget', '2500', '--closes', '2022-09-10', '--date', '2022-09-01');
  for (const code of ['1-101', '1-102', '1-201']) chair('vote', 'cast', 'V2022-01', code, '同意', '--date', '2022-09-05');
  chair('vote', 'close', 'V2022-01', '--date', '2022-09-10');
  reimburser('spend', '2400', '--category', '维修', '--payee', '灯具店', '--item', '路灯', '--approved-by', '张主任', '--vote', 'V2022-01', '--date', '2022-09-20');
  reimburser('spend', '100', '--category', '保洁', '--payee', '保洁员', '--item', '清扫', '--approved-by', '赵监督', '--date', '2022-12-31'); // the last day
  reimburser('spend', '100', '--category', '保洁', '--payee', '保洁员', '--item', '清扫', '--approved-by', '赵监督', '--date', '2022-12-31');
  reimburser('void', 'E2022-0003', '--reason', '重复录入', '--approved-by', '张主任', '--date', '2022-12-31');
  return l;
}

describe('ledger report', () => {
  it('gives the contract JSON for a half-year, both ends inclusive', () => {
    const l = compound();
    const r = l.json(['report', '--half', '2022H2']);
    expect(r).toMatchObject({
      period: { from: '2022-07-01', to: '2022-12-31', label: '2022H2' },
      opening_balance_fen: 0,
      income_total_fen: 350000,
      expense_total_fen: 250000, // 2,400 + 100; the double 100 is voided in the period
      closing_balance_fen: 100000,
      income: { fees_current_fen: 100000, fees_arrears_fen: 0, fees_prepaid_fen: 50000, other_fen: 200000 },
      arrears: { households: 1, total_fen: 50000 },
    });
    expect(r.expenses).toEqual([
      { number: 'E2022-0001', date: '2022-09-20', category: '维修', item: '路灯', payee: '灯具店', amount_fen: 240000, vote: 'V2022-01', by: '王出纳', approved_by: '张主任', void: false, category_en: 'repairs', voided_on: null, voucher: null },
      expect.objectContaining({ number: 'E2022-0002', date: '2022-12-31', amount_fen: 10000, vote: null, void: false }),
      expect.objectContaining({ number: 'E2022-0003', void: true, voided_on: '2022-12-31' }),
    ]);
    expect(r.votes).toEqual([
      expect.objectContaining({ id: 'V2022-01', title: '更换路灯', rule: 'general', passed: true, budget_fen: 250000, spent_fen: 240000 }),
    ]);
    for (const v of r.votes) expect(Object.keys(v)).toEqual(expect.arrayContaining(['id', 'title', 'rule', 'passed', 'budget_fen', 'spent_fen']));
    expect(r.closing_balance_fen).toBe(r.opening_balance_fen + r.income_total_fen - r.expense_total_fen);
  });

  it('--year, --from/--to and the default period', () => {
    const l = compound();
    expect(l.json(['report', '--year', '2022']).period).toEqual({ from: '2022-01-01', to: '2022-12-31', label: '2022' });
    const custom = l.json(['report', '--from', '2022-07-01', '--to', '2022-07-01']);
    expect(custom.income.fees_current_fen).toBe(50000); // the receipt dated on the first day
    expect(l.json(['report', '--from', '2022-12-31', '--to', '2022-12-31']).expense_total_fen).toBe(10000); // and on the last
    // Today is 2023-07-15: the last completed half-year is 2023H1, bare or absent.
    expect(l.json(['report']).period.label).toBe('2023H1');
    expect(l.json(['report', '--half']).period.label).toBe('2023H1');
    const early = new TempLedger('2023-03-01T09:00:00+08:00');
    ledgers.push(early);
    fs.copyFileSync(l.db, early.db);
    expect(early.json(['report', '--half']).period.label).toBe('2022H2');
  });

  it('a period still running is reported as of today, and says so', () => {
    const l = compound();
    const r = l.json(['report', '--half', '2023H2']);
    expect(r).toMatchObject({ running: true, as_of: '2023-07-15', period: { to: '2023-12-31' } });
    expect(l.ok(['--lang', 'zh', 'report', '--half', '2023H2'])).toContain('本期尚未结束，数字截至今日（2023年7月15日）');
  });

  it('writes any format to --out, atomically, replacing an older file', () => {
    const l = compound();
    const out = path.join(l.dir, 'report.md');
    fs.writeFileSync(out, 'old');
    const said = l.ok(['report', '--half', '2022H2', '--format', 'md', '--out', out]);
    expect(said).toMatch(/^wrote .*report\.md \(md, 2022H2/);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/^# 测试小区: property fee accounts/);
    expect(fs.readdirSync(l.dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    const html = path.join(l.dir, 'r.html');
    l.ok(['--lang', 'zh', 'report', '--half', '2022H2', '--format', 'html', '--out', html]);
    expect(fs.readFileSync(html, 'utf8')).toContain('<title>测试小区物业管理费收支公示（2022年7月—12月）</title>');
  });

  const bad: [string, string[], RegExp][] = [
    ['malformed half', ['report', '--half', '2022H3'], /half-year "2022H3" is not valid/],
    ['malformed year', ['report', '--year', '22'], /year "22"/],
    ['impossible date', ['report', '--from', '2022-02-30', '--to', '2022-03-01'], /from date "2022-02-30" is not a real date/],
    ['from after to', ['report', '--from', '2022-12-01', '--to', '2022-11-01'], /starts \(2022-12-01\) after it ends/],
    ['from without to', ['report', '--from', '2022-12-01'], /--from and --to go together/],
    ['two periods', ['report', '--half', '2022H2', '--year', '2022'], /only one of --half, --year/],
    ['a period after today', ['report', '--half', '2024H1'], /starts after today/],
    ['unknown format', ['report', '--format', 'pdf'], /format "pdf" is not one of: table, csv, json, md, html/],
    ['out into no folder', ['report', '--out', '/nonexistent/dir/r.csv', '--format', 'csv'], /cannot write \/nonexistent\/dir\/r\.csv/],
    ['notice of no vote', ['notice', 'vote', 'V2030-01'], /no vote V2030-01/],
    ['notice days', ['notice', 'arrears', '--days', '0'], /posting days "0"/],
    ['budget for a year not begun', ['budget', '2030'], /2029 has not begun/],
    ['budget year malformed', ['budget', 'next'], /year "next"/],
    ['budget reserve malformed', ['budget', '2023', '--reserve', '-5'], /reserve "-5"/],
  ];
  it.each(bad)('refuses %s (exit 2, nothing written)', (_name, args, message) => {
    const l = compound();
    const before = l.snapshot();
    const r = l.run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
    expect(l.snapshot()).toBe(before);
  });
});

describe('ledger notice, budget and status', () => {
  it('notice writes the HTML and says where; without --out it prints it', () => {
    const l = compound();
    const file = path.join(l.dir, '公示.html');
    const said = l.json(['notice', 'report', '--half', '2022H2', '--out', file]);
    expect(said).toMatchObject({ out: file, title: '测试小区物业管理费收支公示（2022年7月—12月）', posting: { from: '2023-07-15', to: '2023-07-29', days: 15 } });
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('公示期：2023年7月15日至2023年7月29日（共15天）');
    for (const role of ['收费记账人', '支出报账人', '监督人', '物管会主任']) expect(html).toContain(`${role}：`);
    expect(html).not.toMatch(/欧阳明|司马光|诸葛亮|13800000001/);
    expect(l.ok(['notice', 'vote', 'V2022-01', '--days', '7'])).toContain('测试小区一事一议表决结果公告（V2022-01 更换路灯）');
    expect(l.ok(['notice', 'arrears', '--as-of', '2022-12-31'])).toContain('1-201');
  });

  it('budget shows its working and keeps vote spending out of the base', () => {
    const l = compound();
    const b = l.json(['budget', '2023', '--reserve', '3000']);
    // 2022: recurring 100 (the voided double does not count), from December only (the
    // ledger began in 2022): 100 × 12 = 1,200 a year; parking 2,000; the fund holds 1,000, so
    // the 3,000 reserve needs 2,000 more; 3 households at 66.7% (1,000 of 1,500 billed).
    expect(b).toMatchObject({
      recurring: { total_fen: 10000, months: 1, annual_fen: 120000 },
      one_off: { total_fen: 240000, votes: [{ id: 'V2022-01', title: '更换路灯', amount_fen: 240000 }] },
      other_income: { total_fen: 200000 },
      balance_carried_fen: 100000,
      reserve_topup_fen: 200000,
      need_fen: 120000, // 1,200 + 2,000 − 2,000
      households: 3,
      collection_rate_permille: 667,
      payers_milli: 2001,
      exact_fee_fen: 59971, // 1,200 / 2.001 = 599.7001..., up to the fen
      fee_fen: 60000,
      expected_fen: 120060,
    });
    // The new working: the reserve as given, the year-end check, and the same need by area
    // (3 × 90 ㎡): 1,200 ÷ 66.7% = 1,799.11 to bill, ÷ 270 ㎡ ÷ 12 = 0.5553 -> 0.56 a month.
    expect(b).toMatchObject({
      figures_to: '2022-12-31',
      reserve: { source: 'given', months: null, target_fen: 300000, topup_fen: 200000, surplus_fen: 0 },
      year_end: { opening_fen: 100000, fees_fen: 120060, other_income_fen: 200000, recurring_fen: 120000, closing_fen: 300060, reserve_fen: 300000, margin_fen: 60, keeps_reserve: true },
      reserve_floor: { fee_fen: 60000, closing_fen: 300060 },
      per_area: { area_centi: 27000, area_m2: 270, bill_fen: 179911, rate_fen: 56, rate: '0.56', expected_fen: 121020 },
      basis_fee_fen: 50000,
      basis_fee_per: 'household',
      change_fen: 10000,
    });
    expect(b.working.map((w: { step: number }) => w.step)).toEqual([1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 7, 8, 8]);
    const text = l.ok(['--lang', 'zh', 'budget', '2023', '--reserve', '3000']);
    expect(text).toContain('4. 需由物业费承担 = 1 + 3 − 2 = 1,200.00 + 2,000.00 − 2,000.00 = 1,200.00 元');
    expect(text).toContain('6. 每户每年 = 1,200.00 ÷ 2.001 = 599.71 元，向上取整为 600.00 元');
    expect(text).toContain('一事一议专项支出（单列，不计入测算基数）：2,400.00 元');
    // Every working line of the JSON is in the text, in order.
    expect(text).toContain(b.working.map((w: { zh: string }) => w.zh).join('\n'));
    expect(text).toContain('3. 储备金目标 3,000.00 元（--reserve 指定）\n   上年结余 1,000.00 元，低于储备金，需补足 3,000.00 − 1,000.00 = 2,000.00 元');
    expect(text).toContain('7. 2023年末结余 = 上年结余 + 预计物业费 + 公共收益 − 经常性支出 = 1,000.00 + 1,200.60 + 2,000.00 − 1,200.00 = 3,000.60 元，不低于储备金 3,000.00 元');
    expect(text).toContain('8. 按面积计：应收 = 1,200.00 ÷ 收缴率 66.7% = 1,799.11 元；2023年在住面积 270.00 ㎡；1,799.11 ÷ 270.00 ÷ 12 = 每月每平方米 0.56 元（向上取整到分）');
    expect(text).toContain('建议 2023 年物业费：每户每年 600.00 元，或按面积每月每平方米 0.56 元（2022年为 500.00 元/户/年）');
    expect(text).toContain('比2022年上调 100.00 元。');
    const en = l.ok(['--lang', 'en', 'budget', '2023', '--reserve', '3000']);
    expect(en).toContain(b.working.map((w: { en: string }) => w.en).join('\n'));
    expect(en).toContain('proposed fee for 2023: 600.00 per household per year, or by area 0.56 per m² per month (2022: 500.00 per household per year)');
  });

  it('budget holds three months of recurring expense by default; --reserve 0 holds none', () => {
    const l = compound();
    // A year's costs are 1,200, so the reserve is 300; the fund holds 1,000, 700 above it,
    // which is kept: the fee covers the year's costs, here all paid by the 2,000 of parking.
    const b = l.json(['budget', '2023']);
    expect(b).toMatchObject({
      reserve_target_fen: 30000,
      reserve: { source: 'default', months: 3, target_fen: 30000, topup_fen: 0, surplus_fen: 70000 },
      reserve_topup_fen: 0,
      need_fen: 0,
      fee_fen: 0,
      year_end: { opening_fen: 100000, closing_fen: 180000, reserve_fen: 30000, keeps_reserve: true },
      reserve_floor: { need_fen: 0, fee_fen: 0 },
      per_area: { bill_fen: 0, rate_fen: 0 },
      change_fen: -50000,
    });
    const text = l.ok(['--lang', 'zh', 'budget', '2023']);
    expect(text).toContain('3. 储备金目标 = 3 个月的经常性支出 = 1,200.00 × 3 ÷ 12 = 300.00 元（默认；可用 --reserve 另定，--reserve 0 为不留储备金）');
    expect(text).toContain('   上年结余 1,000.00 元，已达到储备金，需补足 0.00 元；高出的 700.00 元留作结余，不用于降低物业费');
    const none = l.json(['budget', '2023', '--reserve', '0']);
    expect(none).toMatchObject({ reserve_target_fen: 0, reserve: { source: 'given', months: null, target_fen: 0, surplus_fen: 100000 }, year_end: { reserve_fen: 0, keeps_reserve: true } });
    expect(l.ok(['--lang', 'zh', 'budget', '2023', '--reserve', '0'])).toContain('3. 不留储备金（--reserve 0）');
    expect(l.json(['budget', '2023', '--reserve', '0.00'])).toMatchObject({ reserve_target_fen: 0 });
  });

  it('budget, as the issue had it: 995 in the fund and August wages refused — no cut, and the reserve kept', () => {
    const l = TempLedger.standard('2025-08-20T10:00:00+08:00');
    ledgers.push(l);
    const codes = Array.from({ length: 24 }, (_, i) => `1-${101 + i}`);
    const households = path.join(l.dir, 'households.csv');
    fs.writeFileSync(households, `code,owner,area,phone,since\n${codes.map((c, i) => `${c},业主${i + 1},90,,`).join('\n')}\n`);
    const paid = path.join(l.dir, 'collections.csv');
    fs.writeFileSync(paid, `date,code,amount,method\n${codes.slice(0, 21).map((c) => `2025-01-10,${c},400,cash`).join('\n')}\n`);
    l.ok(['--by', '张主任', 'household', 'import', households]);
    l.ok(['--by', '张主任', 'fee', 'set', '2025', '400']);
    l.ok(['--by', '张主任', 'bill', '2025']);
    l.ok(['--by', '李会计', 'import', 'collections', paid]);
    l.ok(['--by', '李会计', 'income', '435', '--category', '停车费', '--from', '临时停车', '--date', '2025-05-10']);
    for (let m = 1; m <= 7; m++) {
      l.ok(['--by', '王出纳', 'spend', '1120', '--category', '门卫', '--payee', '门卫', '--item', `${m}月工资`, '--approved-by', '张主任', '--date', `2025-0${m}-28`]);
    }
    const refused = l.run(['--lang', 'zh', '--by', '王出纳', 'spend', '1120', '--category', '门卫', '--payee', '门卫', '--item', '8月工资', '--approved-by', '张主任', '--date', '2025-08-20']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('结余不足');
    expect(l.json(['status'])).toMatchObject({ balance_fen: 99500 });

    // The old budget took January–July's 7,840 for a year's costs, held no reserve, and
    // proposed 7,405 ÷ 21 = 353 yuan: a cut from 400. Now the seven months are scaled to a
    // year (13,440), the fund is raised to three months of it (3,360), and the fee rises.
    const b = l.json(['budget', '2026']);
    expect(b).toMatchObject({
      basis_incomplete: true,
      as_of: '2025-08-20',
      figures_to: '2025-07-31',
      recurring: { total_fen: 784000, from_month: 1, months: 7, annual_fen: 1344000 },
      other_income: { total_fen: 43500 },
      households: 24,
      collection_rate_permille: 875,
      balance_carried_fen: 99500,
      reserve: { source: 'default', months: 3, target_fen: 336000, topup_fen: 236500, surplus_fen: 0 },
      need_fen: 1537000,
      payers_milli: 21000,
      exact_fee_fen: 73191,
      fee_fen: 73200,
      basis_fee_fen: 40000,
      change_fen: 33200,
      year_end: { opening_fen: 99500, fees_fen: 1537200, closing_fen: 336200, reserve_fen: 336000, keeps_reserve: true },
      per_area: { area_centi: 216000, bill_fen: 1756572, rate_fen: 68, rate: '0.68' },
    });
    expect(b.fee_fen).toBeGreaterThan(b.basis_fee_fen);
    // Without any reserve the year's costs alone still need more than 400.
    expect(l.json(['budget', '2026', '--reserve', '0'])).toMatchObject({ fee_fen: 62000, change_fen: 22000 });
    const text = l.ok(['--lang', 'zh', 'budget', '2026']);
    expect(text).toContain('注意：2025年尚未结束：收支数字截至 2025-07-31，结余和收缴率截至 2025-08-20。');
    expect(text).toContain('   2025年尚未结束，上述支出为截至 2025-07-31 的 7 个月（1月至7月），按全年折算：7,840.00 × 12 ÷ 7 = 13,440.00 元');
    expect(text).toContain('   2025-08-20 结余 995.00 元，低于储备金，需补足 3,360.00 − 995.00 = 2,365.00 元');
    expect(text).toContain('建议 2026 年物业费：每户每年 732.00 元，或按面积每月每平方米 0.68 元（2025年为 400.00 元/户/年）');
    expect(text).toContain('比2025年上调 332.00 元。');
  });

  it('status at a glance', () => {
    const l = compound();
    l.ok(['--by', '张主任', 'vote', 'open', '--title', '安装门禁', '--budget', '5000', '--date', '2023-07-01']);
    const s = l.json(['status']);
    expect(s).toMatchObject({
      today: '2023-07-15',
      balance_fen: 100000,
      collection: { year: 2023, billed: { households: 0, amount_fen: 0 }, collection_rate: '—' },
      open_votes: [{ id: 'V2023-01', title: '安装门禁', budget_fen: 500000, participated_owners: 0, eligible_owners: 3 }],
      arrears: { households: 1, total_fen: 50000, current_year_fen: 0, earlier_years_fen: 50000 },
      last_receipt: null,
    });
    expect(l.ok(['--lang', 'zh', 'status'])).toContain('进行中的表决：1 项');
    const open = l.ok(['notice', 'vote', 'V2023-01']);
    expect(open).toContain('<title>测试小区一事一议表决公告（V2023-01 安装门禁）</title>');
    expect(open).toContain('请各位业主在截止日前将签名的表决票');
    expect(open).not.toContain('表决结果：');
  });
});
