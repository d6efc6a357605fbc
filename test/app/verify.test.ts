import { beforeEach, describe, expect, it } from 'vitest';
import { billYear } from '../../src/app/billing.js';
import { collectFee } from '../../src/app/collections.js';
import type { AppContext } from '../../src/app/context.js';
import { voidRecord } from '../../src/app/corrections.js';
import { spend } from '../../src/app/expenses.js';
import { registerHouseholds } from '../../src/app/households.js';
import { recordIncome } from '../../src/app/income.js';
import { lockPeriod, verifyLedger, type VerifyReport } from '../../src/app/integrity.js';
import type { YearAmount } from '../../src/domain/allocation.js';
import { journalWriter, type NewEntry } from '../../src/db/journal.js';
import { as, memoryLedger } from '../helpers/memory-ledger.js';

/**
 * `verify` in process, on an in-memory ledger built from the real schema. The use cases
 * record a small but complete history (every kind of entry); then entries that no use case
 * would ever write are appended through `journalWriter` itself, so the chain is intact and
 * only the re-derivation of numbers, allocations, voids and locks can catch them.
 */
let ctx: AppContext;
/** Each kind recorded by the person whose line it is (roles are replayed by verify too). */
const RECORDER: Record<string, string> = { collection: '李会计', income: '李会计', expense: '王出纳', void: '李会计' };
const stampOf = (kind = '') => ({ recorded_at: ctx.now.toISOString(), recorded_by: RECORDER[kind] ?? '张主任' });
const append = (entry: Omit<NewEntry, 'recorded_at' | 'recorded_by'>, allocations: YearAmount[] = []) =>
  journalWriter(ctx.ledger).append({ ...(entry.kind === 'expense' ? { approved_by: '张主任' } : {}), ...entry, ...stampOf(entry.kind) } as NewEntry, allocations);
const verify = (expect?: { seq: number; code: string }): Promise<VerifyReport> => verifyLedger(ctx.ledger, ctx.now, { expect: expect ? [expect] : [] });
const firstProblem = async () => {
  const r = await verify();
  expect(r.ok).toBe(false);
  return r.problems[0]!;
};

beforeEach(async () => {
  ctx = await memoryLedger();
  const chair = as(ctx, '张主任');
  const collector = as(ctx, '李会计');
  await registerHouseholds(chair, [
    { code: '1-1-101', owner: '王五', areaCenti: 8650, phone: null, since: null },
    { code: '1-1-102', owner: '赵六', areaCenti: 9000, phone: null, since: null },
  ]);
  await billYear(chair, 2022); // seq 8, 9
  await billYear(chair, 2023); // seq 10, 11
  await collectFee(collector, { code: '1-1-101', amountFen: 60000, date: '2022-03-01', method: 'cash' }); // 12: R2022-0001
  await collectFee(collector, { code: '1-1-102', amountFen: 50000, date: '2022-04-01', method: 'wechat' }); // 13: R2022-0002
  await recordIncome(collector, { amountFen: 120000, category: '停车费', payer: '承包人', date: '2022-05-01', method: 'cash', note: null }); // 14: R2022-0003
  await spend(as(ctx, '王出纳'), { amountFen: 80000, category: '保洁', payee: '刘阿姨', item: '保洁', approvedBy: '张主任', voucher: '记-1', vote: null, date: '2022-05-02' }); // 15: E2022-0001
  await voidRecord(collector, 'R2022-0002', '收错户', '2022-06-01'); // 9
  await voidRecord(as(ctx, '王出纳'), 'E2022-0001', '重复', '2022-06-02'); // 10
  append({ kind: 'vote', number: 'V2022-01', date: '2022-06-03', item: '换门', rule: 'general', amount_fen: 100000, end_date: '2022-06-20' }); // 11
  append({ kind: 'ballot', date: '2022-06-04', vote: 'V2022-01', household: '1-1-101', party: '王五', choice: 'yes' }); // 12
  append({ kind: 'vote_close', date: '2022-06-21', vote: 'V2022-01', detail: '{}' }); // 13
  await lockPeriod(chair, '2022-06-30'); // 21 (dated today, 2023-07-15)
  await collectFee(collector, { code: '1-1-101', amountFen: 40000, date: '2023-01-05', method: 'cash' }); // 22: R2023-0001
});

