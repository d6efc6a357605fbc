import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, TempLedger, expectRefused } from '../helpers/run-ledger.js';

/**
 * The expense line (支出) end to end, on one ledger built once:
 *   2022-06-01  income 10,000 (停车费)                           R2022-0001   fund 10,000
 *   2022-07-01  spend 800 保洁, approved by the chair            E2022-0001   fund  9,200
 *   V2022-01 外墙雨水管更换, budget 8,000: ballots-2022.csv, closed 2022-09-05, passes
 *   V2022-02 a vote that fails (only the 10 ballots of ballots-en.csv), closed 2022-09-05
 *   V2022-03 still open
 *   2022-09-20  spend 7,600 维修 under V2022-01                   E2022-0002   fund  1,600
 * Every refusal is run against it and must leave it exactly as it was.
 */
let l: TempLedger;

const chair = ['--by', '张主任'];
const reimburser = ['--by', '王出纳'];
const collector = ['--by', '李会计'];
const spend = (amount: string, ...extra: string[]) => [
  ...reimburser, 'spend', amount, '--category', '维修', '--payee', '某建筑公司', '--item', '修补', '--approved-by', '赵监督', ...extra,
];

beforeAll(() => {
  l = TempLedger.standard();
  l.ok([...chair, 'household', 'import', path.join(FIXTURES, 'households.csv')]);
  l.ok([...collector, 'income', '10000', '--category', '停车费', '--from', '停车场承包人', '--date', '2022-06-01']);
  l.ok([...reimburser, 'spend', '800', '--category', '保洁', '--payee', '刘阿姨', '--item', '6月保洁工资', '--approved-by', '张主任', '--date', '2022-07-01']);
  l.ok([...chair, 'vote', 'open', '--title', '外墙雨水管更换', '--budget', '8000', '--closes', '2022-09-05', '--date', '2022-08-20']);
  l.ok([...chair, 'vote', 'open', '--title', '增设充电桩', '--budget', '5000', '--closes', '2022-09-05', '--date', '2022-08-20']);
  l.ok([...chair, 'vote', 'open', '--title', '更换单元门', '--date', '2022-08-25']);
  l.ok([...chair, 'vote', 'import', 'V2022-01', path.join(FIXTURES, 'ballots-2022.csv'), '--date', '2022-09-01']);
  l.ok([...chair, 'vote', 'import', 'V2022-02', path.join(FIXTURES, 'ballots-en.csv'), '--date', '2022-09-01']);
  l.ok([...chair, 'vote', 'close', 'V2022-01', '--date', '2022-09-05']);
  l.ok([...chair, 'vote', 'close', 'V2022-02', '--date', '2022-09-05']);
  l.ok(spend('7600', '--vote', 'V2022-01', '--date', '2022-09-20', '--voucher', '记-2'));
});
afterAll(() => l.cleanup());

