import { afterEach, describe, expect, it } from 'vitest';
import { TempLedger, expectRefused } from '../helpers/run-ledger.js';

/**
 * The compound over the years (docs/cli.md "The register over time", "Fees over time",
 * "The committee over time"): transfers, corrections and ends of households, namesakes,
 * roles ended, fees by area, proration, how far ahead a year can be billed, and the
 * disclosure's split of fee income into current, arrears and prepaid.
 */

const JULY = '2023-07-15T10:00:00+08:00';
const DECEMBER = '2023-12-01T10:00:00+08:00';

const ledgers: TempLedger[] = [];
const standard = (now?: string) => {
  const l = TempLedger.standard(now);
  ledgers.push(l);
  return l;
};
afterEach(() => {
  while (ledgers.length) ledgers.pop()!.cleanup();
});

const CHAIR = ['--by', '张主任'];
const COLLECTOR = ['--by', '李会计'];

function addHousehold(l: TempLedger, code: string, owner: string, area: string, ...more: string[]): void {
  l.ok([...CHAIR, 'household', 'add', code, '--owner', owner, '--area', area, ...more]);
}

/** `ledger verify` passes: exit 0, nothing on stderr. */
function expectVerifies(l: TempLedger): void {
  const r = l.run(['verify']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const j = l.json<{ ok: boolean; problems: unknown[] }>(['verify']);
  expect(j.ok).toBe(true);
  expect(j.problems).toEqual([]);
}

/** Area × rate (× months) in fen, rounded half up, computed from the decimal strings with integers only. */
function byArea(area: string, rate: string, months = 1): number {
  const centi = Math.round(Number(area) * 100); // area in 1/100 m2
  const fen = Math.round(Number(rate) * 100); // rate in fen per m2
  const hundredths = centi * fen * months; // in 1/100 fen
  return Math.floor((hundredths + 50) / 100);
}

type Listed = { code: string; owner: string; owner_id: string | null; area_m2: number; ended: string | null };

describe('household transfer (过户)', () => {
  it('keeps what the unit owes with the unit and says so', () => {
    const l = standard();
    addHousehold(l, '1-1-101', '王五', '86.53', '--since', '2020-01-01');
    l.ok([...CHAIR, 'bill', '2023']);
    const t = l.json([...CHAIR, 'household', 'transfer', '1-1-101', '--to', '钱七', '--date', '2023-05-01']);
    expect(t).toEqual({ household: '1-1-101', from_owner: '王五', to_owner: '钱七', date: '2023-05-01', owed_fen: 50000, credit_fen: 0 });
    expect(l.ok(['--lang', 'en', ...CHAIR, 'household', 'transfer', '1-1-101', '--to', '孙八', '--date', '2023-06-01'])).toMatch(
      /1-1-101 transferred: 钱七 -> 孙八 \(from 2023-06-01\)\nowes 500\.00 on 2023-06-01/,
    );
    expectVerifies(l);
  });

  it('carries a prepayment over to the new owner', () => {
    const l = standard();
    addHousehold(l, '1-1-101', '王五', '86.53');
    l.ok([...CHAIR, 'bill', '2023']);
    const c = l.json([...COLLECTOR, 'collect', '1-1-101', '800', '--date', '2023-07-01']);
    expect(c.allocations).toEqual([{ year: 2023, amount_fen: 50000 }]);
    expect(c.credit_fen).toBe(30000);
    const t = l.json([...CHAIR, 'household', 'transfer', '1-1-101', '--to', '钱七', '--date', '2023-07-10']);
    expect(t).toEqual({ household: '1-1-101', from_owner: '王五', to_owner: '钱七', date: '2023-07-10', owed_fen: 0, credit_fen: 30000 });
    const show = l.json(['household', 'show', '1-1-101']);
    expect(show.owed_fen).toBe(0);
    expect(show.credit_fen).toBe(30000);
    expectVerifies(l);
  });

  it('lists the owners of record with their dates, and the register as it stood on a day', () => {
    const l = standard();
    addHousehold(l, '1-1-101', '王五', '86.53', '--since', '2020-01-01');
    addHousehold(l, '1-1-102', '赵六', '90');
    l.ok([...CHAIR, 'household', 'transfer', '1-1-101', '--to', '钱七', '--owner-id', 'Q1', '--date', '2023-05-01']);
    const show = l.json(['household', 'show', '1-1-101']);
    expect(show.owners.map((o: any) => ({ name: o.name, from: o.from, to: o.to }))).toEqual([
      { name: '王五', from: '2020-01-01', to: '2023-05-01' },
      { name: '钱七', from: '2023-05-01', to: null },
    ]);
    expect(show.owners[1].owner_id).toBe('Q1');
    expect(show.ended).toBeNull();

    const owner = (asOf: string) => l.json<Listed[]>(['household', 'list', '--as-of', asOf]).find((h) => h.code === '1-1-101')!;
    expect(owner('2023-04-30')).toMatchObject({ owner: '王五', owner_id: null, area_m2: 86.53 });
    expect(owner('2023-05-01')).toMatchObject({ owner: '钱七', owner_id: 'Q1', area_m2: 86.53 });
    expect(owner('2023-07-15')).toMatchObject({ owner: '钱七', owner_id: 'Q1' });
    expect(l.json<Listed[]>(['household', 'list']).find((h) => h.code === '1-1-101')!.owner).toBe('钱七');
    // the other unit is untouched
    expect(l.json<Listed[]>(['household', 'list', '--as-of', '2023-04-30']).map((h) => [h.code, h.owner])).toEqual([
      ['1-1-101', '王五'],
      ['1-1-102', '赵六'],
    ]);
    // in text mode too
    expect(l.ok(['--lang', 'en', 'household', 'list', '--as-of', '2023-04-30'])).toMatch(/│ 1-1-101 │ 王五\s+│/);
    expect(l.ok(['--lang', 'en', 'household', 'list', '--as-of', '2023-05-01'])).toMatch(/│ 1-1-101 │ 钱七（Q1）\s*│/);
    expectVerifies(l);
  });

  it('refuses a transfer to the owner it already has', () => {
    const l = standard();
    addHousehold(l, '1-1-101', '王五', '86.53');
    expectRefused(l, ['--lang', 'en', ...CHAIR, 'household', 'transfer', '1-1-101', '--to', '王五'], 1, /王五 already owns 1-1-101/);
    expectVerifies(l);
  });

  it('refuses an unknown unit as bad input', () => {
    const l = standard();
    addHousehold(l, '1-1-101', '王五', '86.53');
    expectRefused(l, ['--lang', 'en', ...CHAIR, 'household', 'transfer', '9-9-999', '--to', '钱七'], 2, /no household 9-9-999/);
  });

  it('refuses a unit that has left the register', () => {
    const l = standard();
    addHousehold(l, '1-1-101', '王五', '86.53');
    l.ok([...CHAIR, 'household', 'end', '1-1-101', '--date', '2023-06-30', '--reason', '拆除']);
    expectRefused(l, ['--lang', 'en', ...CHAIR, 'household', 'transfer', '1-1-101', '--to', '钱七'], 1, /1-1-101 left the register on 2023-06-30/);
    expectVerifies(l);
  });

  it('lets only the chair transfer', () => {
    const l = standard();
    addHousehold(l, '1-1-101', '王五', '86.53');
    expectRefused(l, ['--lang', 'en', ...COLLECTOR, 'household', 'transfer', '1-1-101', '--to', '钱七'], 1, /李会计 is not the chair/);
  });
});

describe('household correct (更正)', () => {
  it('corrects the area as from registration', () => {
    const l = standard();
    addHousehold(l, '1-1-101', '王五', '86.53');
    addHousehold(l, '1-1-102', '赵六', '90');
    const c = l.json([...CHAIR, 'household', 'correct', '1-1-101', '--area', '68.53', '--reason', '录入错误']);
    expect(c).toMatchObject({ code: '1-1-101', owner: '王五', area_m2: 68.53 });
    const list = l.json<Listed[]>(['household', 'list']);
    expect(list.map((h) => [h.code, h.area_m2])).toEqual([
      ['1-1-101', 68.53],
      ['1-1-102', 90],
    ]);
    expect(l.ok(['--lang', 'en', 'household', 'list'])).toMatch(/│ 1-1-101 │ 王五\s+│\s+68\.53 │/);
    // as from registration: the register of any earlier day has the corrected area too
    expect(l.json<Listed[]>(['household', 'list', '--as-of', '2023-01-01'])[0]!.area_m2).toBe(68.53);
    expectVerifies(l);
  });

  it('refuses a correction that changes nothing', () => {
    const l = standard();
    addHousehold(l, '1-1-101', '王五', '86.53');
    expectRefused(l, ['--lang', 'en', ...CHAIR, 'household', 'correct', '1-1-101', '--area', '86.53', '--reason', '核对'], 1, /changes nothing on 1-1-101/);
  });

  it('needs a reason', () => {
    const l = standard();
    addHousehold(l, '1-1-101', '王五', '86.53');
    expectRefused(l, ['--lang', 'en', ...CHAIR, 'household', 'correct', '1-1-101', '--area', '68.53'], 2, /--reason/);
  });
});

describe('household end (迁出/拆除/合并)', () => {
  /** Clock on 1 December, so the next year can be billed. */
  function ended(): TempLedger {
    const l = standard(DECEMBER);
    addHousehold(l, '1-1-101', '王五', '86.53');
    addHousehold(l, '1-1-102', '赵六', '90');
    l.ok([...CHAIR, 'bill', '2023']);
    const e = l.json([...CHAIR, 'household', 'end', '1-1-102', '--date', '2023-06-30', '--reason', '拆除']);
    expect(e).toMatchObject({ household: '1-1-102', ended: '2023-06-30', owed_fen: 50000, credit_fen: 0 });
    return l;
  }

  it('takes the unit off the register from the day', () => {
    const l = ended();
    const show = l.json(['household', 'show', '1-1-102']);
    expect(show.ended).toBe('2023-06-30');
    const codes = (asOf: string) => l.json<Listed[]>(['household', 'list', '--as-of', asOf]).map((h) => h.code);
    expect(codes('2023-06-29')).toEqual(['1-1-101', '1-1-102']);
    expect(codes('2023-06-30')).toEqual(['1-1-101']);
    expect(codes('2023-07-01')).toEqual(['1-1-101']);
    expect(codes('2023-12-01')).toEqual(['1-1-101']);
    expectVerifies(l);
  });

  it('does not bill it for the next year', () => {
    const l = ended();
    const b = l.json([...CHAIR, 'bill', '2024']);
    expect(b.billed).toEqual([{ household: '1-1-101', date: '2024-01-01', amount_fen: 50000 }]);
    expect(l.json(['household', 'show', '1-1-102']).charges.map((c: any) => c.year)).toEqual([2023]);
    expectVerifies(l);
  });

  it('bills it for the year it ended in (whole year with proration off)', () => {
    const l = standard(DECEMBER);
    addHousehold(l, '1-1-101', '王五', '86.53');
    l.ok([...CHAIR, 'household', 'end', '1-1-101', '--date', '2023-06-30', '--reason', '迁出']);
    expect(l.json([...CHAIR, 'bill', '2023']).billed).toEqual([{ household: '1-1-101', date: '2023-01-01', amount_fen: 50000 }]);
    expect(l.json([...CHAIR, 'bill', '2024']).billed).toEqual([]);
    expectVerifies(l);
  });

  it('keeps what it owes owed', () => {
    const l = ended();
    l.ok([...CHAIR, 'bill', '2024']);
    const a = l.json(['arrears']);
    expect(a.households).toMatchObject([
      { code: '1-1-101', owed_fen: 50000, years: [{ year: 2023, owed_fen: 50000 }] },
      { code: '1-1-102', owed_fen: 50000, years: [{ year: 2023, owed_fen: 50000 }] },
    ]);
    expect(a.total_fen).toBe(100000);
    expect(l.json(['household', 'show', '1-1-102']).owed_fen).toBe(50000);
    // and it can still pay it
    const c = l.json([...COLLECTOR, 'collect', '1-1-102']);
    expect(c.amount_fen).toBe(50000);
    expect(l.json(['arrears']).households.map((h: any) => h.code)).toEqual(['1-1-101']);
    expectVerifies(l);
  });

  it('refuses to end a unit twice', () => {
    const l = ended();
    expectRefused(l, ['--lang', 'en', ...CHAIR, 'household', 'end', '1-1-102', '--date', '2023-07-01', '--reason', '拆除'], 1, /1-1-102 already left the register on 2023-06-30/);
  });
});

describe('namesakes (同名业主)', () => {
  it('warns naming the units whose owners share a name', () => {
    const l = standard();
    const a = l.run([...CHAIR, 'household', 'add', '1-1-101', '--owner', '张伟', '--area', '80']);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    const b = l.run(['--lang', 'en', ...CHAIR, 'household', 'add', '3-2-201', '--owner', '张伟', '--area', '90']);
    expect(b.code).toBe(0);
    expect(b.stderr).toMatch(/^warning: /);
    expect(b.stderr).toMatch(/1-1-101/);
    expect(b.stderr).toMatch(/3-2-201/);
    expect(b.stderr).toMatch(/--owner-id/);
    expect(l.json<Listed[]>(['household', 'list']).map((h) => h.code)).toEqual(['1-1-101', '3-2-201']);
    expectVerifies(l);
  });

  it('does not warn when owner ids tell them apart', () => {
    const l = standard();
    const a = l.run([...CHAIR, 'household', 'add', '1-1-101', '--owner', '张伟', '--owner-id', 'A', '--area', '80']);
    const b = l.run([...CHAIR, 'household', 'add', '3-2-201', '--owner', '张伟', '--owner-id', 'B', '--area', '90']);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stderr).toBe('');
    expect(b.stderr).toBe('');
    expect(l.json<Listed[]>(['household', 'list']).map((h) => [h.code, h.owner, h.owner_id])).toEqual([
      ['1-1-101', '张伟', 'A'],
      ['3-2-201', '张伟', 'B'],
    ]);
  });
});

