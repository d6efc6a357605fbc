// The bulk appender (imports) writes exactly the entries `append` writes: the same columns,
// the same allocations, the same hashes, so the chain is the same whichever wrote it.
import { describe, expect, it } from 'vitest';
import { bulkAppender, journalWriter, type NewEntry } from '../../src/db/journal.js';
import type { YearAmount } from '../../src/domain/allocation.js';
import { memoryLedger } from '../helpers/memory-ledger.js';

const stamp = { recorded_at: '2023-07-15T02:00:00.000Z', recorded_by: '李会计' };
const rows: [string, string, string, number, string, string | null, YearAmount[]][] = [
  ['R2022-0001', '2022-03-01', '1-1-101', 60000, 'cash', null, [{ year: 2022, amountFen: 60000 }]],
  ['R2022-0002', '2022-03-02', '1-1-102', 150000, 'wechat', 'No.7', [{ year: 2023, amountFen: 60000 }, { year: 2021, amountFen: 50000 }, { year: 2022, amountFen: 40000 }]],
  ['R2022-0003', '2022-03-02', '1-1-"103"\\', 100, 'bank', '收据 "8"\u2028', []],
];

const dump = (ctx: Awaited<ReturnType<typeof memoryLedger>>) => ({
  entries: ctx.ledger.sqlite!.prepare('SELECT * FROM entries ORDER BY seq').all(),
  allocations: ctx.ledger.sqlite!.prepare('SELECT * FROM allocations ORDER BY entry_seq, year').all(),
});

describe('bulkAppender', () => {
  it('appends what journalWriter.append appends, hash for hash', async () => {
    const one = await memoryLedger();
    const other = await memoryLedger();
    one.ledger.sqlite!.transaction(() => {
      const journal = journalWriter(one.ledger);
      for (let i = 0; i < 30; i++) {
        for (const [number, date, household, amount, method, ref, allocations] of rows) {
          journal.append({ kind: 'collection', number: `${number}-${i}`, date, household, amount_fen: amount, cash_fen: amount, method, note: null, ref, ...stamp } as NewEntry, allocations);
        }
      }
    })();
    other.ledger.sqlite!.transaction(() => {
      const journal = bulkAppender(other.ledger, { kind: 'collection', note: null, ...stamp }, ['number', 'date', 'household', 'amount_fen', 'cash_fen', 'method', 'ref']);
      for (let i = 0; i < 30; i++) {
        for (const [number, date, household, amount, method, ref, allocations] of rows) journal.append([`${number}-${i}`, date, household, amount, amount, method, ref], allocations);
      }
      journal.finish();
    })();
    const a = dump(one);
    // 30 rounds: more allocations than one INSERT of them holds, and some left for `finish`.
    expect(a.entries.length).toBeGreaterThan(rows.length * 30);
    expect(a.allocations.length).toBe(30 * 4);
    expect(dump(other)).toEqual(a);
  });

  it('refuses to vary a column it was given, or seq', async () => {
    const ctx = await memoryLedger();
    expect(() => bulkAppender(ctx.ledger, { kind: 'collection', ...stamp }, ['seq' as never])).toThrow();
    expect(() => bulkAppender(ctx.ledger, { kind: 'collection', ...stamp }, ['kind'])).toThrow();
  });
});
