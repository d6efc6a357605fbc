/**
 * The staging of an import (db/import-repo.ts `collectionStaging`): whatever order the rows
 * come in, they are handed back by date, then by line, every one of them once, a page at a
 * time: a file in date order as it came, one that goes back in time (even at its very last
 * row) sorted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectionStaging, type StagedCollection } from '../../src/db/import-repo.js';
import type { IsoDate } from '../../src/domain/dates.js';
import { memoryLedger } from '../helpers/memory-ledger.js';

const row = (line: number, date: string): StagedCollection => ({
  line,
  date: date as IsoDate,
  code: `H-${line % 97}`,
  amount_fen: line * 100,
  method: line % 2 ? 'cash' : 'wechat',
  ref: line % 3 ? null : `No."${line}"\n`,
});
const byDate = (rows: StagedCollection[]) => [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line));
const dayOf = (i: number) => `2022-${String(1 + Math.floor(i / 28) % 12).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;

async function staged(rows: StagedCollection[]) {
  const { ledger } = await memoryLedger();
  return ledger.sqlite!.transaction(() => {
    const staging = collectionStaging(ledger);
    for (const r of rows) staging.add(r);
    return { summary: staging.summary(), back: [...staging.inDateOrder()] };
  })();
}

describe('collectionStaging', () => {
  it('hands a file in date order back as it came, across many pages', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(i + 2, dayOf(Math.floor(i / 9))));
    const { summary, back } = await staged(rows);
    expect(summary).toEqual({ rows: 3000, firstDate: '2022-01-01' });
    expect(back).toEqual(rows);
  });

  it('sorts a file whose last row goes back in time', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(i + 2, dayOf(100 + Math.floor(i / 9))));
    rows.push(row(3002, '2021-12-31'));
    const { summary, back } = await staged(rows);
    expect(summary).toEqual({ rows: 3001, firstDate: '2021-12-31' });
    expect(back[0]).toEqual(row(3002, '2021-12-31'));
    expect(back).toEqual(byDate(rows));
  });

  it('hands back any rows by date, then line', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 700 }), async (days) => {
        const rows = days.map((d, i) => row(i + 2, dayOf(d)));
        const { summary, back } = await staged(rows);
        expect(summary).toEqual({ rows: rows.length, firstDate: rows.length ? byDate(rows)[0]!.date : null });
        expect(back).toEqual(byDate(rows));
      }),
      { numRuns: 40 },
    );
  });
});
