import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { castBallot, closeVote, importBallots, openVote, setFollowMajority } from '../../src/app/votes.js';
import { voteJson, voteState } from '../../src/reports/vote-state.js';
import { spend } from '../../src/app/expenses.js';
import { recordIncome } from '../../src/app/income.js';
import { voidRecord } from '../../src/app/corrections.js';
import { registerHouseholds, type HouseholdInput } from '../../src/app/households.js';
import { LedgerError } from '../../src/domain/errors.js';
import { journalWriter } from '../../src/db/journal.js';
import type { Choice } from '../../src/domain/vote-rules.js';
import { as, memoryLedger } from '../helpers/memory-ledger.js';

/*
 * The vote use cases in process, on in-memory ledgers built from the real schema
 * (张主任 chair, 李会计 collector, 王出纳 reimburser, 赵监督 supervisor).
 */

const CHOICES: Choice[] = ['yes', 'no', 'abstain'];

/** Exact reference: counts with BigInt from the final choice of each owner. */
function reference(units: HouseholdInput[], finalChoice: Map<string, Choice>) {
  const area = new Map<string, bigint>();
  for (const u of units) area.set(u.owner, (area.get(u.owner) ?? 0n) + BigInt(u.areaCenti));
  const tally = (owners: string[]) => ({ owners: owners.length, areaCenti: Number(owners.reduce((s, o) => s + area.get(o)!, 0n)) });
  const voters = [...finalChoice.keys()];
  const by = (c: Choice) => tally(voters.filter((o) => finalChoice.get(o) === c));
  const eligible = tally([...area.keys()]);
  const p = tally(voters);
  const yes = by('yes');
  const quorum = 3n * BigInt(p.owners) >= 2n * BigInt(eligible.owners) && 3n * BigInt(p.areaCenti) >= 2n * BigInt(eligible.areaCenti);
  const passed = p.owners > 0 && quorum && 2n * BigInt(yes.owners) > BigInt(p.owners) && 2n * BigInt(yes.areaCenti) > BigInt(p.areaCenti);
  return { eligible, participated: p, yes, no: by('no'), abstain: by('abstain'), quorum, passed };
}

const registerArb = fc
  .array(fc.record({ owner: fc.integer({ min: 0, max: 7 }), areaCenti: fc.integer({ min: 1, max: 30000 }) }), { minLength: 1, maxLength: 12 })
  .map((rows) => rows.map((r, i): HouseholdInput => ({ code: `1-1-${100 + i}`, owner: `业主${r.owner}`, areaCenti: r.areaCenti, phone: null, since: null })));

