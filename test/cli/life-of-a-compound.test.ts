/**
 * The life of a small compound over two years (2023 and 2024), end to end through the built
 * `ledger` binary, with the clock moving forward as the story goes (roles are checked on the
 * day a record is entered).
 *
 * Every figure is checked against a small model kept in this file: charges, waivers and fee
 * money (collections, refunds) per household, with what a household owes computed "oldest year
 * first", and a period's fee money split by the year it pays as the charges stand at the
 * period's end (docs/cli.md, "Fees over time"; src/domain/allocation.ts `splitFeeMoney`).
 *
 * The households:
 *   1-101 王一  pays every year in full.
 *   1-102 钱二  pays in parts, always behind.
 *   1-103 孙三  pays 2023, prepays 2024 and 200 more in December 2023 (before `bill 2024`), and
 *               has 150 of the prepayment refunded in 2024.
 *   1-104 周四  低保户: both years waived in full (`fee waive`).
 *   1-105 吴五  vacant unit: half fee both years (`import waivers`).
 *   2-101 郑六  moves in 2023-05-20 (--since), pays nothing; sold to 冯七 in March 2024 (the
 *               arrears stay with the unit), who pays 800.
 *   2-102 陈八  pays 2023, pays 200 of 2024 and moves out on 2024-06-30 (`household end`): not
 *               billed for 2025, still owes the rest of 2024.
 *   2-103 卫九  moves in 2024-04-10, billed with `setting prorate on`: 600 × 9/12 = 450.
 * The committee: chair 张主任, collector 李会计 until 2024-04-01 (`role end`), then 孙会计
 * (`role add`); reimburser 王出纳; supervisor 赵监督 approves expenses, waivers and the refund.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TempLedger } from '../helpers/run-ledger.js';

// ---------------------------------------------------------------------------------------------
// The model

type Day = string; // YYYY-MM-DD

interface Charge { code: string; year: number; date: Day; fen: number }
interface Waiver { code: string; year: number; date: Day; fen: number }
/** Fee money: a collection (positive) or a refund (negative). */
interface Money { code: string; date: Day; fen: number; refund: boolean }
interface Expense { date: Day; fen: number }

const model = {
  households: new Map<string, { owner: string; since: Day | null; ended: Day | null }>(),
  charges: [] as Charge[],
  waivers: [] as Waiver[],
  money: [] as Money[],
  expenses: [] as Expense[],
};

const yuan = (y: number): number => Math.round(y * 100);
const dayBefore = (d: Day): Day => {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
};

/** A household's charges net of waivers, by year, as they stood at the end of `asOf`. */
function chargesOn(code: string, asOf: Day): { year: number; fen: number }[] {
  const by = new Map<number, number>();
  for (const c of model.charges) if (c.code === code && c.date <= asOf) by.set(c.year, (by.get(c.year) ?? 0) + c.fen);
  for (const w of model.waivers) if (w.code === code && w.date <= asOf && by.has(w.year)) by.set(w.year, by.get(w.year)! - w.fen);
  return [...by].map(([year, fen]) => ({ year, fen })).sort((a, b) => a.year - b.year);
}

/** Fee money a household paid (net of refunds) by the end of `asOf`. */
const paidBy = (code: string, asOf: Day): number =>
  model.money.filter((m) => m.code === code && m.date <= asOf).reduce((s, m) => s + m.fen, 0);

/** What a household owes by year on `asOf` (oldest year paid first), and its prepayment. */
function position(code: string, asOf: Day): { owed_fen: number; years: { year: number; owed_fen: number }[]; credit_fen: number } {
  let left = paidBy(code, asOf);
  const years: { year: number; owed_fen: number }[] = [];
  for (const c of chargesOn(code, asOf)) {
    const take = Math.max(0, Math.min(left, c.fen));
    left -= take;
    if (c.fen > take) years.push({ year: c.year, owed_fen: c.fen - take });
  }
  return { owed_fen: years.reduce((s, y) => s + y.owed_fen, 0), years, credit_fen: Math.max(0, left) };
}

