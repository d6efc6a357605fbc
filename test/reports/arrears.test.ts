// Arrears computed by aggregates in SQL (db/arrears-repo.ts) agree with the plain reading of
// the rule: every charge owed by the day, every payment and void by the day, oldest year
// paid first — on random ledgers, for random days.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outstanding } from '../../src/domain/allocation.js';
import { chargesAsOf, paymentsAsOf } from '../../src/db/entries-repo.js';
import { registerHouseholds } from '../../src/app/households.js';
import { journalWriter } from '../../src/db/journal.js';
import type { LedgerDb } from '../../src/db/open-database.js';
import { arrearsReport } from '../../src/reports/arrears.js';
import { memoryLedger } from '../helpers/memory-ledger.js';

/** What arrears must say, read the plain way: everything of every household, in JS. */
async function reference(ledger: LedgerDb, asOf: string) {
  const charges = new Map<string, { year: number; amountFen: number }[]>();
  for (const c of await chargesAsOf(ledger, asOf)) {
    charges.set(c.household, [...(charges.get(c.household) ?? []), { year: c.year, amountFen: c.amount_fen }]);
  }
  const paid = await paymentsAsOf(ledger, asOf);
  const households = [...charges]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, list]) => ({ code, owed: outstanding(list, paid.get(code) ?? 0).owed }))
    .filter((h) => h.owed.length > 0)
    .map((h) => ({ code: h.code, owed_fen: h.owed.reduce((s, o) => s + o.amountFen, 0), years: h.owed.map((o) => ({ year: o.year, owed_fen: o.amountFen })) }));
  return { as_of: asOf, total_fen: households.reduce((s, h) => s + h.owed_fen, 0), households };
}

const day = fc.integer({ min: 0, max: 4 * 365 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86400000).toISOString().slice(0, 10));

describe('arrears from SQL aggregates', () => {
  it('agrees with the plain reading on random ledgers', async () => {
    const ledgerArb = fc.record({
      households: fc.integer({ min: 1, max: 6 }),
      charges: fc.array(fc.record({ h: fc.nat(5), year: fc.integer({ min: 2020, max: 2023 }), fen: fc.integer({ min: 1, max: 900 }).map((x) => x * 100), late: fc.nat(200) }), { maxLength: 20 }),
      payments: fc.array(fc.record({ h: fc.nat(5), date: day, fen: fc.integer({ min: 1, max: 1500 }).map((x) => x * 100), voidAfter: fc.option(fc.nat(100)) }), { maxLength: 25 }),
      days: fc.array(day, { minLength: 1, maxLength: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (g) => {
        const { ledger, now } = await memoryLedger();
        const stamp = { recorded_at: now.toISOString(), recorded_by: 'test' };
        const codes = Array.from({ length: g.households }, (_, i) => `${i % 2 ? '楼' : 'B'}-${i}`);
        await registerHouseholds({ ledger, by: '张主任', now }, codes.map((code) => ({ code, owner: `业主${code}`, areaCenti: 8000, phone: null, since: null })));
        const journal = journalWriter(ledger);
        const billed = new Set<string>();
        const billedDates: string[] = [];
        for (const c of g.charges) {
          const code = codes[c.h % codes.length]!;
          if (billed.has(`${code}/${c.year}`)) continue;
          billed.add(`${code}/${c.year}`);
          const date = new Date(Date.UTC(c.year, 0, 1) + c.late * 86400000).toISOString().slice(0, 10);
          journal.append({ kind: 'charge', date, household: code, year: c.year, amount_fen: c.fen, ...stamp });
          billedDates.push(date);
        }
        const dates = [...billedDates];
        let n = 0;
        for (const p of g.payments) {
          dates.push(p.date);
          const code = codes[p.h % codes.length]!;
          const row = journal.append({ kind: 'collection', number: `R-${++n}`, date: p.date, household: code, amount_fen: p.fen, cash_fen: p.fen, method: 'cash', ...stamp });
          if (p.voidAfter !== null) {
            const date = new Date(Date.parse(p.date) + p.voidAfter * 86400000).toISOString().slice(0, 10);
            journal.append({ kind: 'void', date, household: code, target_seq: row.seq, amount_fen: p.fen, cash_fen: -p.fen, note: 'x', ...stamp });
            dates.push(date);
          }
        }
        // Random days, and the very days entries fall on (the boundaries are inclusive).
        for (const asOf of [...g.days, ...dates.slice(0, 6), '2099-12-31']) {
          const got = await arrearsReport(ledger, asOf);
          const want = await reference(ledger, asOf);
          expect(got.total_fen).toBe(want.total_fen);
          expect(got.households.map(({ owner: _o, ...h }) => h)).toEqual(want.households);
          for (const h of got.households) expect(h.owner).toBe(`业主${h.code}`);
        }
        ledger.sqlite!.close();
      }),
      { numRuns: 150 },
    );
  });
});
