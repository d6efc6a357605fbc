// The journal's walk (verify, copy): every entry once, in seq order, with exactly its own
// allocations, across pages; and each row shaped under the names its columns have.
import { describe, expect, it } from 'vitest';
import { journalWriter, type NewEntry } from '../../src/db/journal.js';
import { journalPages, STORED_COLUMNS, storedRow, type StoredEntry } from '../../src/db/verify-repo.js';
import { memoryLedger } from '../helpers/memory-ledger.js';

const stamp = { recorded_at: '2023-07-15T02:00:00.000Z', recorded_by: '李会计' };

async function walk(ctx: Awaited<ReturnType<typeof memoryLedger>>): Promise<{ pages: number; entries: StoredEntry[] }> {
  const entries: StoredEntry[] = [];
  let pages = 0;
  for await (const page of journalPages(ctx.ledger)) {
    pages += 1;
    entries.push(...page);
  }
  return { pages, entries };
}

describe('storedRow', () => {
  it('puts each stored column under its own name', () => {
    const values = STORED_COLUMNS.map((c) => `value of ${c}`);
    const row = storedRow(values) as unknown as Record<string, unknown>;
    expect(Object.keys(row)).toEqual([...STORED_COLUMNS]);
    for (const c of STORED_COLUMNS) expect(row[c]).toBe(`value of ${c}`);
  });

  it('is every column of the entries table', async () => {
    const ctx = await memoryLedger();
    const columns = ctx.ledger.sqlite!.prepare("SELECT name FROM pragma_table_info('entries')").pluck().all();
    expect([...STORED_COLUMNS].sort()).toEqual([...(columns as string[])].sort());
  });
});

describe('journalPages', () => {
  it('gives every entry once, in seq order, with its own allocations, over several pages', async () => {
    const ctx = await memoryLedger();
    const before = (await walk(ctx)).entries.length;
    const n = 5000;
    ctx.ledger.sqlite!.transaction(() => {
      const journal = journalWriter(ctx.ledger);
      for (let i = 1; i <= n; i++) {
        // Every third entry has allocations (two years, given out of order), the rest none.
        const allocations = i % 3 === 0 ? [{ year: 2023, amountFen: i }, { year: 2022, amountFen: 1 }] : [];
        journal.append({ kind: 'collection', number: `R2023-${i}`, date: '2023-07-15', household: '1-1-101', amount_fen: i + 1, cash_fen: i + 1, method: 'cash', ...stamp } as NewEntry, allocations);
      }
    })();
    const { pages, entries } = await walk(ctx);
    expect(pages).toBeGreaterThan(1);
    expect(entries.length).toBe(before + n);
    expect(entries.map((e) => e.row.seq)).toEqual(entries.map((_, i) => i + 1));
    const stored = ctx.ledger.sqlite!.prepare('SELECT * FROM entries ORDER BY seq').all();
    expect(entries.map((e) => e.row)).toEqual(stored);
    for (const e of entries.slice(before)) {
      const i = Number(e.row.number!.slice(6));
      expect(e.allocations).toEqual(i % 3 === 0 ? [{ year: 2022, amountFen: 1 }, { year: 2023, amountFen: i }] : []);
    }
  });
});
