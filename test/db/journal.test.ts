// The bulk appender (imports) writes exactly the entries `append` writes: the same columns,
// the same allocations, the same hashes, so the chain is the same whichever wrote it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bulkAppender, ENTRY_COLUMNS, entryContent, journalWriter, type NewEntry } from '../../src/db/journal.js';
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

describe('bulkAppender, any values', () => {
  // The bulk appender writes the text it hashes from pieces made once; `append` stringifies
  // every column. Whatever the values (quotes, backslashes, line separators, lone surrogates,
  // negative or large numbers, empty cells, allocations in any order), the hashes must agree.
  const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('"', '\\', '\u2028', '\ud800', '\u0000', ''));
  const entry = fc.record({
    number: text,
    date: text,
    household: fc.option(text),
    amount: fc.integer({ min: -1e12, max: 1e12 }),
    method: fc.option(text),
    ref: fc.option(text),
    allocations: fc.uniqueArray(fc.record({ year: fc.integer({ min: 1900, max: 2200 }), amountFen: fc.integer({ min: -1e9, max: 1e9 }) }), { maxLength: 5, selector: (a) => a.year }),
  });
  it('hashes what append hashes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 8 }), fc.string({ minLength: 1 }), async (entries, by) => {
        const one = await memoryLedger();
        const other = await memoryLedger();
        const shared = { kind: 'collection', note: null, recorded_at: stamp.recorded_at, recorded_by: by } as const;
        // Receipt numbers are kept unique; the household need not be on the register here.
        for (const ctx of [one, other]) ctx.ledger.sqlite!.pragma('foreign_keys = OFF');
        const hashes = (ctx: typeof one) => ctx.ledger.sqlite!.prepare('SELECT seq, hash FROM entries ORDER BY seq').raw().all();
        one.ledger.sqlite!.transaction(() => {
          const journal = journalWriter(one.ledger);
          for (const [i, e] of entries.entries()) journal.append({ ...shared, number: `${i}${e.number}`, date: e.date, household: e.household, amount_fen: e.amount, cash_fen: e.amount, method: e.method, ref: e.ref } as NewEntry, e.allocations);
        })();
        other.ledger.sqlite!.transaction(() => {
          const journal = bulkAppender(other.ledger, shared, ['number', 'date', 'household', 'amount_fen', 'cash_fen', 'method', 'ref']);
          for (const [i, e] of entries.entries()) journal.append([`${i}${e.number}`, e.date, e.household, e.amount, e.amount, e.method, e.ref], e.allocations);
        })();
        expect(hashes(other)).toEqual(hashes(one));
      }),
      { numRuns: 60 },
    );
  });
});

describe('entryContent', () => {
  // The text every hash covers, as it has always been: JSON of the columns in ENTRY_COLUMNS order
  // followed by the allocations as [year, amount] pairs by year. Ledgers already written hash so.
  it('is JSON of the columns, then the allocations by year', () => {
    const value = fc.oneof(fc.constant(null), fc.string({ unit: 'binary' }), fc.integer({ min: -1e12, max: 1e12 }));
    fc.assert(
      fc.property(
        fc.array(value, { minLength: ENTRY_COLUMNS.length, maxLength: ENTRY_COLUMNS.length }),
        fc.array(fc.record({ year: fc.integer({ min: 1900, max: 2200 }), amountFen: fc.integer({ min: -1e9, max: 1e9 }) }), { maxLength: 6 }),
        (values, allocations) => {
          const row = Object.fromEntries(ENTRY_COLUMNS.map((c, i) => [c, values[i]])) as unknown as Parameters<typeof entryContent>[0];
          const pairs = [...allocations].sort((a, b) => a.year - b.year).map((a) => [a.year, a.amountFen]);
          expect(entryContent(row, allocations)).toBe(JSON.stringify([...values, pairs]));
        },
      ),
    );
  });
});