describe('role end (换届)', () => {
  /** Roles appointed on 1 June; the commands then run on 15 July. */
  function committee(): TempLedger {
    const l = standard('2023-06-01T10:00:00+08:00');
    l.now = JULY;
    addHousehold(l, '1-1-101', '王五', '86.53');
    l.ok([...CHAIR, 'bill', '2023']);
    l.ok([...COLLECTOR, 'collect', '1-1-101', '100', '--date', '2023-06-15']);
    return l;
  }

  it('ends a role from the day, and the list says so', () => {
    const l = committee();
    const e = l.json([...CHAIR, 'role', 'end', '李会计', 'collector', '--date', '2023-07-10', '--reason', '换届']);
    expect(e).toMatchObject({ name: '李会计', role: 'collector', to: '2023-07-10' });
    const list = l.json<{ name: string; role: string; from: string; to: string | null }[]>(['role', 'list']);
    expect(list).toEqual([
      { name: '张主任', role: 'chair', from: '2023-06-01', to: null },
      { name: '李会计', role: 'collector', from: '2023-06-01', to: '2023-07-10' },
      { name: '王出纳', role: 'reimburser', from: '2023-06-01', to: null },
      { name: '赵监督', role: 'supervisor', from: '2023-06-01', to: null },
    ]);
    // a day before: still in office
    expect(l.json<any[]>(['role', 'list', '--as-of', '2023-07-09']).map((r) => [r.name, r.role])).toContainEqual(['李会计', 'collector']);
    // from the day: no longer
    expect(l.json<any[]>(['role', 'list', '--as-of', '2023-07-10']).map((r) => [r.name, r.role])).not.toContainEqual(['李会计', 'collector']);
    expect(l.json<any[]>(['role', 'list', '--as-of', '2023-07-10']).map((r) => r.name)).toEqual(['张主任', '王出纳', '赵监督']);
    expectVerifies(l);
  });

  it('stops the ended collector from collecting, and keeps what they recorded', () => {
    const l = committee();
    l.ok([...CHAIR, 'role', 'end', '李会计', 'collector', '--date', '2023-07-10']);
    expectRefused(l, ['--lang', 'en', ...COLLECTOR, 'collect', '1-1-101', '100'], 1, /李会计 is not the collector/);
    const show = l.json(['household', 'show', '1-1-101']);
    expect(show.receipts.map((r: any) => [r.receipt, r.amount_fen])).toEqual([['R2023-0001', 10000]]);
    expect(show.owed_fen).toBe(40000);
    // a new collector takes over and the numbering goes on
    l.ok([...CHAIR, 'role', 'add', '孙收费', 'collector']);
    expect(l.json(['--by', '孙收费', 'collect', '1-1-101', '100']).receipt).toBe('R2023-0002');
    expectVerifies(l);
  });

  it('refuses to end the last chair', () => {
    const l = committee();
    expectRefused(l, ['--lang', 'en', ...CHAIR, 'role', 'end', '张主任', 'chair'], 1, /last chair/);
  });

  it('prints the list as a table in text mode', () => {
    const l = committee();
    l.ok([...CHAIR, 'role', 'end', '李会计', 'collector', '--date', '2023-07-10']);
    const r = l.run(['--lang', 'en', 'role', 'list']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ name\s+│ role\s+│ from\s+│ to\s+│/);
    expect(r.stdout).toMatch(/│ 张主任 │ chair\s+│ 2023-06-01 │ in office\s+│/);
    expect(r.stdout).toMatch(/│ 李会计 │ collector\s+│ 2023-06-01 │ 2023-07-10\s+│/);
    const asOf = l.run(['--lang', 'en', 'role', 'list', '--as-of', '2023-07-09']);
    expect(asOf.code).toBe(0);
    expect(asOf.stdout).toMatch(/│ 李会计 │ collector/);
  });
});