describe('a ledger recorded only through the use cases', () => {
  it('verifies, with its counts, numbering, balance, lock and chain head', async () => {
    const r = await verify();
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({
      ok: true,
      entries: 22,
      kinds: { appointment: 4, setting: 1, household: 2, charge: 4, collection: 3, income: 1, expense: 1, void: 2, vote: 1, ballot: 1, vote_close: 1, lock: 1 },
      numbering: [
        { series: 'E2022', count: 1, first: 'E2022-0001', last: 'E2022-0001' },
        { series: 'R2022', count: 3, first: 'R2022-0001', last: 'R2022-0003' },
        { series: 'R2023', count: 1, first: 'R2023-0001', last: 'R2023-0001' },
        { series: 'V2022', count: 1, first: 'V2022-01', last: 'V2022-01' },
      ],
      first_date: '2000-01-01',
      last_date: '2023-07-15',
      // 607 + 500 + 1200 - 800 - 500 + 800 + 400
      balance_fen: 220000,
      locked_through: '2022-06-30',
      warnings: [],
    });
    expect(r.last_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await verify({ seq: r.entries, code: r.last_hash!.slice(0, 16) })).ok).toBe(true);
  });

  it('an empty ledger verifies too', async () => {
    const empty = await memoryLedger();
    const r = await verifyLedger(empty.ledger, empty.now);
    expect(r).toMatchObject({ ok: true, entries: 5, balance_fen: 0 });
  });
});

