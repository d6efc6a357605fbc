import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billYear } from '../../src/app/billing.js';
import { collectFee } from '../../src/app/collections.js';
import type { AppContext } from '../../src/app/context.js';
import { voidRecord } from '../../src/app/corrections.js';
import { registerHouseholds } from '../../src/app/households.js';
import { castBallot, closeVote, openVote } from '../../src/app/votes.js';
import { fundBalance } from '../../src/db/balance-repo.js';
import { journalWriter } from '../../src/db/journal.js';
import { customPeriod, halfYear, wholeYear } from '../../src/domain/period.js';
import { disclosureReport, receiptRuns } from '../../src/reports/disclosure.js';
import { as, memoryLedger } from '../helpers/memory-ledger.js';

const Y = 100; // fen per yuan

/** Other income or an expense as the issue-3 commands record them (columns per the journal schema). */
function record(ctx: AppContext, e: { kind: 'income' | 'expense'; number: string; date: string; amount: number; category: string; party: string; item?: string; vote?: string }) {
  journalWriter(ctx.ledger).append({
    kind: e.kind,
    number: e.number,
    date: e.date,
    amount_fen: e.amount * Y,
    cash_fen: e.kind === 'income' ? e.amount * Y : -e.amount * Y,
    category: e.category,
    party: e.party,
    item: e.item ?? null,
    vote: e.vote ?? null,
    approved_by: e.kind === 'expense' ? '赵监督' : null,
    ref: e.kind === 'expense' ? `记-${e.number.slice(-2)}` : null,
    recorded_at: ctx.now.toISOString(),
    recorded_by: e.kind === 'expense' ? '王出纳' : '李会计',
  });
}

/**
 * Four households at 500 a year: 1-101, 1-102, 1-201 from the start, 1-202 moving in on
 * 2022-09-01. The figures below are worked out by hand in the comments of each test.
 */
async function smallLedger(): Promise<AppContext> {
  const ctx = await memoryLedger();
  const chair = as(ctx, '张主任');
  const collector = as(ctx, '李会计');
  const reimburser = as(ctx, '王出纳');
  await registerHouseholds(chair, [
    { code: '1-101', owner: '甲', areaCenti: 10000, phone: '13800000001', since: null },
    { code: '1-102', owner: '乙', areaCenti: 10000, phone: null, since: null },
    { code: '1-201', owner: '丙', areaCenti: 10000, phone: null, since: null },
    { code: '1-202', owner: '丁', areaCenti: 10000, phone: null, since: '2022-09-01' },
  ]);
  await billYear(chair, 2021);
  await billYear(chair, 2022);
  const collect = (code: string, amount: number, date: string) => collectFee(collector, { code, amountFen: amount * Y, date, method: 'cash' });
  await collect('1-101', 500, '2021-12-01'); //  R2021-0001: 2021
  await collect('1-101', 1000, '2022-03-10'); // R2022-0001: 2022 500 + credit 500
  await collect('1-102', 1000, '2022-08-01'); // R2022-0002: 2021 500 (arrears) + 2022 500
  await collect('1-201', 300, '2022-09-15'); //  R2022-0003: 2021 300 (arrears)
  await collect('1-202', 700, '2022-10-01'); //  R2022-0004: 2022 500 + credit 200
  await collect('1-102', 500, '2022-11-05'); //  R2022-0005: credit 500, voided next day
  await voidRecord(collector, 'R2022-0005', '收错户', '2022-11-06');
  record(ctx, { kind: 'income', number: 'R2022-0006', date: '2022-09-01', amount: 1200, category: '停车费', party: '外来车辆' });
  record(ctx, { kind: 'income', number: 'R2022-0007', date: '2022-10-10', amount: 300, category: '广告', party: '某广告公司' });
  await voidRecord(collector, 'R2022-0007', '重复入账', '2022-10-12');
  // The vote: 3 of 4 owners say yes; budget 2000.
  const vote = await openVote(chair, { title: '更换单元门', budgetFen: 2000 * Y, rule: 'general', closesOn: null, date: '2022-10-01' });
  for (const code of ['1-101', '1-102', '1-201']) await castBallot(chair, vote.id, { code, choice: 'yes' }, '2022-10-10');
  await closeVote(chair, vote.id, '2022-10-20');
  record(ctx, { kind: 'expense', number: 'E2022-0001', date: '2022-08-15', amount: 800, category: '保洁', party: '保洁员', item: '8月保洁' });
  record(ctx, { kind: 'expense', number: 'E2022-0002', date: '2022-12-01', amount: 1500, category: '维修', party: '某门业', item: '单元门', vote: vote.id });
  record(ctx, { kind: 'expense', number: 'E2022-0003', date: '2022-12-10', amount: 600, category: '门卫', party: '门卫', item: '12月门卫' });
  // An H1 receipt voided in H2: cash basis takes it off H2's income.
  await voidRecord(collector, 'R2022-0001', '退还业主', '2022-12-20');
  // 2023
  await billYear(chair, 2023);
  await collect('1-201', 1000, '2023-02-01'); // R2023-0001: 2021 200 + 2022 500 (arrears) + 2023 300
  await collect('1-101', 1000, '2023-03-01'); // R2023-0002: 2022 500 (arrears) + 2023 500
  await voidRecord(reimburser, 'E2022-0003', '重复报销', '2023-01-05');
  record(ctx, { kind: 'expense', number: 'E2023-0001', date: '2023-04-01', amount: 1000, category: '绿化', party: '花木店', item: '补种' });
  return ctx;
}