describe('fees by area', () => {
  const AREAS: [string, string][] = [
    ['1-1-101', '86.53'], // × 1.25 = 108.1625 → 108.16
    ['1-1-102', '70.02'], // × 1.25 = 87.525 → 87.53 (half up)
    ['1-1-103', '90.01'],
    ['1-1-104', '33.33'],
  ];
  function registered(): TempLedger {
    const l = standard();
    for (const [code, area] of AREAS) addHousehold(l, code, `业主${code}`, area);
    return l;
  }

  it('charges area × rate per square metre and year, rounded half up to the fen', () => {
    const l = registered();
    expect(l.json([...CHAIR, 'fee', 'set', '2023', '1.25', '--per', 'm2-year'])).toMatchObject({ year: 2023, amount_fen: 125, per: 'm2-year' });
    const b = l.json([...CHAIR, 'bill', '2023']);
    const expected = AREAS.map(([code, area]) => ({ household: code, date: '2023-01-01', amount_fen: byArea(area, '1.25') }));
    expect(expected.map((e) => e.amount_fen)).toEqual([10816, 8753, 11251, 4166]);
    expect(b.billed).toEqual(expected);
    for (const e of expected) expect(l.json(['household', 'show', e.household]).owed_fen).toBe(e.amount_fen);
    expect(l.json(['arrears']).total_fen).toBe(expected.reduce((s, e) => s + e.amount_fen, 0));
    expectVerifies(l);
  });

  it('charges area × rate × 12 per square metre and month', () => {
    const l = registered();
    l.ok([...CHAIR, 'fee', 'set', '2023', '0.35', '--per', 'm2-month']);
    const b = l.json([...CHAIR, 'bill', '2023']);
    const expected = AREAS.map(([code, area]) => ({ household: code, date: '2023-01-01', amount_fen: byArea(area, '0.35', 12) }));
    expect(expected.map((e) => e.amount_fen)).toEqual([36343, 29408, 37804, 13999]);
    expect(b.billed).toEqual(expected);
    expectVerifies(l);
  });

  it('bills a corrected area at the corrected figure', () => {
    const l = registered();
    l.ok([...CHAIR, 'household', 'correct', '1-1-101', '--area', '68.53', '--reason', '录入错误']);
    l.ok([...CHAIR, 'fee', 'set', '2023', '1.25', '--per', 'm2-year']);
    const b = l.json([...CHAIR, 'bill', '2023']);
    expect(b.billed[0]).toEqual({ household: '1-1-101', date: '2023-01-01', amount_fen: byArea('68.53', '1.25') });
    expect(b.billed[0].amount_fen).toBe(8566); // 85.6625 → 85.66
  });
});

