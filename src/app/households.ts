import { outstanding } from '../domain/allocation.js';
import { InputError, RuleError, text } from '../domain/errors.js';
import type { IsoDate } from '../domain/dates.js';
import { inTransaction } from '../db/open-database.js';
import { chargesOf, householdEntries, paidFenOf } from '../db/entries-repo.js';
import { findHousehold, householdCodes, insertHouseholds, listHouseholds, type HouseholdRow } from '../db/households-repo.js';
import type { EntryRow } from '../db/tables.js';
import { stamp, type AppContext } from './context.js';
import { requireOperator } from './guards.js';

/** A household as entered: area in hundredths of a square metre. */
export interface HouseholdInput {
  code: string;
  owner: string;
  areaCenti: number;
  phone: string | null;
  since: IsoDate | null;
}

/**
 * Registers households, all or none. A code already in the register is refused; the CSV
 * reader has already refused duplicates inside one file.
 */
export async function registerHouseholds(ctx: AppContext, households: readonly HouseholdInput[]): Promise<HouseholdRow[]> {
  return inTransaction(ctx.ledger, async () => {
    const by = await requireOperator(ctx, ['chair'], text('登记住户', 'register households'));
    const known = await householdCodes(ctx.ledger);
    const taken = households.filter((h) => known.has(h.code)).map((h) => h.code);
    if (taken.length > 0) {
      throw new RuleError(text(`房号已登记：${taken.join('、')}`, `already registered: ${taken.join(', ')}`));
    }
    const rows = households.map((h) => ({
      code: h.code,
      owner: h.owner,
      area_centi: h.areaCenti,
      phone: h.phone,
      since: h.since,
      ...stamp(ctx, by),
    }));
    await insertHouseholds(ctx.ledger, rows);
    return rows;
  });
}

export const householdList = (ctx: AppContext) => listHouseholds(ctx.ledger);

export interface HouseholdStatement {
  household: HouseholdRow;
  charges: { year: number; date: IsoDate; amount_fen: number }[];
  receipts: { receipt: string; date: IsoDate; amount_fen: number; method: string | null; void: boolean; voided_on: IsoDate | null }[];
  charged_fen: number;
  paid_fen: number;
  /** Positive: what is owed; the years still open are in `owed`. */
  owed_fen: number;
  owed: { year: number; owed_fen: number }[];
  credit_fen: number;
}

/** A household's statement (对账单): its charges, its receipts, and what it owes or has prepaid. */
export async function householdStatement(ctx: AppContext, code: string): Promise<HouseholdStatement> {
  const household = await findHousehold(ctx.ledger, code);
  if (!household) throw unknownHousehold(code);
  const entries = await householdEntries(ctx.ledger, code);
  const voids = new Map(entries.filter((e) => e.kind === 'void').map((e) => [e.target_seq!, e]));
  const charges = (await chargesOf(ctx.ledger, code)).map((c) => ({ year: c.year!, date: c.date, amount_fen: c.amount_fen! }));
  const paid = await paidFenOf(ctx.ledger, code);
  const state = outstanding(charges.map((c) => ({ year: c.year, amountFen: c.amount_fen })), paid);
  const receipts = entries
    .filter((e): e is EntryRow & { number: string } => e.kind === 'collection')
    .map((e) => ({
      receipt: e.number,
      date: e.date,
      amount_fen: e.amount_fen!,
      method: e.method,
      void: voids.has(e.seq),
      voided_on: voids.get(e.seq)?.date ?? null,
    }));
  const charged = charges.reduce((s, c) => s + c.amount_fen, 0);
  return {
    household,
    charges,
    receipts,
    charged_fen: charged,
    paid_fen: paid,
    owed_fen: state.owed.reduce((s, o) => s + o.amountFen, 0),
    owed: state.owed.map((o) => ({ year: o.year, owed_fen: o.amountFen })),
    credit_fen: state.creditFen,
  };
}

/** The contract counts an unknown household as bad input (exit 2), like a malformed code. */
export function unknownHousehold(code: string): InputError {
  return new InputError(text(`没有房号为 ${code} 的住户`, `no household ${code}`));
}