/** `arrears --as-of D` by the model: every household owing anything, in code order. */
function arrearsOn(asOf: Day): { total_fen: number; households: { code: string; owed_fen: number; years: { year: number; owed_fen: number }[] }[] } {
  const households = [...model.households.keys()]
    .sort()
    .map((code) => ({ code, ...position(code, asOf) }))
    .filter((h) => h.owed_fen > 0)
    .map(({ code, owed_fen, years }) => ({ code, owed_fen, years }));
  return { total_fen: households.reduce((s, h) => s + h.owed_fen, 0), households };
}

/** How the first `paid` fen a household ever paid stands against `charges`, oldest year first. */
function coverage(charges: { year: number; fen: number }[], paid: number, feeYear: number) {
  let left = paid;
  const out = { current: 0, arrears: 0, prepaid: 0 };
  for (const c of charges) {
    const take = Math.max(0, Math.min(left, c.fen));
    left -= take;
    if (c.year === feeYear) out.current += take;
    else if (c.year < feeYear) out.arrears += take;
    else out.prepaid += take;
  }
  out.prepaid += left;
  return out;
}

/** The disclosure of [from, to] by the model. */
function reportOf(from: Day, to: Day) {
  const feeYear = Number(to.slice(0, 4));
  const inPeriod = (d: Day) => d >= from && d <= to;
  const cashBefore =
    model.money.filter((m) => m.date < from).reduce((s, m) => s + m.fen, 0) -
    model.expenses.filter((e) => e.date < from).reduce((s, e) => s + e.fen, 0);
  const fees = { current: 0, arrears: 0, prepaid: 0, total: 0, refunds: 0 };
  for (const code of model.households.keys()) {
    const within = model.money.filter((m) => m.code === code && inPeriod(m.date));
    if (within.length === 0) continue;
    const before = paidBy(code, dayBefore(from));
    const net = within.reduce((s, m) => s + m.fen, 0);
    const charges = chargesOn(code, to);
    const end = coverage(charges, before + net, feeYear);
    const start = coverage(charges, before, feeYear);
    fees.current += end.current - start.current;
    fees.arrears += end.arrears - start.arrears;
    fees.prepaid += end.prepaid - start.prepaid;
    fees.total += net;
    fees.refunds += within.filter((m) => m.refund).reduce((s, m) => s - m.fen, 0);
  }
  const expense = model.expenses.filter((e) => inPeriod(e.date)).reduce((s, e) => s + e.fen, 0);
  const waivers = model.waivers.filter((w) => inPeriod(w.date));
  return {
    opening_balance_fen: cashBefore,
    income_total_fen: fees.total,
    expense_total_fen: expense,
    closing_balance_fen: cashBefore + fees.total - expense,
    income: {
      fees_current_fen: fees.current,
      fees_arrears_fen: fees.arrears,
      fees_prepaid_fen: fees.prepaid,
      other_fen: 0,
      refunds_fen: fees.refunds,
    },
    waivers: { households: new Set(waivers.map((w) => w.code)).size, total_fen: waivers.reduce((s, w) => s + w.fen, 0) },
  };
}

// ---------------------------------------------------------------------------------------------
// The story, driven through the CLI and mirrored in the model

const l = new TempLedger('2023-01-02T10:00:00+08:00');
afterAll(() => l.cleanup());

/** Moves the clock to 10:00 on `day` (Asia/Shanghai). */
const at = (day: Day) => {
  l.now = `${day}T10:00:00+08:00`;
};
const chair = (...a: string[]) => l.ok(['--by', '张主任', ...a]);
const chairJson = (...a: string[]) => l.json(['--by', '张主任', ...a]);

function addHousehold(code: string, owner: string, since: Day | null = null) {
  model.households.set(code, { owner, since, ended: null });
  const out = chairJson('household', 'add', code, '--owner', owner, '--area', '90', ...(since ? ['--since', since] : []));
  expect(out).toMatchObject({ code, owner, since });
}