describe('entries with an intact chain that no use case would write', () => {
  it('a receipt number skipped', async () => {
    append({ kind: 'income', number: 'R2023-0003', date: '2023-02-01', category: '停车费', amount_fen: 100, cash_fen: 100 });
    const p = await firstProblem();
    expect(p).toMatchObject({ seq: 23, number: 'R2023-0003', check: 'numbering' });
    expect(p.text.en).toBe('entry 23 (R2023-0003): R2023-0002 is missing: R2023-0001 is followed by R2023-0003');
  });

  it('a series that does not start at 1, and numbers recorded out of order', async () => {
    append({ kind: 'expense', number: 'E2023-0002', date: '2023-02-01', category: '保洁', amount_fen: 100, cash_fen: -100 });
    append({ kind: 'expense', number: 'E2023-0001', date: '2023-02-01', category: '保洁', amount_fen: 100, cash_fen: -100 });
    const r = await verify();
    expect(r.problems.map((p) => p.text.en)).toEqual([
      "entry 23 (E2023-0002): E2023-0001 is missing: the year's vouchers start at E2023-0002",
      'entry 24 (E2023-0001): its number repeats or is out of order: it was recorded after E2023-0002',
    ]);
  });

  it("a number whose year is not its date's, or written differently, or of the wrong series", async () => {
    append({ kind: 'income', number: 'R2023-0002', date: '2022-12-31', category: '停车费', amount_fen: 100, cash_fen: 100 });
    append({ kind: 'income', number: 'R2023-03', date: '2023-02-01', category: '停车费', amount_fen: 100, cash_fen: 100 });
    append({ kind: 'expense', number: 'R2023-0004', date: '2023-02-01', category: '保洁', amount_fen: 100, cash_fen: -100 });
    append({ kind: 'charge', number: 'X1', date: '2023-02-01', household: '1-1-101', year: 2024, amount_fen: 100 });
    const r = await verify();
    expect(r.problems.map((p) => p.text.en)).toEqual([
      "entry 23 (R2023-0002): its number's year does not match its date 2022-12-31",
      'entry 24 (R2023-03): its number is not written as the ledger writes it (R2023-0003)',
      'entry 25 (R2023-0004): "R2023-0004" is not a voucher number',
      'entry 26 (X1): a charge record carries no number',
      // and the rules replayed: no bill that far ahead, nor of another amount than the standard's
      'entry 26 (X1): 2024 can be billed from 2023-12-01 on, not yet',
      'entry 26 (X1): its amount (100 fen) is not what the fee standard gives (50000 fen)',
    ]);
  });

  it('a collection allocated otherwise than oldest charge first', async () => {
    // 1-1-101 has paid 600 + 400 of 1000 billed; 1-1-102 owes 2022 and 2023 (its payment was voided).
    append({ kind: 'collection', number: 'R2023-0002', date: '2023-02-01', household: '1-1-102', amount_fen: 50000, cash_fen: 50000 }, [{ year: 2023, amountFen: 50000 }]);
    const p = await firstProblem();
    expect(p).toMatchObject({ seq: 23, check: 'allocation' });
    expect(p.text.en).toBe('entry 23 (R2023-0002): its allocation (2023: 500.00) is not what paying the oldest charges first gives (2022: 500.00)');
  });

  it('a prepayment recorded as paying a year', async () => {
    append({ kind: 'collection', number: 'R2023-0002', date: '2023-02-01', household: '1-1-101', amount_fen: 100, cash_fen: 100 }, [{ year: 2023, amountFen: 100 }]);
    expect((await firstProblem()).text.en).toMatch(/its allocation \(2023: 1\.00\) is not what paying the oldest charges first gives \(-\)$/);
  });

  it('a void that reverses something else than its target, or a charge, or a later entry, or is dated before it', async () => {
    append({ kind: 'void', date: '2023-02-01', target_seq: 14, amount_fen: 120000, cash_fen: -100000, category: '停车费' });
    append({ kind: 'void', date: '2023-02-01', target_seq: 8, household: '1-1-101', amount_fen: 50000, cash_fen: 0 });
    append({ kind: 'void', date: '2023-02-01', target_seq: 22, household: '1-1-101', amount_fen: 40000, cash_fen: -40000 }, [{ year: 2022, amountFen: -40000 }]);
    const r = await verify();
    expect(r.problems.map((p) => p.text.en)).toEqual([
      'entry 23 (void, 2023-02-01): it does not exactly reverse R2022-0003 (amount, allocation, household or category differ)',
      'entry 24 (void, 2023-02-01): it voids entry 8, which is not a receipt or expense recorded before it',
      'entry 25 (void, 2023-02-01): it does not exactly reverse R2023-0001 (amount, allocation, household or category differ)',
    ]);
    expect(r.problems.every((p) => p.check === 'void')).toBe(true);
  });

  it('a void dated before what it voids', async () => {
    append({ kind: 'void', date: '2023-01-04', target_seq: 22, household: '1-1-101', amount_fen: 40000, cash_fen: -40000 }, [{ year: 2022, amountFen: -40000 }]);
    expect((await firstProblem()).text.en).toBe('entry 23 (void, 2023-01-04): it is dated 2023-01-04, before R2023-0001 itself (2023-01-05)');
  });

  it('a lock that moves back, and an entry dated inside a locked period', async () => {
    append({ kind: 'lock', date: '2023-07-15', end_date: '2022-03-31' });
    append({ kind: 'income', number: 'R2023-0002', date: '2023-06-30', category: '停车费', amount_fen: 100, cash_fen: 100 });
    append({ kind: 'lock', date: '2023-07-15', end_date: '2023-06-30' });
    append({ kind: 'income', number: 'R2023-0003', date: '2023-06-30', category: '停车费', amount_fen: 100, cash_fen: 100 });
    const r = await verify();
    expect(r.problems.map((p) => p.text.en)).toEqual([
      'entry 23 (lock, 2023-07-15): a lock only moves forward, but it is not after 2022-06-30 (entry 21)',
      'entry 26 (R2023-0003): it is dated 2023-06-30, inside the period locked through 2023-06-30 by entry 25',
    ]);
    expect(r.locked_through).toBe('2023-06-30');
  });

  it('figures inconsistent with the kind of record', async () => {
    append({ kind: 'expense', number: 'E2023-0001', date: '2023-02-01', category: '保洁', amount_fen: 100, cash_fen: 100 });
    append({ kind: 'income', number: 'R2023-0002', date: '2023-02-01', category: '停车费', amount_fen: 100, cash_fen: 100 }, [{ year: 2023, amountFen: 100 }]);
    append({ kind: 'ballot', date: '2023-02-01', vote: 'V2022-01', household: '1-1-101', choice: 'no', cash_fen: 5 });
    append({ kind: 'collection', number: 'R2023-0003', date: '2023-02-01', household: '1-1-101', amount_fen: 100, cash_fen: 99 });
    const r = await verify();
    expect(r.problems.map((p) => p.text.en)).toEqual([
      'entry 23 (E2023-0001): an expense takes exactly its amount out of the fund',
      'entry 24 (R2023-0002): only collections, charges (paid from a prepayment) and voids are allocated to fee years',
      'entry 25 (ballot, 2023-02-01): vote V2022-01 closed on 2022-06-21; no more ballots',
      'entry 25 (ballot, 2023-02-01): a ballot record moves no cash',
      'entry 26 (R2023-0003): a collection brings exactly its amount into the fund',
    ]);
    expect(r.problems.every((p) => p.check === 'record' || p.check === 'rule')).toBe(true);
  });

  it('an expense that took the fund below zero fails, named by the rule, and the day is said', async () => {
    append({ kind: 'expense', number: 'E2022-0002', date: '2022-07-01', category: '保洁', amount_fen: 190000, cash_fen: -190000 });
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => [p.check, p.text.en])).toEqual([
      ['rule', 'entry 23 (E2022-0002): the fund holds 1,800.00 on 2022-07-01; paying out 1,900.00 would take it below zero'],
    ]);
    expect(r.warnings.map((w) => w.en)).toEqual([
      'by date, the fund stood below zero: -100.00 at the end of 2022-07-01 (a late-entered record may carry a wrong date)',
    ]);
  });
});