describe('setting prorate (按月折算)', () => {
  it('on: a household that moved in on 15 March pays 10 months of 12', () => {
    const l = standard();
    l.ok([...CHAIR, 'setting', 'prorate', 'on']);
    expect(l.json(['setting', 'prorate'])).toEqual({ prorate: true });
    addHousehold(l, '1-1-101', '王五', '86.53', '--since', '2023-03-15');
    addHousehold(l, '1-1-102', '赵六', '90');
    const b = l.json([...CHAIR, 'bill', '2023']);
    expect(Math.floor((50000 * 10 + 6) / 12)).toBe(41667); // 416.666… → 416.67
    expect(b.billed).toEqual([
      { household: '1-1-101', date: '2023-03-15', amount_fen: 41667 },
      { household: '1-1-102', date: '2023-01-01', amount_fen: 50000 },
    ]);
    expect(l.json(['household', 'show', '1-1-101']).owed_fen).toBe(41667);
    expectVerifies(l);
  });

  it('off (the default): the whole year', () => {
    const l = standard();
    expect(l.json(['setting', 'prorate'])).toEqual({ prorate: false });
    addHousehold(l, '1-1-101', '王五', '86.53', '--since', '2023-03-15');
    expect(l.json([...CHAIR, 'bill', '2023']).billed).toEqual([{ household: '1-1-101', date: '2023-03-15', amount_fen: 50000 }]);
    expectVerifies(l);
  });

  it('off again after on: the whole year', () => {
    const l = standard();
    l.ok([...CHAIR, 'setting', 'prorate', 'on']);
    l.ok([...CHAIR, 'setting', 'prorate', 'off']);
    addHousehold(l, '1-1-101', '王五', '86.53', '--since', '2023-03-15');
    expect(l.json([...CHAIR, 'bill', '2023']).billed[0].amount_fen).toBe(50000);
  });
});