/** `bill YEAR` at the clock; the model posts the same charges (fee × months ÷ 12 when prorated). */
function bill(year: number, feeYuan: number, prorate: boolean) {
  const today = l.now.slice(0, 10);
  const expected: { household: string; date: Day; amount_fen: number }[] = [];
  for (const [code, h] of [...model.households].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (model.charges.some((c) => c.code === code && c.year === year)) continue;
    if (h.since && Number(h.since.slice(0, 4)) > year) continue;
    if (h.ended && Number(h.ended.slice(0, 4)) < year) continue;
    const first = h.since && Number(h.since.slice(0, 4)) === year ? Number(h.since.slice(5, 7)) : 1;
    const last = h.ended && Number(h.ended.slice(0, 4)) === year ? Number(h.ended.slice(5, 7)) : 12;
    const months = last - first + 1;
    const fen = prorate && months < 12 ? Math.round((yuan(feeYuan) * months) / 12) : yuan(feeYuan);
    const date = h.since && h.since > `${year}-01-01` ? h.since : `${year}-01-01`;
    expected.push({ household: code, date, amount_fen: fen });
  }
  expect(today >= `${year}-01-01` || today >= `${year - 1}-12-01`).toBe(true);
  const out = chairJson('bill', String(year));
  expect(out.billed).toEqual(expected);
  for (const b of expected) model.charges.push({ code: b.household, year, date: b.date, fen: b.amount_fen });
  return out;
}

/** `collect CODE AMOUNT --date D` by `by`, entered on D. */
function collect(by: string, code: string, amountYuan: number, date: Day) {
  at(date);
  const out = l.json(['--by', by, 'collect', code, String(amountYuan), '--date', date]);
  model.money.push({ code, date, fen: yuan(amountYuan), refund: false });
  expect(out.household).toBe(code);
  expect(out.amount_fen).toBe(yuan(amountYuan));
  expect(out.credit_fen).toBe(position(code, date).credit_fen);
  return out;
}

function spend(amountYuan: number, category: string, item: string, date: Day) {
  at(date);
  const out = l.json(['--by', '王出纳', 'spend', String(amountYuan), '--category', category, '--payee', '某公司', '--item', item, '--approved-by', '赵监督', '--date', date]);
  model.expenses.push({ date, fen: yuan(amountYuan) });
  expect(out.amount_fen).toBe(yuan(amountYuan));
  return out;
}

/** The contract's fields of a disclosure, to compare with the model. */
function reportFigures(r: any) {
  return {
    opening_balance_fen: r.opening_balance_fen,
    income_total_fen: r.income_total_fen,
    expense_total_fen: r.expense_total_fen,
    closing_balance_fen: r.closing_balance_fen,
    income: {
      fees_current_fen: r.income.fees_current_fen,
      fees_arrears_fen: r.income.fees_arrears_fen,
      fees_prepaid_fen: r.income.fees_prepaid_fen,
      other_fen: r.income.other_fen,
      refunds_fen: r.income.refunds_fen,
    },
    waivers: r.waivers,
  };
}

function checkArrears(asOf: Day) {
  const got = l.json(['arrears', '--as-of', asOf]);
  const want = arrearsOn(asOf);
  expect(got.as_of).toBe(asOf);
  expect({
    total_fen: got.total_fen,
    households: got.households.map((h: any) => ({ code: h.code, owed_fen: h.owed_fen, years: h.years })),
  }).toEqual(want);
  return got;
}

/** `household show CODE --as-of D` says what `arrears --as-of D` says it owes (and the model too). */
function checkShows(asOf: Day, arrears: any) {
  for (const code of [...model.households.keys()].sort()) {
    const show = l.json(['household', 'show', code, '--as-of', asOf]);
    const inArrears = arrears.households.find((h: any) => h.code === code);
    expect(show.owed_fen, `${code} on ${asOf}`).toBe(inArrears?.owed_fen ?? 0);
    const p = position(code, asOf);
    expect({ owed_fen: show.owed_fen, owed: show.owed, credit_fen: show.credit_fen }, `${code} on ${asOf}`).toEqual({
      owed_fen: p.owed_fen,
      owed: p.years,
      credit_fen: p.credit_fen,
    });
  }
}

const reports: Record<string, any> = {};