describe('disclosure figures', () => {
  it('2022H2: income split with arrears caught up, prepayments and voids (incl. a void of an H1 receipt)', async () => {
    const ctx = await smallLedger();
    const r = await disclosureReport(ctx.ledger, halfYear(2022, 2), ctx.now);
    // Opening: 500 (2021-12-01) + 1000 (2022-03-10).
    expect(r.opening_balance_fen).toBe(1500 * Y);
    expect(r.income).toEqual({
      fees_current_fen: 500 * Y, //   1-102 500 + 1-202 500 − the void of R2022-0001's 500 to 2022
      fees_arrears_fen: 800 * Y, //   1-102 500 + 1-201 300 toward 2021
      fees_prepaid_fen: -300 * Y, //  1-202 200 + 1-102 500 − its void 500 − R2022-0001's credit 500
      other_fen: 1200 * Y, //         parking 1200; advertising 300 voided in the period
      fees_total_fen: 1000 * Y,
      refunds_fen: 0,
    });
    expect(r.income_total_fen).toBe(2200 * Y);
    expect(r.expense_total_fen).toBe(2900 * Y); // 800 + 1500 + 600 (voided only in 2023)
    expect(r.closing_balance_fen).toBe(800 * Y);
    expect(r.closing_balance_fen).toBe(await fundBalance(ctx.ledger, '2022-12-31'));
    expect(r.expenses.map((e) => [e.number, e.void])).toEqual([['E2022-0001', false], ['E2022-0002', false], ['E2022-0003', false]]);
    expect(r.expenses[1]).toMatchObject({ vote: 'V2022-01', by: '王出纳', approved_by: '赵监督', payee: '某门业', item: '单元门', category: '维修' });
    expect(r.other_income.map((i) => [i.number, i.void])).toEqual([['R2022-0006', false], ['R2022-0007', true]]);
    expect(r.other_income_by_category).toEqual([
      { category: '停车费', category_en: 'parking', amount_fen: 1200 * Y, count: 1, receipts: { count: 1, first: 'R2022-0006', last: 'R2022-0006', runs: [['R2022-0006', 'R2022-0006']] } },
      { category: '广告', category_en: 'advertising', amount_fen: 0, count: 1, receipts: { count: 1, first: 'R2022-0007', last: 'R2022-0007', runs: [['R2022-0007', 'R2022-0007']] } },
    ]);
    expect(r.fee_receipts).toEqual({ count: 4, first: 'R2022-0002', last: 'R2022-0005', runs: [['R2022-0002', 'R2022-0005']] });
    expect(r.voids.map((v) => [v.number, v.line, v.amount_fen, v.earlier_period])).toEqual([
      ['R2022-0007', 'other_income', -300 * Y, false],
      ['R2022-0005', 'fees', -500 * Y, false],
      ['R2022-0001', 'fees', -1000 * Y, true],
    ]);
    // 基本情况 for 2022 as of 2022-12-31: 4 billed (1-202 from 2022-09-01); 1-102 and 1-202 paid 2022 in full.
    expect(r.basics).toEqual({
      fee_year: 2022,
      households: 4,
      fee_fen: 500 * Y,
      billed: { households: 4, amount_fen: 2000 * Y },
      paid: { households_full: 2, households_partial: 0, amount_fen: 1000 * Y },
      collection_rate_permille: 500,
      collection_rate: '50.0%',
    });
    // Arrears: 1-101 owes 2022 (its receipt was voided); 1-201 owes 200 of 2021 and all of 2022.
    expect(r.arrears).toEqual({
      as_of: '2022-12-31',
      households: 2,
      total_fen: 1200 * Y,
      current_year: { year: 2022, households: 2, total_fen: 1000 * Y },
      earlier_years: { households: 1, total_fen: 200 * Y },
      rooms: [
        { code: '1-101', owed_fen: 500 * Y, years: [{ year: 2022, owed_fen: 500 * Y }] },
        { code: '1-201', owed_fen: 700 * Y, years: [{ year: 2021, owed_fen: 200 * Y }, { year: 2022, owed_fen: 500 * Y }] },
      ],
    });
    expect(r.votes).toHaveLength(1);
    expect(r.votes[0]).toMatchObject({ id: 'V2022-01', title: '更换单元门', rule: 'general', passed: true, budget_fen: 2000 * Y, spent_fen: 1500 * Y, status: 'closed', closed_on: '2022-10-20' });
    expect(r.votes[0]!.tally).toMatchObject({ eligible: { owners: 4, area_m2: 400 }, yes: { owners: 3, area_m2: 300 }, quorum_met: true });
    expect(r.votes_opened).toEqual([]);
    // Monthly cash: every month of the half, voids on their own side.
    expect(r.monthly).toEqual([
      { month: '2022-07', income_fen: 0, expense_fen: 0 },
      { month: '2022-08', income_fen: 1000 * Y, expense_fen: 800 * Y },
      { month: '2022-09', income_fen: 1500 * Y, expense_fen: 0 },
      { month: '2022-10', income_fen: 700 * Y, expense_fen: 0 },
      { month: '2022-11', income_fen: 0, expense_fen: 0 },
      { month: '2022-12', income_fen: -1000 * Y, expense_fen: 2100 * Y },
    ]);
    expect(r.monthly.reduce((s, m) => s + m.income_fen, 0)).toBe(r.income_total_fen);
    expect(r.monthly.reduce((s, m) => s + m.expense_fen, 0)).toBe(r.expense_total_fen);
    expect(r.signatures).toEqual({ collector: ['李会计'], reimburser: ['王出纳'], supervisor: ['赵监督'], chair: ['张主任'] });
  });

  it('2023H1: a void of a 2022 expense reduces this period; partial payers and arrears caught up', async () => {
    const ctx = await smallLedger();
    const r = await disclosureReport(ctx.ledger, halfYear(2023, 1), ctx.now);
    expect(r.opening_balance_fen).toBe(800 * Y);
    expect(r.income).toEqual({ fees_current_fen: 800 * Y, fees_arrears_fen: 1200 * Y, fees_prepaid_fen: 0, other_fen: 0, fees_total_fen: 2000 * Y, refunds_fen: 0 });
    expect(r.expense_total_fen).toBe(400 * Y); // 1000 − the 600 voided from 2022
    expect(r.closing_balance_fen).toBe(2400 * Y);
    expect(r.closing_balance_fen).toBe(await fundBalance(ctx.ledger, '2023-06-30'));
    expect(r.voids).toEqual([
      expect.objectContaining({ number: 'E2022-0003', line: 'expense', amount_fen: -600 * Y, original_date: '2022-12-10', earlier_period: true, reason: '重复报销', by: '王出纳' }),
    ]);
    expect(r.expenses_by_category).toEqual([
      { category: '绿化', category_en: 'greening', amount_fen: 1000 * Y, count: 1 },
      { category: '门卫', category_en: 'gate', amount_fen: -600 * Y, count: 0 },
    ]);
    expect(r.basics.paid).toEqual({ households_full: 1, households_partial: 2, amount_fen: 1000 * Y });
    expect(r.basics.collection_rate).toBe('50.0%');
    expect(r.arrears).toMatchObject({ households: 3, total_fen: 1000 * Y, current_year: { year: 2023, households: 3, total_fen: 1000 * Y }, earlier_years: { households: 0, total_fen: 0 } });
    // The vote had no spending and did not close in 2023H1.
    expect(r.votes).toEqual([]);
  });

  it('a running period stands as of today; the whole year adds up to its halves', async () => {
    const ctx = await smallLedger(); // today is 2023-07-15
    const running = await disclosureReport(ctx.ledger, halfYear(2023, 2), ctx.now);
    expect(running).toMatchObject({ running: true, as_of: '2023-07-15', opening_balance_fen: 2400 * Y, income_total_fen: 0 });
    expect(running.monthly).toHaveLength(6);
    const h1 = await disclosureReport(ctx.ledger, halfYear(2022, 1), ctx.now);
    const h2 = await disclosureReport(ctx.ledger, halfYear(2022, 2), ctx.now);
    const year = await disclosureReport(ctx.ledger, wholeYear(2022), ctx.now);
    expect(year.income_total_fen).toBe(h1.income_total_fen + h2.income_total_fen);
    expect(year.expense_total_fen).toBe(h1.expense_total_fen + h2.expense_total_fen);
    for (const k of ['fees_current_fen', 'fees_arrears_fen', 'fees_prepaid_fen', 'other_fen'] as const) {
      expect(year.income[k]).toBe(h1.income[k] + h2.income[k]);
    }
    expect(year.closing_balance_fen).toBe(h2.closing_balance_fen);
    // H1 2022: A's 1000 = 500 to 2022 and 500 credit.
    expect(h1.income).toMatchObject({ fees_current_fen: 500 * Y, fees_arrears_fen: 0, fees_prepaid_fen: 500 * Y });
    // A custom period across the year end.
    const span = await disclosureReport(ctx.ledger, customPeriod('2022-12-01', '2023-01-31'), ctx.now);
    expect(span.expense_total_fen).toBe(1500 * Y); // 1500 + 600 − the 600 voided on 2023-01-05
    expect(span.basics.fee_year).toBe(2023);
  });
});