describe('ballots: the latest from each owner counts', () => {
  it('after any sequence of casts and imports, the frozen tally equals an exact count of each owner\'s last choice', async () => {
    await fc.assert(
      fc.asyncProperty(
        registerArb,
        fc.array(
          fc.record({ unit: fc.nat(), choice: fc.constantFrom(...CHOICES), batch: fc.boolean(), day: fc.integer({ min: 0, max: 2 }) }),
          { maxLength: 25 },
        ),
        async (units, casts) => {
          const ctx = await memoryLedger();
          await registerHouseholds(ctx, units);
          await openVote(ctx, { title: '测试', budgetFen: null, rule: 'general', closesOn: null, date: '2023-07-01' });
          const final = new Map<string, Choice>();
          let day = 1;
          // Days never go back, so every ballot may be recorded; a batch is one import file
          // (one ballot per owner in it), the rest single casts.
          for (let i = 0; i < casts.length; ) {
            const c = casts[i]!;
            day = Math.min(14, day + c.day);
            const date = `2023-07-${String(day).padStart(2, '0')}`;
            if (c.batch) {
              const inFile = new Map<string, { code: string; choice: Choice }>();
              for (; i < casts.length && casts[i]!.batch; i++) {
                const u = units[casts[i]!.unit % units.length]!;
                if (!inFile.has(u.owner)) inFile.set(u.owner, { code: u.code, choice: casts[i]!.choice });
              }
              await importBallots(ctx, 'V2023-01', [...inFile.values()], date);
              for (const [owner, b] of inFile) final.set(owner, b.choice);
            } else {
              const u = units[c.unit % units.length]!;
              const r = await castBallot(ctx, 'V2023-01', { code: u.code, choice: c.choice }, date);
              expect(r.replaced).toBe(final.get(u.owner) ?? null);
              final.set(u.owner, c.choice);
              i++;
            }
          }
          const closed = await closeVote(ctx, 'V2023-01', '2023-07-15');
          const ref = reference(units, final);
          const r = closed.result;
          expect({ eligible: r.eligible, participated: r.participated, yes: r.yes, no: r.no, abstain: r.abstain }).toEqual({
            eligible: ref.eligible, participated: ref.participated, yes: ref.yes, no: ref.no, abstain: ref.abstain,
          });
          expect(r.quorumMet).toBe(ref.quorum);
          expect(closed.passed).toBe(ref.passed);
          // Frozen: read back from the close entry, the same.
          expect((await voteState(ctx, 'V2023-01')).result).toEqual(r);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('formats area_m2 from integer hundredths exactly', async () => {
    const ctx = await memoryLedger();
    await registerHouseholds(ctx, [
      { code: 'A', owner: '甲', areaCenti: 992003, phone: null, since: null },
      { code: 'B', owner: '乙', areaCenti: 10, phone: null, since: null },
      { code: 'C', owner: '丙', areaCenti: 1, phone: null, since: null },
    ]);
    await openVote(ctx, { title: 't', budgetFen: null, rule: 'general', closesOn: null, date: '2023-07-01' });
    await importBallots(ctx, 'V2023-01', [{ code: 'A', choice: 'yes' }, { code: 'B', choice: 'no' }], '2023-07-02');
    const j = voteJson(await voteState(ctx, 'V2023-01'));
    expect(j.eligible).toEqual({ owners: 3, area_m2: 9920.14 });
    expect(j.yes).toEqual({ owners: 1, area_m2: 9920.03 });
    expect(j.no).toEqual({ owners: 1, area_m2: 0.1 });
    expect(JSON.stringify(j.participated)).toBe('{"owners":2,"area_m2":9920.13}');
  });
});

describe('spending against a vote', () => {
  async function funded() {
    const ctx = await memoryLedger();
    await registerHouseholds(ctx, [
      { code: 'A', owner: '甲', areaCenti: 10000, phone: null, since: null },
      { code: 'B', owner: '乙', areaCenti: 10000, phone: null, since: null },
      { code: 'C', owner: '丙', areaCenti: 10000, phone: null, since: null },
    ]);
    await recordIncome(as(ctx, '李会计'), { amountFen: 1_000_000, category: '停车费', payer: null, date: '2023-01-02', method: null, note: null });
    await openVote(ctx, { title: '换水泵', budgetFen: 500_000, rule: 'general', closesOn: null, date: '2023-02-01' });
    await importBallots(ctx, 'V2023-01', [{ code: 'A', choice: 'yes' }, { code: 'B', choice: 'yes' }, { code: 'C', choice: 'no' }], '2023-02-02');
    await closeVote(ctx, 'V2023-01', '2023-02-03');
    return ctx;
  }
  const pay = (amountFen: number, date: string, vote: string | null = 'V2023-01') => ({
    amountFen, category: '维修', payee: '水泵厂', item: '水泵', approvedBy: '赵监督', voucher: null, vote, date,
  });

  it('tracks the budget: spent is expenses less voids, and a spend that would pass the budget is refused', async () => {
    const ctx = await funded();
    const r = as(ctx, '王出纳');
    await spend(r, pay(300_000, '2023-02-10'));
    const second = await spend(r, pay(200_000, '2023-02-11'));
    expect(second.budget_left_fen).toBe(0);
    await expect(spend(r, pay(1, '2023-02-12'))).rejects.toThrow(/exceeds the budget of vote V2023-01: budget 5,000.00, spent 5,000.00, 0.00 left/);
    await voidRecord(r, 'E2023-0001', '重复报账', '2023-02-12');
    const s = await voteState(ctx, 'V2023-01');
    expect(s.spentFen).toBe(200_000);
    expect((await spend(r, pay(300_000, '2023-02-13'))).number).toBe('E2023-0003');
  });

  it('keeps every later day at or above zero when an expense is backdated', async () => {
    const ctx = await funded();
    const r = as(ctx, '王出纳');
    await spend(r, pay(500_000, '2023-03-01'));
    await spend(r, pay(150_000, '2023-03-02', null));
    await spend(r, pay(150_000, '2023-03-03', null));
    // The fund: 10,000 until 3-1, then 5,000, 3,500, 2,000. 1,999 dated 2-15 fits on 2-15 (10,000)
    // and on every later day; 1,999 + 1 more does not fit on 3-3.
    await spend(r, pay(199_900, '2023-02-15', null));
    const err = await spend(r, pay(200, '2023-02-20', null)).catch((e: LedgerError) => e);
    expect(err).toBeInstanceOf(LedgerError);
    expect((err as LedgerError).exitCode).toBe(1);
    expect((err as LedgerError).text.en).toBe('the fund holds 1.00 on 2023-03-03; paying out 2.00 on 2023-02-20 would take it below zero then');
    expect((await spend(r, pay(100, '2023-02-20', null))).balance_fen).toBe(1_000_000 - 199_900 - 100);
  });

  it('refuses an expense, a ballot or a vote dated in a locked period', async () => {
    const ctx = await funded();
    await openVote(ctx, { title: '第二项', budgetFen: null, rule: 'general', closesOn: null, date: '2023-02-01' });
    // A lock entry as `ledger lock --through 2023-02-28` writes it.
    journalWriter(ctx.ledger).append({ kind: 'lock', date: '2023-03-01', end_date: '2023-02-28', recorded_at: ctx.now.toISOString(), recorded_by: '张主任' });
    const count = () => ctx.ledger.sqlite!.prepare('SELECT count(*) AS n FROM entries').get();
    const before = count();
    await expect(spend(as(ctx, '王出纳'), pay(100, '2023-02-20', null))).rejects.toThrow(/2023-02-20 is in a closed period/);
    await expect(castBallot(ctx, 'V2023-02', { code: 'A', choice: 'yes' }, '2023-02-27')).rejects.toThrow(/closed period/);
    await expect(openVote(ctx, { title: 't', budgetFen: null, rule: 'general', closesOn: null, date: '2023-02-28' })).rejects.toThrow(/closed period/);
    await expect(closeVote(ctx, 'V2023-02', '2023-02-28')).rejects.toThrow(/closed period/);
    expect(count()).toEqual(before);
    expect((await spend(as(ctx, '王出纳'), pay(100, '2023-03-01', null))).number).toBe('E2023-0001');
  });

  it('decides by the adjusted tally with 从众 on, frozen with the vote', async () => {
    const ctx = await memoryLedger();
    await registerHouseholds(ctx, ['A', 'B', 'C', 'D', 'E', 'F'].map((c) => ({ code: c, owner: `业主${c}`, areaCenti: 10000, phone: null, since: null })));
    await setFollowMajority(ctx, true);
    await openVote(ctx, { title: 't', budgetFen: null, rule: 'general', closesOn: null, date: '2023-02-01' });
    await setFollowMajority(ctx, false);
    await importBallots(ctx, 'V2023-01', [{ code: 'A', choice: 'yes' }, { code: 'B', choice: 'yes' }, { code: 'C', choice: 'no' }], '2023-02-02');
    const closed = await closeVote(ctx, 'V2023-01', '2023-02-03');
    expect(closed.result.passed).toBe(false); // 3 of 6 owners: no quorum
    expect(closed.result.adjusted?.yes).toEqual({ owners: 5, areaCenti: 50000 });
    expect(closed.passed).toBe(true);
    await recordIncome(as(ctx, '李会计'), { amountFen: 500_000, category: '广告', payer: null, date: '2023-02-01', method: null, note: null });
    const e = await spend(as(ctx, '王出纳'), pay(300_000, '2023-02-04'));
    expect(e.vote).toBe('V2023-01');
  });
});
