/**
 * 开账单: posts a year's fee to every household on the register that year and not yet billed
 * for it. What each household is charged is `chargeFor` (domain/fees.ts): the year's standard,
 * by household or by area, prorated by months on the register when `setting prorate` is on.
 */
import { allocatePayment, outstanding } from '../domain/allocation.js';
import { isoDate, maxDate, nextDay } from '../domain/dates.js';
import { text } from '../domain/errors.js';
import type { FeeBasis } from '../domain/entry-kinds.js';
import { chargeFor, monthsOnRegister } from '../domain/fees.js';
import type { Fen } from '../domain/money.js';
import { livesInYear } from '../domain/projection.js';
import { billableYear } from '../domain/rules.js';
import { inTransaction } from '../db/open-database.js';
import { billedHouseholds, lockedThrough } from '../db/entries-repo.js';
import { householdPositions } from '../db/import-repo.js';
import { journalWriter } from '../db/journal.js';
import { stamp, todayOf, type AppContext } from './context.js';
import { enforce, requireOperatorWith } from './guards.js';

export interface BillResult {
  year: number;
  fee_fen: Fen;
  per: FeeBasis;
  billed: { household: string; date: string; amount_fen: Fen }[];
  already_billed: number;
}

/**
 * Posts YEAR's fee to every household living there and not yet billed for it, so running it
 * again bills only newcomers. A charge is owed from 1 January of YEAR, or from the day the
 * household moved in if later, whenever the bill is run; a household registered after a lock
 * is billed on the first open day. A household's prepayment pays the new charge at once, and
 * the charge records that (its allocation), as a collection records what it paid.
 */
export async function billYear(ctx: AppContext, year: number): Promise<BillResult> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair'], text('开账单', 'bill the fee'));
    enforce(billableYear(year, todayOf(ctx)));
    const standard = projection.feeFor(year);
    const { prorate } = projection.settings;
    const done = await billedHouseholds(ctx.ledger, year);
    const locked = await lockedThrough(ctx.ledger);
    const firstOpen = locked ? nextDay(locked) : null;
    const journal = journalWriter(ctx.ledger);
    // Each household's position, read as an import reads them (prepared once; on PostgreSQL all at
    // once): a household is asked for once, before its own charge, and no charge moves another's.
    const positionOf = householdPositions(ctx.ledger);
    const billed: BillResult['billed'] = [];
    for (const h of projection.householdList()) {
      if (done.has(h.code) || !livesInYear(h, year)) continue;
      const months = monthsOnRegister(year, h.since, h.ended);
      const amount = chargeFor(standard, h.areaCenti, months, prorate);
      if (amount <= 0) continue;
      const owedFrom = h.since ? maxDate(isoDate(year, 1, 1), h.since) : isoDate(year, 1, 1);
      const date = firstOpen ? maxDate(owedFrom, firstOpen) : owedFrom;
      const position = await positionOf(h.code);
      const state = outstanding(position.charges, position.paidFen);
      // The credit left once older open years are paid is what pays the new year (oldest first, as at collection).
      const { allocations } = allocatePayment([...state.owed, { year, amountFen: amount }], state.creditFen);
      const fromCredit = allocations.filter((a) => a.year === year);
      journal.append({ kind: 'charge', date, household: h.code, year, amount_fen: amount, ...stamp(ctx, by) }, fromCredit);
      billed.push({ household: h.code, date, amount_fen: amount });
    }
    return { year, fee_fen: standard.rateFen, per: standard.per, billed, already_billed: done.size };
  });
}