describe('the life of a compound, 2023–2024', () => {
  it('2023-01: the committee is formed, households registered, 2023 billed at the init fee', () => {
    chair('init', '--name', '幸福小区', '--chair', '张主任');
    chair('role', 'add', '李会计', 'collector');
    chair('role', 'add', '王出纳', 'reimburser');
    chair('role', 'add', '赵监督', 'supervisor');
    addHousehold('1-101', '王一');
    addHousehold('1-102', '钱二');
    addHousehold('1-103', '孙三');
    addHousehold('1-104', '周四');
    addHousehold('1-105', '吴五');
    addHousehold('2-102', '陈八');
    at('2023-01-05');
    const out = bill(2023, 500, false);
    expect(out.billed).toHaveLength(6);
  });

  it('2023H1: collections, a full waiver (低保户), vacant units at half fee, a newcomer', () => {
    collect('李会计', '1-101', 500, '2023-02-10');
    const b = collect('李会计', '1-102', 200, '2023-03-05'); // partial
    expect(b.allocations).toEqual([{ year: 2023, amount_fen: 20000 }]);

    at('2023-03-01');
    const w = chairJson('fee', 'waive', '1-104', '2023', '--reason', '低保户', '--approved-by', '赵监督', '--date', '2023-03-01');
    expect(w).toMatchObject({ household: '1-104', year: 2023, amount_fen: 50000 });
    expect(w.waiver).toMatch(/^W2023-\d{4}$/);
    model.waivers.push({ code: '1-104', year: 2023, date: '2023-03-01', fen: 50000 });

    at('2023-04-01');
    const csv = path.join(l.dir, 'waivers-2023.csv');
    fs.writeFileSync(csv, 'code,year,amount,reason\n1-105,2023,250,空置房减半\n');
    chair('import', 'waivers', csv, '--approved-by', '赵监督', '--date', '2023-04-01');
    model.waivers.push({ code: '1-105', year: 2023, date: '2023-04-01', fen: 25000 });
    expect(l.json(['household', 'show', '1-105']).charges).toEqual([{ year: 2023, date: '2023-01-01', amount_fen: 25000, waived_fen: 25000 }]);

    at('2023-05-20');
    addHousehold('2-101', '郑六', '2023-05-20');
    bill(2023, 500, false); // only the newcomer, from the day it moved in, a whole year (prorate off)

    collect('李会计', '2-102', 500, '2023-06-10');
  });

  it('2023H2: an approved expense, more collections, 2024 fee and prorating set, a prepayment before bill 2024', () => {
    spend(300, '保洁', '7月保洁', '2023-08-01');
    collect('李会计', '1-105', 250, '2023-09-15');
    collect('李会计', '1-102', 200, '2023-10-20');

    at('2023-11-20');
    chair('fee', 'set', '2024', '600');
    chair('setting', 'prorate', 'on');

    // 孙三 pays 2023 and prepays 2024 (and 200 more) before 2024 is billed.
    const c = collect('李会计', '1-103', 1300, '2023-12-05');
    expect(c.allocations).toEqual([{ year: 2023, amount_fen: 50000 }]);
    expect(c.credit_fen).toBe(80000);

    at('2023-12-20');
    const out = bill(2024, 600, true); // everyone on the register the whole year: 600 each
    expect(out.billed).toHaveLength(7);
    expect(l.json(['household', 'show', '1-103']).credit_fen).toBe(20000);
  });

  it('2024-01: the 2023 disclosures, signed by the first collector', () => {
    at('2024-01-05');
    reports['2023H2'] = l.json(['report', '--half', '2023H2']);
    reports['2023'] = l.json(['report', '--year', '2023']);
    expect(reports['2023H2'].period).toEqual({ from: '2023-07-01', to: '2023-12-31', label: '2023H2' });
    expect(reportFigures(reports['2023H2'])).toEqual(reportOf('2023-07-01', '2023-12-31'));
    expect(reportFigures(reports['2023'])).toEqual(reportOf('2023-01-01', '2023-12-31'));
    // The model, by hand: H2 collects 250 + 200 + 1,300; 孙三's 800 is for years not billed by 12-31.
    expect(reportOf('2023-07-01', '2023-12-31')).toMatchObject({
      opening_balance_fen: 120000, income_total_fen: 175000, expense_total_fen: 30000, closing_balance_fen: 265000,
      income: { fees_current_fen: 95000, fees_arrears_fen: 0, fees_prepaid_fen: 80000, refunds_fen: 0 },
      waivers: { households: 0, total_fen: 0 },
    });
    expect(reportOf('2023-01-01', '2023-12-31')).toMatchObject({
      opening_balance_fen: 0, income_total_fen: 295000, closing_balance_fen: 265000,
      income: { fees_current_fen: 215000, fees_prepaid_fen: 80000 }, waivers: { households: 2, total_fen: 75000 },
    });
    expect(reports['2023H2'].signatures).toMatchObject({ collector: ['李会计'], reimburser: ['王出纳'], supervisor: ['赵监督'], chair: ['张主任'] });
    expect(reports['2023'].signatures.collector).toEqual(['李会计']);
  });

  it('2024H1: waivers, a refund, a sale, a new collector, a prorated newcomer, a move-out', () => {
    at('2024-01-15');
    chairJson('fee', 'waive', '1-104', '2024', '--reason', '低保户', '--approved-by', '赵监督', '--date', '2024-01-15');
    model.waivers.push({ code: '1-104', year: 2024, date: '2024-01-15', fen: 60000 });

    at('2024-02-01');
    const csv = path.join(l.dir, 'waivers-2024.csv');
    fs.writeFileSync(csv, 'code,year,amount,reason\n1-105,2024,300,空置房减半\n');
    chair('import', 'waivers', csv, '--approved-by', '赵监督', '--date', '2024-02-01');
    model.waivers.push({ code: '1-105', year: 2024, date: '2024-02-01', fen: 30000 });

    at('2024-02-10');
    const refund = l.json(['--by', '李会计', 'refund', '1-103', '150', '--reason', '多交退回', '--approved-by', '赵监督', '--date', '2024-02-10']);
    model.money.push({ code: '1-103', date: '2024-02-10', fen: -15000, refund: true });
    expect(refund).toMatchObject({ household: '1-103', date: '2024-02-10', amount_fen: 15000, credit_fen: 5000 });
    expect(refund.credit_fen).toBe(position('1-103', '2024-02-10').credit_fen);

    collect('李会计', '2-102', 200, '2024-03-01');
    collect('李会计', '1-101', 600, '2024-03-10');

    // 过户: 2-101 owes 2023 and 2024; the debt stays with the unit.
    at('2024-03-15');
    const t = chairJson('household', 'transfer', '2-101', '--to', '冯七', '--date', '2024-03-15');
    const p = position('2-101', '2024-03-15');
    expect(p.owed_fen).toBe(110000);
    expect(t).toEqual({ household: '2-101', from_owner: '郑六', to_owner: '冯七', date: '2024-03-15', owed_fen: p.owed_fen, credit_fen: p.credit_fen });
    model.households.get('2-101')!.owner = '冯七';

    // 换届: 李会计 hands over to 孙会计.
    at('2024-04-01');
    chair('role', 'end', '李会计', 'collector', '--date', '2024-04-01', '--reason', '换届');
    chair('role', 'add', '孙会计', 'collector');
    const late = l.run(['--by', '李会计', 'collect', '1-102', '100', '--date', '2024-04-01']);
    expect(late.code).toBe(1); // no longer the collector
    const roles = l.json(['role', 'list', '--as-of', '2024-04-01']);
    expect(roles.filter((r: any) => r.role === 'collector').map((r: any) => r.name)).toEqual(['孙会计']);

    // A newcomer from 2024-04-10, billed with prorating on: 600 × 9/12.
    at('2024-04-12');
    addHousehold('2-103', '卫九', '2024-04-10');
    const out = bill(2024, 600, true);
    expect(out.billed).toEqual([{ household: '2-103', date: '2024-04-10', amount_fen: 45000 }]);

    const f = collect('孙会计', '2-101', 800, '2024-04-20'); // the new owner clears 2023 and part of 2024
    expect(f.allocations).toEqual([{ year: 2023, amount_fen: 50000 }, { year: 2024, amount_fen: 30000 }]);
    collect('孙会计', '2-103', 450, '2024-05-10');
    const b = collect('孙会计', '1-102', 300, '2024-05-15');
    expect(b.allocations).toEqual([{ year: 2023, amount_fen: 10000 }, { year: 2024, amount_fen: 20000 }]);
    spend(800, '维修', '单元门维修', '2024-05-20');

    // 迁出 on the last day of the half: what it owes stays owed.
    at('2024-06-30');
    const end = chairJson('household', 'end', '2-102', '--date', '2024-06-30', '--reason', '迁出');
    model.households.get('2-102')!.ended = '2024-06-30';
    expect(end).toMatchObject({ household: '2-102', ended: '2024-06-30', owed_fen: position('2-102', '2024-06-30').owed_fen, credit_fen: 0 });
    expect(end.owed_fen).toBe(40000);
    expect(l.json(['household', 'show', '2-102']).ended).toBe('2024-06-30');
  });

  it('2024-07: the 2024H1 disclosure, signed by the new collector', () => {
    at('2024-07-03');
    reports['2024H1'] = l.json(['report', '--half', '2024H1']);
    expect(reports['2024H1'].period).toEqual({ from: '2024-01-01', to: '2024-06-30', label: '2024H1' });
    expect(reportFigures(reports['2024H1'])).toEqual(reportOf('2024-01-01', '2024-06-30'));
    // By hand: 200 + 600 + 800 + 450 + 300 collected, 150 refunded; 600 of it pays 2023.
    expect(reportOf('2024-01-01', '2024-06-30')).toMatchObject({
      opening_balance_fen: 265000, income_total_fen: 220000, expense_total_fen: 80000, closing_balance_fen: 405000,
      income: { fees_current_fen: 175000, fees_arrears_fen: 60000, fees_prepaid_fen: -15000, refunds_fen: 15000 },
      waivers: { households: 2, total_fen: 90000 },
    });
    expect(reports['2024H1'].signatures).toMatchObject({ collector: ['孙会计'], reimburser: ['王出纳'], supervisor: ['赵监督'], chair: ['张主任'] });
  });

  it('2024H2 to January 2025: the vacant unit pays, 2025 is billed without the unit that moved out', () => {
    collect('孙会计', '1-105', 300, '2024-09-01');
    at('2025-01-10');
    const out = bill(2025, 500, true); // 2025 at the init fee; 2-102 ended in 2024
    expect(out.billed.map((b: any) => b.household)).not.toContain('2-102');
    expect(out.billed).toHaveLength(7);
    expect(position('2-102', '2025-01-10').owed_fen).toBe(40000);
  });

  it('the disclosures stand as they were, and 2024 closes', () => {
    reports['2024'] = l.json(['report', '--year', '2024']);
    expect(reportFigures(reports['2024'])).toEqual(reportOf('2024-01-01', '2024-12-31'));
    expect(reportOf('2024-01-01', '2024-12-31')).toMatchObject({
      opening_balance_fen: 265000, income_total_fen: 250000, expense_total_fen: 80000, closing_balance_fen: 435000,
      income: { fees_current_fen: 205000, fees_arrears_fen: 60000, fees_prepaid_fen: -15000, refunds_fen: 15000 },
      waivers: { households: 2, total_fen: 90000 },
    });
    expect(reports['2024'].signatures.collector).toEqual(['孙会计']);
    const h2 = l.json(['report', '--half', '2024H2']);
    expect(reportFigures(h2)).toEqual(reportOf('2024-07-01', '2024-12-31'));
    // Bills, collections and role changes after a period's end do not move its figures.
    for (const [key, args] of [
      ['2023H2', ['--half', '2023H2']],
      ['2023', ['--year', '2023']],
      ['2024H1', ['--half', '2024H1']],
    ] as const) {
      const again = l.json(['report', ...args]);
      expect(reportFigures(again), key).toEqual(reportFigures(reports[key]));
      expect(again.signatures, key).toEqual(reports[key].signatures);
    }
  });

  it.each([
    ['2023-06-30', 155000],
    ['2023-12-31', 60000],
    ['2024-01-01', 420000],
    ['2024-03-15', 250000],
    ['2024-06-30', 140000],
    ['2024-12-31', 110000],
    ['2025-01-10', 455000],
  ])('arrears --as-of %s and household show agree with the model', (asOf, total) => {
    expect(arrearsOn(asOf).total_fen).toBe(total);
    const arrears = checkArrears(asOf);
    checkShows(asOf, arrears);
  });

  it('arrears stay with the sold unit, under its new owner', () => {
    const a = l.json(['arrears', '--as-of', '2024-06-30']);
    expect(a.households.find((h: any) => h.code === '2-101')).toMatchObject({ owner: '冯七', owed_fen: 30000, years: [{ year: 2024, owed_fen: 30000 }] });
    const show = l.json(['household', 'show', '2-101']);
    expect(show.owners.map((o: any) => o.name)).toEqual(['郑六', '冯七']);
  });

  it('verify is ok', () => {
    const v = l.json(['verify']);
    expect(v.ok).toBe(true);
    expect(v.problems).toEqual([]);
  });
});