describe('edits behind the tool’s back', () => {
  /** Drops the guards on entries and allocations; the returned function puts them back exactly as they were. */
  const dropGuards = () => {
    const saved = ctx.ledger.sqlite!
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('entries', 'allocations')")
      .all() as { name: string; sql: string }[];
    for (const t of saved) ctx.ledger.sqlite!.exec(`DROP TRIGGER ${t.name}`);
    return () => {
      for (const t of saved) ctx.ledger.sqlite!.exec(t.sql);
    };
  };

  it('the triggers refuse UPDATE and DELETE on money records and categories', () => {
    expect(() => ctx.ledger.sqlite!.exec('UPDATE entries SET amount_fen = 1 WHERE seq = 12')).toThrow(/append-only/);
    expect(() => ctx.ledger.sqlite!.exec('DELETE FROM allocations')).toThrow(/append-only/);
    expect(() => ctx.ledger.sqlite!.exec("UPDATE categories SET name_en = 'x' WHERE name = '保洁'")).toThrow(/append-only/);
    expect(() => ctx.ledger.sqlite!.exec('DELETE FROM schema_migrations')).toThrow(/append-only/);
  });

  it('a dropped trigger is itself a problem, and so is an object ledger did not make', async () => {
    ctx.ledger.sqlite!.exec('DROP TRIGGER entries_no_update; CREATE VIEW peek AS SELECT 1;');
    const r = await verify();
    expect(r.problems.map((p) => [p.check, p.text.en])).toEqual([
      ['schema', "the trigger entries_no_update is missing: records could be changed behind the tool's back"],
      ['schema', 'there is an extra view peek that ledger did not make'],
    ]);
  });

  it('an amount changed', async () => {
    dropGuards();
    ctx.ledger.sqlite!.exec('UPDATE entries SET amount_fen = 5000, cash_fen = 5000 WHERE seq = 13');
    const p = (await verify()).problems[0]!;
    expect(p.text.en).toBe('entry 13 (R2022-0002): hash does not match its content — the record was changed outside ledger');
  });

  it('an allocation changed', async () => {
    dropGuards();
    ctx.ledger.sqlite!.exec('UPDATE allocations SET year = 2024 WHERE entry_seq = 12 AND year = 2023');
    expect((await verify()).problems[0]!.text.en).toBe('entry 12 (R2022-0001): hash does not match its content — the record was changed outside ledger');
  });

  it('an entry deleted', async () => {
    dropGuards();
    ctx.ledger.sqlite!.exec('PRAGMA foreign_keys = OFF; DELETE FROM allocations WHERE entry_seq = 13; DELETE FROM entries WHERE seq = 13');
    const r = await verify();
    expect(r.problems[0]!.text.en).toBe('entry 14 (R2022-0003): entry 13 before it is missing — records were deleted outside ledger');
    expect(r.problems.map((p) => p.check)).toContain('numbering');
  });

  it('an allocation with no entry', async () => {
    ctx.ledger.sqlite!.exec('PRAGMA foreign_keys = OFF; INSERT INTO allocations VALUES (99, 2022, 100)');
    const r = await verify();
    expect(r.problems.map((p) => [p.check, p.text.en])).toEqual([
      ['reference', expect.stringMatching(/^a row of allocations \(rowid \d+\) refers to a entries row that does not exist$/)],
    ]);
  });

  it('the tail cut off: only a published chain head shows it', async () => {
    const before = await verify();
    const head = before.last_hash!;
    const restore = dropGuards();
    ctx.ledger.sqlite!.exec('DELETE FROM allocations WHERE entry_seq = 22; DELETE FROM entries WHERE seq = 22');
    restore();
    expect((await verify()).ok).toBe(true);
    const r = await verify({ seq: before.entries, code: head.slice(0, 16) });
    expect(r.problems.map((p) => [p.check, p.text.en])).toEqual([
      ['head', `entry 22 (check code ${head.slice(0, 16)}), published earlier, is no longer in the ledger: the history was cut short`],
    ]);
  });
});