describe('bill: which years', () => {
  it('in July: past years yes, next year no', () => {
    const l = standard(JULY);
    addHousehold(l, '1-1-101', '王五', '86.53');
    expectRefused(l, ['--lang', 'en', ...CHAIR, 'bill', '2024'], 1, /2024/);
    expect(l.json([...CHAIR, 'bill', '2019']).billed).toEqual([{ household: '1-1-101', date: '2019-01-01', amount_fen: 50000 }]);
    expect(l.json([...CHAIR, 'bill', '2023']).billed).toEqual([{ household: '1-1-101', date: '2023-01-01', amount_fen: 50000 }]);
    expectVerifies(l);
  });

  it('from 1 December: the next year yes, the one after no', () => {
    const l = standard(DECEMBER);
    addHousehold(l, '1-1-101', '王五', '86.53');
    expect(l.json([...CHAIR, 'bill', '2024']).billed).toEqual([{ household: '1-1-101', date: '2024-01-01', amount_fen: 50000 }]);
    expectRefused(l, ['--lang', 'en', ...CHAIR, 'bill', '2025'], 1, /2025/);
    expectVerifies(l);
  });

  it('the clock can be moved on an existing ledger through LEDGER_NOW', () => {
    const l = standard(JULY);
    addHousehold(l, '1-1-101', '王五', '86.53');
    expect(l.run([...CHAIR, 'bill', '2024']).code).toBe(1);
    expect(l.run([...CHAIR, 'bill', '2024'], { LEDGER_NOW: DECEMBER }).code).toBe(0);
    l.now = DECEMBER;
    expect(l.json(['household', 'show', '1-1-101']).charges.map((c: any) => c.year)).toEqual([2024]);
    expectVerifies(l);
  });
});

