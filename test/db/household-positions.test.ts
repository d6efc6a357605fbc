// An import allocates each payment against the household's position, read once per household
// (db/sqlite/import-staging.ts): one read of its slice of the index, summed in JS, must give
// what the two grouped queries it replaced gave, whatever the household's history.
import { describe, expect, it } from 'vitest';
import { billYear } from '../../src/app/billing.js';
import { collectFee } from '../../src/app/collections.js';
import { voidRecord } from '../../src/app/corrections.js';
import { refund, waiveFees } from '../../src/app/fee-adjustments.js';
import { registerHouseholds } from '../../src/app/households.js';
import { CHARGE_EFFECT_SQL } from '../../src/db/entries-repo.js';
import { sqliteHouseholdPositions } from '../../src/db/sqlite/import-staging.js';
import { as, memoryLedger } from '../helpers/memory-ledger.js';

describe('a household’s position for an import', () => {
  it('is what the grouped queries make of it: charges net of waivers and voids by year, payments net of refunds and voids', async () => {
    const ctx = await memoryLedger();
    const chair = as(ctx, '张主任');
    const collector = as(ctx, '李会计');
    const codes = ['1-1-101', '1-1-102', '1-1-103', '1-1-104', '1-1-105'];
    await registerHouseholds(chair, codes.map((code, i) => ({ code, owner: `业主${i}`, areaCenti: 8000 + 500 * i, phone: null, since: null })));
    await billYear(chair, 2022);
    await billYear(chair, 2023);
    await collectFee(collector, { code: '1-1-101', amountFen: 150000, date: '2022-03-01', method: 'cash' }); // R2022-0001, with credit
    await collectFee(collector, { code: '1-1-102', amountFen: 20000, date: '2022-03-02', method: 'cash' }); // R2022-0002
    await collectFee(collector, { code: '1-1-102', amountFen: 30000, date: '2022-03-03', method: 'cash' }); // R2022-0003
    await voidRecord(collector, 'R2022-0003', '收错', '2022-03-04');
    await waiveFees(collector, [{ code: '1-1-103', year: 2022, amountFen: 10000, reason: '空置', date: '2022-04-01' }, { code: '1-1-104', year: 2023, amountFen: null, reason: '低保', date: '2023-04-01' }], '赵监督');
    await refund(collector, { code: '1-1-101', amountFen: 5000, reason: '多交', date: '2023-05-01', method: 'cash', approvedBy: '张主任' });
    const sqlite = ctx.ledger.sqlite!;
    const charges = sqlite.prepare(
      `SELECT year, SUM(${CHARGE_EFFECT_SQL}) AS amount_fen FROM entries WHERE household = ? AND kind IN ('charge', 'waiver', 'void') AND year IS NOT NULL
        GROUP BY year HAVING SUM(kind = 'charge') > 0 ORDER BY year`,
    );
    const paid = sqlite.prepare("SELECT COALESCE(SUM(cash_fen), 0) AS paid FROM entries WHERE household = ? AND kind IN ('collection', 'refund', 'void')");
    const position = sqliteHouseholdPositions(sqlite);
    for (const code of [...codes, '9-9-999']) {
      const expected = {
        charges: (charges.all(code) as { year: number; amount_fen: number }[]).map((c) => ({ year: c.year, amountFen: c.amount_fen })),
        paidFen: (paid.get(code) as { paid: number }).paid,
      };
      expect(await position(code)).toEqual(expected);
    }
    // The history above is all there: waivers, a void, a refund.
    expect(sqlite.prepare("SELECT kind, COUNT(*) AS n FROM entries WHERE kind IN ('waiver', 'void', 'refund') GROUP BY kind ORDER BY kind").all()).toEqual([
      { kind: 'refund', n: 1 }, { kind: 'void', n: 1 }, { kind: 'waiver', n: 2 },
    ]);
  });
});