describe('refusals write nothing', () => {
  const cases: [string, string[], number, RegExp][] = [
    ['by anyone but a reimburser', [...collector, ...spend('100').slice(2)], 1, /李会计 is not the reimburser/],
    ['by the chair', [...chair, ...spend('100').slice(2)], 1, /张主任 is not the reimburser/],
    ['without an operator', spend('100').slice(2), 2, /--by NAME/],
    ['approved by someone who is neither chair nor supervisor', [...reimburser, 'spend', '100', '--category', '维修', '--payee', 'x', '--item', 'y', '--approved-by', '李会计'], 1, /approver 李会计 is neither the chair nor a supervisor/],
    ['approved by a stranger', [...reimburser, 'spend', '100', '--category', '维修', '--payee', 'x', '--item', 'y', '--approved-by', '路人'], 1, /approver 路人 is neither/],
    ['approved by the reimburser', [...reimburser, 'spend', '100', '--category', '维修', '--payee', 'x', '--item', 'y', '--approved-by', '王出纳'], 1, /王出纳 cannot approve their own record/],
    ['without an approver', [...reimburser, 'spend', '100', '--category', '维修', '--payee', 'x', '--item', 'y'], 2, /--approved-by/],
    ['taking the fund below zero (says the balance)', spend('1700', '--date', '2022-09-21'), 1, /fund holds 1,600\.00 on 2022-09-21; paying out 1,700\.00 would take it below zero/],
    ['taking a later day below zero (backdated)', spend('1700', '--date', '2022-08-01'), 1, /fund holds 1,600\.00 on 2022-09-20; paying out 1,700\.00 on 2022-08-01 would take it below zero/],
    ['before any money came in', spend('1', '--date', '2022-05-31'), 1, /fund holds 0\.00 on 2022-05-31/],
    ['at the major threshold without a vote', spend('2000', '--date', '2022-09-21'), 1, /2,000\.00 is a major expense \(from 2,000\.00\): it needs a passed owners' vote/],
    ['above the major threshold without a vote', spend('5000'), 1, /major expense/],
    ['against an unknown vote', spend('100', '--vote', 'V2022-09'), 2, /no vote V2022-09/],
    ['against an open vote', spend('100', '--vote', 'V2022-03'), 1, /vote V2022-03 is still open/],
    ['against a failed vote', spend('100', '--vote', 'V2022-02'), 1, /vote V2022-02 \(增设充电桩\) did not pass/],
    ['beyond the budget (says what remains)', spend('500', '--vote', 'V2022-01'), 1, /500\.00 exceeds the budget of vote V2022-01: budget 8,000\.00, spent 7,600\.00, 400\.00 left/],
    ['dated before the vote closed', spend('100', '--vote', 'V2022-01', '--date', '2022-09-04'), 1, /dated before vote V2022-01 closed \(2022-09-05\)/],
    ['an unknown category (lists the known ones)', [...reimburser, 'spend', '100', '--category', '电梯', '--payee', 'x', '--item', 'y', '--approved-by', '张主任'], 2, /no expense category "电梯"; known: 保洁 cleaning, 门卫 gate, 绿化 greening, 维修 repairs, 公共水电 utilities, 垃圾清运 waste, 办公 office, 保险 insurance, 人员工资 wages, 其他 other/],
    ['an income category on the expense line', [...reimburser, 'spend', '100', '--category', '停车费', '--payee', 'x', '--item', 'y', '--approved-by', '张主任'], 2, /no expense category "停车费"/],
    ['a malformed amount', spend('12.345'), 2, /amount "12\.345"/],
    ['a future date', spend('100', '--date', '2023-07-16'), 2, /in the future/],
    ['other income by the reimburser', [...reimburser, 'income', '100', '--category', '废品'], 1, /王出纳 is not the collector/],
    ['other income in an unknown category', [...collector, 'income', '100', '--category', '罚款'], 2, /no income category "罚款"; known: 停车费 parking, 广告 advertising, 场地租金 rent, 充电桩 ev-charging, 废品 recycling, 利息 interest, 其他 other/],
    ['a category added by the collector', [...collector, 'category', 'add', '电梯维保', '--line', 'expense'], 1, /李会计 is not the chair/],
    ['a category that exists', [...chair, 'category', 'add', '保洁', '--line', 'expense'], 1, /category "保洁" already exists/],
    ['a category whose English name exists', [...chair, 'category', 'add', '清洁', '--line', 'expense', '--en', 'Cleaning'], 1, /category "Cleaning" already exists \(保洁 cleaning\)/],
    ['a category on no line', [...chair, 'category', 'add', '电梯维保', '--line', 'both'], 2, /line "both"/],
  ];

  it.each(cases)('refuses %s', (_name, args, code, message) => {
    expectRefused(l, args, code as 1 | 2, message);
  });

  it('says the balance in Chinese too', () => {
    const r = l.run(['--lang', 'zh', ...spend('1700', '--date', '2022-09-21')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: 结余不足：2022-09-21 的结余为 1,600.00 元，支出 1,700.00 元后将为负数\n');
  });
});

describe('recording expenses and other income', () => {
  it('numbers vouchers E<YEAR>-<NNNN> by the year of the expense, and spend --json has the contract fields', () => {
    const a = l.json(spend('600', '--date', '2022-10-08', '--voucher', '记-3'));
    expect(a).toMatchObject({ number: 'E2022-0003', date: '2022-10-08', amount_fen: 60000, category: '维修', vote: null });
    expect(a).toMatchObject({ payee: '某建筑公司', item: '修补', approved_by: '赵监督', by: '王出纳', voucher: '记-3', balance_fen: 100000 });
    const b = l.json(spend('100', '--date', '2023-01-10'));
    expect(b.number).toBe('E2023-0001');
    // Entered late, dated in 2022: the next 2022 number, whatever was recorded since.
    const c = l.json(spend('100', '--date', '2022-12-30'));
    expect(c.number).toBe('E2022-0004');
  });

  it('accepts the English name of a category and stores the Chinese one', () => {
    const e = l.json([...reimburser, 'spend', '50', '--category', 'Utilities', '--payee', '供电公司', '--item', '路灯电费', '--approved-by', '张主任', '--date', '2023-01-11']);
    expect(e.category).toBe('公共水电');
    expect(e.number).toBe('E2023-0002');
  });

  it('gives other income a receipt from the same sequence as fee collections', () => {
    l.ok([...chair, 'bill', '2023']);
    const fee = l.json([...collector, 'collect', '1-1-101', '500', '--date', '2023-02-01']);
    expect(fee.receipt).toBe('R2023-0001');
    const inc = l.json([...collector, 'income', '120.50', '--category', 'recycling', '--from', '废品站', '--date', '2023-02-02']);
    expect(inc).toEqual({ receipt: 'R2023-0002', date: '2023-02-02', amount_fen: 12050, category: '废品', category_en: 'recycling', from: '废品站' });
    const printed = l.ok(['--lang', 'zh', 'receipt', 'R2023-0002']);
    expect(printed).toContain('交款人：废品站');
    expect(printed).toContain('项目：废品');
    expect(printed).toContain('大写：人民币壹佰贰拾元伍角整');
    const zh = l.ok(['--lang', 'zh', ...collector, 'income', '300', '--category', '广告', '--date', '2023-02-03']);
    expect(zh).toContain('编号：R2023-0003');
  });

  it('lets the chair add a category, usable by either name, and lists it', () => {
    const added = l.json([...chair, 'category', 'add', '电梯维保', '--line', 'expense', '--en', 'lift']);
    expect(added).toEqual({ line: 'expense', name: '电梯维保', name_en: 'lift' });
    const e = l.json([...reimburser, 'spend', '80', '--category', 'lift', '--payee', '电梯公司', '--item', '年检', '--approved-by', '赵监督', '--date', '2023-02-05']);
    expect(e.category).toBe('电梯维保');
    const list = l.json<{ line: string; name: string }[]>(['category', 'list', '--line', 'expense']);
    expect(list.map((c) => c.name)).toEqual(['保洁', '门卫', '绿化', '维修', '公共水电', '垃圾清运', '办公', '保险', '人员工资', '其他', '电梯维保']);
  });

  it('voids an expense by reversal, and the voided amount no longer counts against its vote', () => {
    const before = l.json(['vote', 'show', 'V2022-01']);
    expect(before).toMatchObject({ budget_fen: 800000, spent_fen: 760000, budget_left_fen: 40000 });
    const v = l.json([...reimburser, 'void', 'E2022-0002', '--reason', '金额写错', '--approved-by', '张主任', '--date', '2023-03-01']);
    expect(v).toMatchObject({ number: 'E2022-0002', kind: 'expense', amount_fen: 760000 });
    const after = l.json(['vote', 'show', 'V2022-01']);
    expect(after).toMatchObject({ spent_fen: 0, budget_left_fen: 800000 });
    // The budget is free again: the corrected voucher goes in.
    const again = l.json(spend('7650', '--vote', 'V2022-01', '--date', '2023-03-01'));
    expect(again).toMatchObject({ number: 'E2023-0004', vote: 'V2022-01', budget_left_fen: 35000 });
    expect(l.json(['vote', 'list']).find((x: { id: string }) => x.id === 'V2022-01')).toMatchObject({ spent_fen: 765000, passed: true });
  });
});