describe('the disclosure: current, arrears and prepaid fees', () => {
  it('a payment made before the year was billed counts as current once billed', () => {
    const l = standard();
    addHousehold(l, '1-1-101', '王五', '86.53');
    const c = l.json([...COLLECTOR, 'collect', '1-1-101', '500', '--date', '2023-02-01']);
    expect(c.allocations).toEqual([]);
    expect(c.credit_fen).toBe(50000);
    l.ok([...CHAIR, 'bill', '2023']);
    const r = l.json(['report', '--year', '2023']);
    expect(r.income.fees_current_fen).toBe(50000);
    expect(r.income.fees_prepaid_fen).toBe(0);
    expect(r.income.fees_arrears_fen).toBe(0);
    expect(r.income_total_fen).toBe(50000);
    expect(r.arrears).toMatchObject({ households: 0, total_fen: 0 });
    expectVerifies(l);
  });

  it('a payment in December for next year, billed later, is prepaid in that half', () => {
    const l = standard();
    addHousehold(l, '1-1-101', '王五', '86.53');
    const c = l.json([...COLLECTOR, 'collect', '1-1-101', '500', '--date', '2022-12-10']);
    expect(c.receipt).toBe('R2022-0001');
    expect(c.credit_fen).toBe(50000);
    l.ok([...CHAIR, 'bill', '2023']);
    const h2 = l.json(['report', '--half', '2022H2']);
    expect(h2.period).toMatchObject({ from: '2022-07-01', to: '2022-12-31', label: '2022H2' });
    expect(h2.income.fees_prepaid_fen).toBe(50000);
    expect(h2.income.fees_current_fen).toBe(0);
    expect(h2.income.fees_arrears_fen).toBe(0);
    expect(h2.income_total_fen).toBe(50000);
    expect(h2.closing_balance_fen).toBe(50000);
    // and the 2023 statement does not count it again
    const y = l.json(['report', '--year', '2023']);
    expect(y.opening_balance_fen).toBe(50000);
    expect(y.income_total_fen).toBe(0);
    expect(y.income.fees_prepaid_fen).toBe(0);
    expectVerifies(l);
  });

  it('a December payment that clears this year and prepays the next splits into current and prepaid', () => {
    const l = standard();
    addHousehold(l, '1-1-101', '王五', '86.53');
    l.ok([...CHAIR, 'bill', '2022']);
    l.ok([...COLLECTOR, 'collect', '1-1-101', '1000', '--date', '2022-12-10']);
    l.ok([...CHAIR, 'bill', '2023']);
    const h2 = l.json(['report', '--half', '2022H2']);
    expect(h2.income).toMatchObject({ fees_current_fen: 50000, fees_arrears_fen: 0, fees_prepaid_fen: 50000 });
    expect(h2.income_total_fen).toBe(100000);
    expectVerifies(l);
  });
});

