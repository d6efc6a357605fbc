import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, FIXTURE_CODES, TempLedger, expectRefused } from '../helpers/run-ledger.js';

/**
 * "Fees over time" (fee waive, import waivers, refund) and "The committee over time" (handover)
 * end to end through the built binary. The demo compound has 120 households; billed 2023 at the
 * default 500 each, that is 60,000.00 (6,000,000 fen) before any waiver.
 */
const chair = ['--by', '张主任'];
const collector = ['--by', '李会计'];
const reimburser = ['--by', '王出纳'];
const HOUSEHOLDS = FIXTURE_CODES.length;
const BILLED_FEN = HOUSEHOLDS * 50000;

/** A standard ledger with the demo compound on it, billed for 2023. */
function billedLedger(now?: string): TempLedger {
  const l = TempLedger.standard(now);
  l.ok([...chair, 'household', 'import', path.join(FIXTURES, 'households.csv')]);
  l.ok([...chair, 'bill', '2023']);
  return l;
}

function verifies(l: TempLedger): void {
  const r = l.run(['verify']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const v = l.json(['verify']);
  expect(v.ok).toBe(true);
  expect(v.problems).toEqual([]);
}

/** `household show CODE --json` with the charge of `year`. */
function statement(l: TempLedger, code: string, year = 2023, asOf?: string) {
  const s = l.json(['household', 'show', code, ...(asOf ? ['--as-of', asOf] : [])]);
  return { ...s, charge: s.charges.find((c: { year: number }) => c.year === year) };
}

function arrearsOf(l: TempLedger, code: string, asOf?: string) {
  const a = l.json<{ total_fen: number; households: { code: string; owed_fen: number; years: { year: number; owed_fen: number }[] }[] }>([
    'arrears',
    ...(asOf ? ['--as-of', asOf] : []),
  ]);
  return { total_fen: a.total_fen, row: a.households.find((h) => h.code === code) };
}

describe('fee waive (减免)', () => {
  /*
   * 1-1-101 pays 200 of its 500, then W2023-0001 waives the 300 left (by the collector);
   * W2023-0002 takes 100 off 1-1-102 (by the chair, approved by the supervisor, dated 2023-07-01).
   */
  let l: TempLedger;
  const waive = (...args: string[]) => [...collector, 'fee', 'waive', ...args];
  beforeAll(() => {
    l = billedLedger();
    l.ok([...collector, 'collect', '1-1-101', '200', '--date', '2023-07-10']);
  });
  afterAll(() => l.cleanup());

  it('W2023-0001: without an amount waives all that is still unpaid (300 after a payment of 200)', () => {
    const w = l.json(waive('1-1-101', '2023', '--reason', '低保户', '--approved-by', '张主任'));
    expect(w).toEqual({ waiver: 'W2023-0001', household: '1-1-101', year: 2023, amount_fen: 30000 });
    const s = statement(l, '1-1-101');
    expect(s.charge.waived_fen).toBe(30000);
    expect(s.owed_fen).toBe(0);
    expect(s.credit_fen).toBe(0);
    expect(s.waivers).toMatchObject([{ waiver: 'W2023-0001', year: 2023, amount_fen: 30000, void: false }]);
    const a = arrearsOf(l, '1-1-101');
    expect(a.row).toBeUndefined();
    expect(a.total_fen).toBe(BILLED_FEN - 20000 - 30000);
  });

  it('W2023-0002: the next number, by the chair with a supervisor approving, a given amount and date', () => {
    const w = l.json([...chair, 'fee', 'waive', '1-1-102', '2023', '100', '--reason', '空置', '--approved-by', '赵监督', '--date', '2023-07-01']);
    expect(w).toEqual({ waiver: 'W2023-0002', household: '1-1-102', year: 2023, amount_fen: 10000 });
    const s = statement(l, '1-1-102');
    expect(s.charge.waived_fen).toBe(10000);
    expect(s.owed_fen).toBe(40000);
    expect(s.waivers).toMatchObject([{ waiver: 'W2023-0002', date: '2023-07-01', amount_fen: 10000 }]);
    const a = arrearsOf(l, '1-1-102');
    expect(a.row).toMatchObject({ owed_fen: 40000, years: [{ year: 2023, owed_fen: 40000 }] });
    expect(a.total_fen).toBe(BILLED_FEN - 20000 - 30000 - 10000);
  });

  it('household show and arrears agree before and on the day the waiver takes effect', () => {
    expect(statement(l, '1-1-102', 2023, '2023-06-30').owed_fen).toBe(50000);
    expect(arrearsOf(l, '1-1-102', '2023-06-30').row?.owed_fen).toBe(50000);
    expect(statement(l, '1-1-102', 2023, '2023-07-01').owed_fen).toBe(40000);
    expect(arrearsOf(l, '1-1-102', '2023-07-01').row?.owed_fen).toBe(40000);
  });

  it('the report counts the waivers and bills net of them', () => {
    const r = l.json(['report', '--year', '2023']);
    expect(r.waivers).toEqual({ households: 2, total_fen: 40000 });
    expect(r.basics.billed).toEqual({ households: HOUSEHOLDS, amount_fen: BILLED_FEN - 40000 });
    expect(r.arrears).toMatchObject({ households: HOUSEHOLDS - 1, total_fen: BILLED_FEN - 20000 - 40000 });
    // Waivers are not money: income and the fund are untouched.
    expect(r.income_total_fen).toBe(20000);
    expect(r.closing_balance_fen).toBe(20000);
    // Both are dated in the second half: the first half has none.
    expect(l.json(['report', '--half', '2023H1']).waivers).toEqual({ households: 0, total_fen: 0 });
    expect(l.json(['status']).collection.billed.amount_fen).toBe(BILLED_FEN - 40000);
  });

  describe('refusals write nothing', () => {
    const cases: [string, string[], 1 | 2, RegExp][] = [
      ['more than is unpaid (says what is)', waive('1-1-102', '2023', '400.01', '--reason', 'r', '--approved-by', '张主任'), 1, /waiving 400\.01 exceeds what 1-1-102 still owes for 2023 \(400\.00\)/],
      ['a year with nothing unpaid', waive('1-1-101', '2023', '--reason', 'r', '--approved-by', '张主任'), 1, /1-1-101 has nothing unpaid for 2023; there is nothing to waive/],
      ['a year never billed', waive('1-1-201', '2022', '--reason', 'r', '--approved-by', '张主任'), 1, /1-1-201 has nothing unpaid for 2022/],
      ['approved by the recorder themself', [...chair, 'fee', 'waive', '1-1-201', '2023', '--reason', 'r', '--approved-by', '张主任'], 1, /张主任 cannot approve their own record/],
      ['approved by the collector recording it', waive('1-1-201', '2023', '--reason', 'r', '--approved-by', '李会计'), 1, /李会计 cannot approve their own record/],
      ['approved by the reimburser (neither chair nor supervisor)', waive('1-1-201', '2023', '--reason', 'r', '--approved-by', '王出纳'), 1, /the approver 王出纳 is neither the chair nor a supervisor/],
      ['approved by a stranger', waive('1-1-201', '2023', '--reason', 'r', '--approved-by', '路人'), 1, /the approver 路人 is neither/],
      ['recorded by the reimburser (neither chair nor collector)', [...reimburser, 'fee', 'waive', '1-1-201', '2023', '--reason', 'r', '--approved-by', '张主任'], 1, /王出纳 is not the chair or collector and cannot waive fees/],
      ['recorded by the supervisor', ['--by', '赵监督', 'fee', 'waive', '1-1-201', '2023', '--reason', 'r', '--approved-by', '张主任'], 1, /赵监督 is not the chair or collector/],
      ['without --approved-by', waive('1-1-201', '2023', '--reason', 'r'), 2, /--approved-by/],
      ['without --reason', waive('1-1-201', '2023', '--approved-by', '张主任'), 2, /--reason/],
      ['without an operator', ['fee', 'waive', '1-1-201', '2023', '--reason', 'r', '--approved-by', '张主任'], 2, /--by NAME/],
      ['an unknown household', waive('9-9-999', '2023', '--reason', 'r', '--approved-by', '张主任'), 2, /no household 9-9-999/],
      ['a malformed amount', waive('1-1-201', '2023', '12.345', '--reason', 'r', '--approved-by', '张主任'), 2, /amount "12\.345"/],
      ['a future date', waive('1-1-201', '2023', '--reason', 'r', '--approved-by', '张主任', '--date', '2023-07-16'), 2, /in the future/],
    ];
    it.each(cases)('refuses %s', (_name, args, code, message) => {
      expectRefused(l, args, code, message);
    });
  });

  it('void W2023-0001 restores the charge: owed and in arrears again, and out of the report', () => {
    const v = l.json([...collector, 'void', 'W2023-0001', '--reason', 'x', '--approved-by', '张主任']);
    expect(v).toMatchObject({ number: 'W2023-0001', kind: 'waiver', amount_fen: 30000, date: '2023-07-15' });
    const s = statement(l, '1-1-101');
    expect(s.charge.waived_fen).toBe(0);
    expect(s.owed_fen).toBe(30000);
    expect(s.waivers).toMatchObject([{ waiver: 'W2023-0001', void: true }]);
    const a = arrearsOf(l, '1-1-101');
    expect(a.row).toMatchObject({ owed_fen: 30000, years: [{ year: 2023, owed_fen: 30000 }] });
    expect(a.total_fen).toBe(BILLED_FEN - 20000 - 10000);
    const r = l.json(['report', '--year', '2023']);
    expect(r.waivers).toEqual({ households: 1, total_fen: 10000 });
    expect(r.basics.billed.amount_fen).toBe(BILLED_FEN - 10000);
    expectRefused(l, [...collector, 'void', 'W2023-0001', '--reason', 'again', '--approved-by', '张主任'], 1, /W2023-0001 was already voided on 2023-07-15/);
  });

  it('a voided number is not reused, and the ledger verifies', () => {
    const w = l.json(waive('1-1-101', '2023', '150', '--reason', '低保户', '--approved-by', '赵监督'));
    expect(w).toEqual({ waiver: 'W2023-0003', household: '1-1-101', year: 2023, amount_fen: 15000 });
    expect(statement(l, '1-1-101').owed_fen).toBe(15000);
    verifies(l);
    expect(l.json(['verify']).numbering).toContainEqual({ series: 'W2023', count: 3, first: 'W2023-0001', last: 'W2023-0003' });
  });
});

describe('import waivers', () => {
  /* 1-1-301 has paid 100 (400 unpaid, waived whole); 1-1-302 is a vacant unit at half fee (250). */
  let l: TempLedger;
  const csv = (name: string, ...rows: string[]) => {
    const file = path.join(l.dir, name);
    fs.writeFileSync(file, ['code,year,amount,reason', ...rows].join('\n') + '\n');
    return file;
  };
  const imp = (file: string, ...extra: string[]) => [...collector, 'import', 'waivers', file, '--approved-by', '赵监督', ...extra];
  beforeAll(() => {
    l = billedLedger();
    l.ok([...collector, 'collect', '1-1-301', '100']);
  });
  afterAll(() => l.cleanup());

  describe('a file with one bad row writes nothing', () => {
    const good = '1-1-301,2023,,低保户';
    it('an amount above what is unpaid', () => {
      expectRefused(l, imp(csv('over.csv', good, '1-1-302,2023,500.01,空置房')), 1, /waiving 500\.01 exceeds what 1-1-302 still owes for 2023 \(500\.00\)/);
    });
    it('an unknown code', () => {
      expectRefused(l, imp(csv('unknown.csv', good, '9-9-999,2023,,空置房')), 2, /no household 9-9-999/);
    });
    it('a bad year (naming the line)', () => {
      const f = csv('year.csv', good, '1-1-302,20x3,250,空置房');
      expectRefused(l, imp(f), 2, new RegExp(`${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: year "20x3"`));
    });
    it('a year with nothing unpaid', () => {
      expectRefused(l, imp(csv('none.csv', good, '1-1-302,2022,,空置房')), 1, /1-1-302 has nothing unpaid for 2022/);
    });
    it('a row without a reason', () => {
      expectRefused(l, imp(csv('noreason.csv', good, '1-1-302,2023,250,')), 2, /noreason\.csv:3: /);
    });
    it('approved by the collector importing it', () => {
      expectRefused(l, [...collector, 'import', 'waivers', csv('ok1.csv', good), '--approved-by', '李会计'], 1, /李会计 cannot approve their own record/);
    });
    it('imported by the reimburser', () => {
      expectRefused(l, [...reimburser, 'import', 'waivers', csv('ok2.csv', good), '--approved-by', '赵监督'], 1, /王出纳 is not the chair or collector/);
    });
    it('without --approved-by', () => {
      expectRefused(l, [...collector, 'import', 'waivers', csv('ok3.csv', good)], 2, /--approved-by/);
    });
  });

  // Contract (docs/cli.md, Global): "a bad CSV lists every bad row as FILE:LINE: message ... not just
  // the first": an unknown household is a bad row like a bad year, each named by its line.
  it('a bad file lists every bad row as FILE:LINE, unknown codes included', () => {
    const f = csv('two-bad.csv', '1-1-301,2023,,低保户', '9-9-999,2023,,空置房', '1-1-302,20x3,250,空置房');
    const r = expectRefused(l, imp(f), 2, /two-bad\.csv:4: year "20x3"/);
    expect(r.stderr).toContain(`${f}:3: no household 9-9-999`);
  });

  it('imports all rows at once: {imported, households, total_fen, first, last}', () => {
    const out = l.json(imp(csv('waivers.csv', '1-1-301,2023,,低保户', '1-1-302,2023,250,空置房减半')));
    expect(out).toEqual({ imported: 2, households: 2, total_fen: 40000 + 25000, first: 'W2023-0001', last: 'W2023-0002' });
    const a = statement(l, '1-1-301');
    expect(a.charge.waived_fen).toBe(40000);
    expect(a.owed_fen).toBe(0);
    const b = statement(l, '1-1-302');
    expect(b.charge.waived_fen).toBe(25000);
    expect(b.owed_fen).toBe(25000);
    expect(b.waivers).toMatchObject([{ waiver: 'W2023-0002', year: 2023, amount_fen: 25000 }]);
    expect(arrearsOf(l, '1-1-301').row).toBeUndefined();
    expect(arrearsOf(l, '1-1-302').row?.owed_fen).toBe(25000);
    const r = l.json(['report', '--year', '2023']);
    expect(r.waivers).toEqual({ households: 2, total_fen: 65000 });
    expect(r.basics.billed.amount_fen).toBe(BILLED_FEN - 65000);
    expect(r.arrears.total_fen).toBe(BILLED_FEN - 10000 - 65000);
    verifies(l);
  });
});

describe('refund (退费)', () => {
  /* 1-1-101 pays 800 on a billed 500 (2023-07-10): 300 prepaid; 1-1-102 pays exactly 500. Fund 1,300. */
  let l: TempLedger;
  const refund = (...args: string[]) => [...collector, 'refund', ...args];
  beforeAll(() => {
    l = billedLedger();
    const c = l.json([...collector, 'collect', '1-1-101', '800', '--date', '2023-07-10']);
    expect(c.credit_fen).toBe(30000);
    l.ok([...collector, 'collect', '1-1-102', '500', '--date', '2023-07-10']);
  });
  afterAll(() => l.cleanup());

  it('T2023-0001 pays back 200 of the 300 prepaid; the fund drops by it', () => {
    const before = l.json(['status']).balance_fen;
    expect(before).toBe(130000);
    const r = l.json(refund('1-1-101', '200', '--reason', '多交', '--approved-by', '张主任'));
    expect(r).toMatchObject({ refund: 'T2023-0001', household: '1-1-101', date: '2023-07-15', amount_fen: 20000, credit_fen: 10000 });
    expect(l.json(['status']).balance_fen).toBe(before - 20000);
    const s = statement(l, '1-1-101');
    expect(s.credit_fen).toBe(10000);
    expect(s.owed_fen).toBe(0);
    expect(s.refunds).toMatchObject([{ refund: 'T2023-0001', date: '2023-07-15', amount_fen: 20000 }]);
  });

  it('the report: income.refunds_fen, and income_total_fen net of it', () => {
    const r = l.json(['report', '--year', '2023']);
    expect(r.income.refunds_fen).toBe(20000);
    // Collected 1,300 (1,000 for 2023, 300 ahead); the split is net of the refund: 100 still prepaid.
    expect(r.income).toMatchObject({ fees_current_fen: 100000, fees_arrears_fen: 0, fees_prepaid_fen: 10000, other_fen: 0 });
    expect(r.income_total_fen).toBe(130000 - 20000);
    expect(r.closing_balance_fen).toBe(110000);
    expect(r.closing_balance_fen).toBe(l.json(['status']).balance_fen);
  });

  describe('refusals write nothing', () => {
    const cases: [string, string[], 1 | 2, RegExp][] = [
      ['above the credit (names it)', refund('1-1-101', '200', '--reason', 'r', '--approved-by', '张主任'), 1, /a refund of 200\.00 exceeds the prepayment 1-1-101 holds \(100\.00\)/],
      ['a household with no credit', refund('1-1-102', '1', '--reason', 'r', '--approved-by', '张主任'), 1, /exceeds the prepayment 1-1-102 holds \(0\.00\)/],
      ['by the chair (not the collector)', [...chair, 'refund', '1-1-101', '50', '--reason', 'r', '--approved-by', '赵监督'], 1, /张主任 is not the collector and cannot refund prepayments/],
      ['by the reimburser', [...reimburser, 'refund', '1-1-101', '50', '--reason', 'r', '--approved-by', '张主任'], 1, /王出纳 is not the collector/],
      ['not approved', refund('1-1-101', '50', '--reason', 'r'), 2, /--approved-by/],
      ['approved by the collector themself', refund('1-1-101', '50', '--reason', 'r', '--approved-by', '李会计'), 1, /李会计 cannot approve their own record/],
      ['approved by the reimburser', refund('1-1-101', '50', '--reason', 'r', '--approved-by', '王出纳'), 1, /the approver 王出纳 is neither the chair nor a supervisor/],
      ['without a reason', refund('1-1-101', '50', '--approved-by', '张主任'), 2, /--reason/],
      ['an unknown household', refund('9-9-999', '50', '--reason', 'r', '--approved-by', '张主任'), 2, /no household 9-9-999/],
      ['an unknown method', refund('1-1-101', '50', '--reason', 'r', '--approved-by', '张主任', '--method', 'bitcoin'), 2, /bitcoin/],
    ];
    it.each(cases)('refuses %s', (_name, args, code, message) => {
      expectRefused(l, args, code, message);
    });
  });

  it('T2023-0002 with --date and --method pays back the rest', () => {
    const r = l.json(refund('1-1-101', '100', '--reason', '多交', '--approved-by', '赵监督', '--date', '2023-07-12', '--method', 'wechat'));
    expect(r).toMatchObject({ refund: 'T2023-0002', date: '2023-07-12', amount_fen: 10000, credit_fen: 0 });
    expect(statement(l, '1-1-101').credit_fen).toBe(0);
    expect(l.json(['status']).balance_fen).toBe(100000);
    expect(l.json(['report', '--year', '2023'])).toMatchObject({ income_total_fen: 100000, income: { refunds_fen: 30000 } });
  });

  it('is refused above the fund, naming the balance', () => {
    l.ok([...collector, 'collect', '1-1-201', '600']); // 100 prepaid; fund 1,600
    l.ok([...reimburser, 'spend', '1550', '--category', '保洁', '--payee', '刘阿姨', '--item', '保洁工资', '--approved-by', '张主任']); // fund 50
    expect(l.json(['status']).balance_fen).toBe(5000);
    expectRefused(l, refund('1-1-201', '100', '--reason', 'r', '--approved-by', '张主任'), 1, /the fund holds 50\.00 on 2023-07-15; paying out 100\.00 would take it below zero/);
    expect(l.json(refund('1-1-201', '50', '--reason', 'r', '--approved-by', '张主任'))).toMatchObject({ refund: 'T2023-0003', credit_fen: 5000 });
    expect(l.json(['status']).balance_fen).toBe(0);
    verifies(l);
  });
});

describe('refunds against the statement (bugs)', () => {
  let l: TempLedger;
  beforeAll(() => {
    l = billedLedger();
    l.ok([...collector, 'income', '1000', '--category', '停车费', '--date', '2023-06-01']);
    l.ok([...collector, 'collect', '1-1-101', '800', '--date', '2023-07-10']); // 300 prepaid from 07-10
  });
  afterAll(() => l.cleanup());

  // Contract: a refund "pays back prepayment; refused above the household's credit": the credit
  // held on the refund's date (a prepayment made on 2023-07-10 cannot be paid back on 2023-06-15).
  it('refuses a refund dated before the household had any credit', () => {
    expectRefused(l, [...collector, 'refund', '1-1-101', '100', '--reason', 'r', '--approved-by', '张主任', '--date', '2023-06-15'], 1, /exceeds the prepayment 1-1-101 holds \(0\.00\)/);
  });

  // Voiding a receipt whose prepayment was already paid back would leave the household paid
  // below nothing (the statement no longer balancing): it is refused.
  it('voiding a receipt whose prepayment was refunded keeps the statement balanced (or is refused)', () => {
    l.ok([...collector, 'collect', '1-1-102', '800']); // R2023-0003, 300 prepaid
    l.ok([...collector, 'refund', '1-1-102', '300', '--reason', '多交', '--approved-by', '张主任']);
    const r = l.run([...collector, 'void', 'R2023-0003', '--reason', '错收', '--approved-by', '张主任']);
    if (r.code === 0) {
      const s = statement(l, '1-1-102');
      expect(s.owed_fen - s.credit_fen).toBe(s.charged_fen - s.paid_fen);
      expect(s.owed_fen).toBe(80000);
      expect(arrearsOf(l, '1-1-102').row?.owed_fen).toBe(80000);
    } else {
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^error: R2023-0003 cannot be voided: part of its prepayment was already paid back/);
    }
  });
});