describe('receiptRuns', () => {
  it('merges consecutive numbers under each prefix', () => {
    expect(receiptRuns(['R2022-0003', 'R2022-0001', 'R2022-0002', 'R2022-0005', 'R2023-0001', 'R2022-10000', 'R2022-9999'])).toEqual({
      count: 7,
      first: 'R2022-0001',
      last: 'R2023-0001',
      runs: [['R2022-0001', 'R2022-0003'], ['R2022-0005', 'R2022-0005'], ['R2022-9999', 'R2022-10000'], ['R2023-0001', 'R2023-0001']],
    });
    expect(receiptRuns([])).toEqual({ count: 0, first: null, last: null, runs: [] });
  });

  it('is the runs of the numbers sorted by prefix and trailing number, for any list, in order or not', () => {
    /** The definition: split with a regular expression, sort, merge. */
    const parts = (n: string) => {
      const m = /^(.*?)(\d+)$/.exec(n);
      return { n, prefix: m ? m[1]! : n, seq: m ? Number(m[2]) : 0 };
    };
    const order = (a: ReturnType<typeof parts>, b: ReturnType<typeof parts>) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : a.seq - b.seq);
    const expected = (numbers: string[]) => {
      const parsed = numbers.map(parts).sort(order);
      const runs: [string, string][] = [];
      parsed.forEach((p, i) => {
        const prev = parsed[i - 1];
        if (prev && prev.prefix === p.prefix && p.seq === prev.seq + 1) runs[runs.length - 1]![1] = p.n;
        else runs.push([p.n, p.n]);
      });
      return { count: parsed.length, first: parsed[0]?.n ?? null, last: parsed[parsed.length - 1]?.n ?? null, runs };
    };
    const number = fc.oneof(
      fc.tuple(fc.constantFrom('R2022-', 'R2023-', 'I2022-', '', 'No.'), fc.integer({ min: 0, max: 12000 })).map(([p, n]) => `${p}${String(n).padStart(4, '0')}`),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(number, { maxLength: 40 }), fc.boolean(), (numbers, sorted) => {
        const input = sorted ? numbers.map(parts).sort(order).map((p) => p.n) : numbers;
        expect(receiptRuns(input)).toEqual(expected(input));
      }),
    );
  });
});