describe('all of it on one ledger', () => {
  it('verifies after transfers, corrections, ends, namesakes, ended roles, fees by area and proration', () => {
    const l = standard('2023-06-01T10:00:00+08:00');
    addHousehold(l, '1-1-101', '王五', '86.53', '--since', '2020-01-01');
    addHousehold(l, '1-1-102', '王五', '90');
    addHousehold(l, '1-1-103', '张伟', '70.02', '--owner-id', 'A');
    addHousehold(l, '1-1-104', '张伟', '33.33', '--owner-id', 'B', '--since', '2022-03-15');
    l.ok([...CHAIR, 'bill', '2022']);
    l.ok([...COLLECTOR, 'collect', '1-1-102', '500', '--date', '2022-12-10']);
    l.now = JULY;
    l.ok([...CHAIR, 'setting', 'prorate', 'on']);
    l.ok([...CHAIR, 'fee', 'set', '2023', '1.25', '--per', 'm2-year']);
    l.ok([...CHAIR, 'household', 'correct', '1-1-101', '--area', '68.53', '--reason', '录入错误']);
    l.ok([...CHAIR, 'household', 'transfer', '1-1-101', '--to', '钱七', '--date', '2023-05-01']);
    l.ok([...CHAIR, 'household', 'end', '1-1-102', '--date', '2023-06-30', '--reason', '合并']);
    const b = l.json([...CHAIR, 'bill', '2023']);
    expect(b.billed).toEqual([
      { household: '1-1-101', date: '2023-01-01', amount_fen: byArea('68.53', '1.25') },
      // Jan–Jun on the register: 6 months of 12 of 90 × 1.25 = 56.25
      { household: '1-1-102', date: '2023-01-01', amount_fen: 5625 },
      { household: '1-1-103', date: '2023-01-01', amount_fen: byArea('70.02', '1.25') },
      { household: '1-1-104', date: '2023-01-01', amount_fen: byArea('33.33', '1.25') },
    ]);
    l.ok([...COLLECTOR, 'collect', '1-1-101', '--date', '2023-07-01']);
    l.ok([...CHAIR, 'role', 'end', '李会计', 'collector', '--date', '2023-07-10']);
    l.ok([...CHAIR, 'role', 'add', '孙收费', 'collector']);
    l.ok(['--by', '孙收费', 'collect', '1-1-104', '100']);
    expectVerifies(l);
    expect(l.json<Listed[]>(['household', 'list', '--as-of', '2023-07-15']).map((h) => [h.code, h.owner])).toEqual([
      ['1-1-101', '钱七'],
      ['1-1-103', '张伟'],
      ['1-1-104', '张伟'],
    ]);
  });
});