describe('handover (交接)', () => {
  /*
   * Built on 2023-07-15: 1-1-101 pays 500 (R2023-0001), 1-1-102 pays 100 (R2023-0002), 120 spent
   * on cleaning (E2023-0001): the fund holds 480. On 2023-08-01 李会计 hands the collector's
   * books to 钱新, the cash counted (480) agreeing with the book.
   */
  let l: TempLedger;
  let sheet: any;
  const html = () => path.join(l.dir, 'handover.html');
  beforeAll(() => {
    l = billedLedger();
    l.ok([...collector, 'collect', '1-1-101', '500']);
    l.ok([...collector, 'collect', '1-1-102', '100']);
    l.ok([...reimburser, 'spend', '120', '--category', '保洁', '--payee', '刘阿姨', '--item', '7月保洁', '--approved-by', '张主任']);
    l.now = '2023-08-01T10:00:00+08:00';
  });
  afterAll(() => l.cleanup());

  describe('refusals write nothing', () => {
    const cases: [string, string[], 1 | 2, RegExp][] = [
      ['by the collector (not the chair)', [...collector, 'handover', 'collector', '--from', '李会计', '--to', '钱新'], 1, /李会计 is not the chair and cannot record handovers/],
      ['by the supervisor', ['--by', '赵监督', 'handover', 'collector', '--from', '李会计', '--to', '钱新'], 1, /赵监督 is not the chair/],
      ['from someone not holding the role', [...chair, 'handover', 'collector', '--from', '王出纳', '--to', '钱新'], 1, /王出纳 is not the collector on 2023-08-01; there is nothing to hand over/],
      ['from a stranger', [...chair, 'handover', 'collector', '--from', '钱新', '--to', '孙新'], 1, /钱新 is not the collector on 2023-08-01/],
      ['to the reimburser (收支两条线)', [...chair, 'handover', 'collector', '--from', '李会计', '--to', '王出纳'], 1, /王出纳 is already the reimburser and cannot also be the collector/],
      ['to the same person', [...chair, 'handover', 'collector', '--from', '李会计', '--to', '李会计'], 1, /must be two people/],
      ['an unknown role', [...chair, 'handover', 'treasurer', '--from', '李会计', '--to', '钱新'], 2, /treasurer/],
      ['without --to', [...chair, 'handover', 'collector', '--from', '李会计'], 2, /--to/],
      ['dated in the future', [...chair, 'handover', 'collector', '--from', '李会计', '--to', '钱新', '--date', '2023-08-02'], 2, /in the future/],
    ];
    it.each(cases)('refuses %s', (_name, args, code, message) => {
      expectRefused(l, args, code, message);
    });
  });

  it('--json gives the sheet, its figures matching status and verify', () => {
    sheet = l.json([...chair, 'handover', 'collector', '--from', '李会计', '--to', '钱新', '--cash', '480', '--out', html()]);
    expect(sheet).toMatchObject({
      role: 'collector',
      from: '李会计',
      to: '钱新',
      date: '2023-08-01',
      balance_fen: 48000,
      last_receipt: 'R2023-0002',
      last_voucher: 'E2023-0001',
    });
    expect(sheet.cash_fen).toBe(48000);
    const status = l.json(['status']);
    expect(sheet.balance_fen).toBe(status.balance_fen);
    expect(sheet.last_receipt).toBe(status.last_receipt);
    expect(sheet.last_voucher).toBe(status.last_expense);
    expect(sheet.head.code).toMatch(/^[0-9a-f]{16}$/);
    const v = l.json(['verify']);
    expect(v.ok).toBe(true);
    expect(sheet.head.seq).toBe(v.entries);
    expect(sheet.head.code).toBe(v.last_hash.slice(0, 16));
  });

  it("role list: 李会计's tenure as collector ended on the day, 钱新's began", () => {
    const roles = l.json<{ name: string; role: string; from: string; to: string | null }[]>(['role', 'list']);
    const collectors = roles.filter((r) => r.role === 'collector');
    expect(collectors).toEqual([
      { name: '李会计', role: 'collector', from: '2023-07-15', to: '2023-08-01' },
      { name: '钱新', role: 'collector', from: '2023-08-01', to: null },
    ]);
    expect(roles.filter((r) => r.to === null).map((r) => `${r.role}:${r.name}`).sort()).toEqual(
      ['chair:张主任', 'collector:钱新', 'reimburser:王出纳', 'supervisor:赵监督'].sort(),
    );
  });

  it('李会计 can no longer collect (even backdated); 钱新 can', () => {
    expectRefused(l, [...collector, 'collect', '1-1-201', '100'], 1, /李会计 is not the collector and cannot collect fees/);
    expectRefused(l, [...collector, 'collect', '1-1-201', '100', '--date', '2023-07-20'], 1, /李会计 is not the collector/);
    const c = l.json(['--by', '钱新', 'collect', '1-1-201', '100']);
    expect(c).toMatchObject({ receipt: 'R2023-0003', household: '1-1-201', date: '2023-08-01', amount_fen: 10000 });
    expect(l.json(['status']).balance_fen).toBe(58000);
  });

  it('the A4 sheet has the three signature lines and the check code', () => {
    const en = fs.readFileSync(html(), 'utf8');
    expect(en).toContain(sheet.head.code);
    const zhFile = path.join(l.dir, 'handover-zh.html');
    const again = l.json(['--lang', 'zh', ...chair, 'handover', 'collector', '--from', '钱新', '--to', '孙新', '--cash', '500', '--out', zhFile]);
    const zh = fs.readFileSync(zhFile, 'utf8');
    for (const label of ['交出人', '接收人', '监交人', '交接清单']) expect(zh).toContain(label);
    expect(zh).toContain(`记录号 ${again.head.seq} · 校验码 ${again.head.code}`);
    expect(zh).toContain('钱新');
    expect(zh).toContain('孙新');
    expect(zh).toContain('580.00');
    // The cash counted (500) is short of the book (580) by 80.
    expect(again).toMatchObject({ balance_fen: 58000, cash_fen: 50000, last_receipt: 'R2023-0003' });
    expect(zh).toContain('-80.00');
    verifies(l);
  });
});
