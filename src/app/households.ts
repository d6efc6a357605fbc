import { outstanding, sumFen } from '../domain/allocation.js';
import { InputError, RuleError, text } from '../domain/errors.js';
import { yearOf, type IsoDate } from '../domain/dates.js';
import { chargeFor, monthsOnRegister } from '../domain/fees.js';
import type { NewRegisterEntry } from '../domain/entry-kinds.js';
import { currentOwner, ownerKey, type Projection } from '../domain/projection.js';
import { correctionChanges, householdEndAllowed, transferAllowed } from '../domain/rules.js';
import { inTransaction } from '../db/open-database.js';
import { householdEntries, householdPosition } from '../db/entries-repo.js';
import { findHousehold, householdRow, listHouseholds, type HouseholdRow } from '../db/households-repo.js';
import { journalWriter } from '../db/journal.js';
import { appendRegister, loadProjection } from '../db/register-repo.js';
import type { EntryRow } from '../db/tables.js';
import { todayOf, type AppContext } from './context.js';
import { enforce, requireOpenPeriod, requireOperatorWith } from './guards.js';
import { entryMeta, record } from './register.js';

/** A household as entered: area in hundredths of a square metre. */
export interface HouseholdInput {
  code: string;
  owner: string;
  /** Tells apart owners with the same name (业主编号); none: one name is one owner. */
  ownerId?: string | null;
  areaCenti: number;
  phone: string | null;
  since: IsoDate | null;
}

const REGISTER = text('登记住户', 'register households');
const CHANGE = text('变更住户登记', 'change the register');

/** What a registration warns of: other units whose owner has the same name and no id to tell them apart. */
export interface Registered {
  household: HouseholdRow;
  namesakes: string[];
}

/**
 * Registers households, all or none. A code already in the register is refused; the CSV
 * reader has already refused duplicates inside one file.
 */
export async function registerHouseholds(ctx: AppContext, households: readonly HouseholdInput[]): Promise<Registered[]> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair'], REGISTER);
    const taken = households.filter((h) => projection.households.has(h.code)).map((h) => h.code);
    if (taken.length > 0) {
      throw new RuleError(text(`房号已登记：${taken.join('、')}`, `already registered: ${taken.join(', ')}`));
    }
    const meta = entryMeta(ctx, by);
    record(ctx, projection, households.map((h) => ({ ...meta, kind: 'household' as const, ...h, ownerId: h.ownerId ?? null })));
    return households.map((h) => ({ household: householdRow(projection.households.get(h.code)!), namesakes: projection.namesakes(h.code) }));
  });
}

/**
 * `household import`: registers the households `rows` yields, all or none, appending them as
 * they come (a register file is not held in memory). The rows are read inside the
 * transaction, so the reader's checks (code already registered, code repeated in the file)
 * see the register as it is written; a reader that throws after its last row (a bad row)
 * rolls everything back.
 */
export async function importHouseholds(
  ctx: AppContext,
  rows: Iterable<HouseholdInput>,
): Promise<{ imported: number; area_centi: number; namesakes: string[][] }> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair'], REGISTER);
    const meta = entryMeta(ctx, by);
    const journal = journalWriter(ctx.ledger);
    let imported = 0;
    let area = 0;
    const codes: string[] = [];
    for (const h of rows) {
      const e: NewRegisterEntry = { ...meta, kind: 'household', ...h, ownerId: h.ownerId ?? null };
      appendRegister(ctx.ledger, journal, projection, [e]);
      imported += 1;
      area += h.areaCenti;
      codes.push(h.code);
    }
    return { imported, area_centi: area, namesakes: namesakeGroups(projection, codes) };
  });
}

/**
 * Groups of units (at least one of them among `codes`) whose owners share a name and have no
 * id to tell them apart: one pass over the register, whatever its size.
 */
function namesakeGroups(projection: Projection, codes: readonly string[]): string[][] {
  const byOwner = new Map<string, string[]>();
  for (const h of projection.householdList()) {
    if (h.ended !== null) continue;
    const key = ownerKey(currentOwner(h));
    const group = byOwner.get(key);
    if (group) group.push(h.code);
    else byOwner.set(key, [h.code]);
  }
  const wanted = new Set(codes);
  return [...byOwner.values()].filter((g) => g.length > 1 && g.some((c) => wanted.has(c))).map((g) => [...g].sort());
}

export const householdList = (ctx: AppContext, asOf?: IsoDate) => listHouseholds(ctx.ledger, asOf);

export interface TransferInput {
  code: string;
  owner: string;
  ownerId: string | null;
  phone: string | null;
  date: IsoDate | null;
  note: string | null;
}

/** 过户: from `date` the unit has a new owner; what it owes or has prepaid stays with the unit. */
export async function transferHousehold(
  ctx: AppContext,
  input: TransferInput,
): Promise<{ household: string; from_owner: string; to_owner: string; date: IsoDate; owed_fen: number; credit_fen: number }> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair'], CHANGE);
    const date = input.date ?? todayOf(ctx);
    const h = projection.households.get(input.code);
    if (!h) throw unknownHousehold(input.code);
    enforce(transferAllowed(h, input.code, input.owner, input.ownerId, date));
    await requireOpenPeriod(ctx, [date]);
    const from = h.owners[h.owners.length - 1]!.name;
    record(ctx, projection, [
      { ...entryMeta(ctx, by, date), kind: 'transfer', code: input.code, owner: input.owner, ownerId: input.ownerId, phone: input.phone, note: input.note },
    ]);
    const position = await positionOn(ctx, input.code, date);
    return { household: input.code, from_owner: from, to_owner: input.owner, date, ...position };
  });
}

export interface CorrectionInput {
  code: string;
  owner?: string;
  ownerId?: string | null;
  areaCenti?: number;
  phone?: string | null;
  reason: string;
}

/** 更正: a registration mistake put right, as from registration. */
export async function correctHousehold(ctx: AppContext, input: CorrectionInput): Promise<{ household: HouseholdRow; namesakes: string[] }> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair'], CHANGE);
    const h = projection.households.get(input.code);
    if (!h) throw unknownHousehold(input.code);
    enforce(correctionChanges(h, input.code, input));
    record(ctx, projection, [{ ...entryMeta(ctx, by), kind: 'correction', ...input }]);
    return { household: householdRow(h), namesakes: input.owner !== undefined ? projection.namesakes(input.code) : [] };
  });
}

/** 迁出: from `date` the unit is off the register; what it owes stays owed. */
export async function endHousehold(
  ctx: AppContext,
  code: string,
  date: IsoDate | null,
  reason: string,
): Promise<{ household: string; ended: IsoDate; owed_fen: number; credit_fen: number; unused_fen: number }> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair'], CHANGE);
    const on = date ?? todayOf(ctx);
    const h = projection.households.get(code);
    if (!h) throw unknownHousehold(code);
    enforce(householdEndAllowed(h, code, on));
    await requireOpenPeriod(ctx, [on]);
    record(ctx, projection, [{ ...entryMeta(ctx, by, on), kind: 'household_end', code, reason }]);
    // With 按月折算 on, a year billed in full before the unit left covers months it is no longer
    // here: say how much, for the committee to waive (fee waive) if its rules say so.
    let unused = 0;
    if (projection.settings.prorate) {
      const year = yearOf(on);
      const charged = (await householdPosition(ctx.ledger, code)).charges.find((c) => c.year === year);
      if (charged) unused = Math.max(0, charged.amountFen - chargeFor(projection.feeFor(year), h.areaCenti, monthsOnRegister(year, h.since, on), true));
    }
    return { household: code, ended: on, ...(await positionOn(ctx, code, on)), unused_fen: unused };
  });
}

/** What a household owes (years still open) or has prepaid, at the end of `asOf` (or as recorded so far). */
export async function positionOn(ctx: AppContext, code: string, asOf?: IsoDate): Promise<{ owed_fen: number; credit_fen: number }> {
  const p = await householdPosition(ctx.ledger, code, asOf);
  const state = outstanding(p.charges, p.paidFen);
  return { owed_fen: sumFen(state.owed), credit_fen: state.creditFen };
}

export interface HouseholdStatement {
  household: HouseholdRow;
  owners: { name: string; owner_id: string | null; from: IsoDate | null; to: IsoDate | null }[];
  ended: IsoDate | null;
  charges: { year: number; date: IsoDate; amount_fen: number; waived_fen: number }[];
  receipts: { receipt: string; date: IsoDate; amount_fen: number; method: string | null; void: boolean; voided_on: IsoDate | null }[];
  waivers: { waiver: string; date: IsoDate; year: number; amount_fen: number; void: boolean }[];
  refunds: { refund: string; date: IsoDate; amount_fen: number }[];
  charged_fen: number;
  paid_fen: number;
  /** Positive: what is owed; the years still open are in `owed`. */
  owed_fen: number;
  owed: { year: number; owed_fen: number }[];
  credit_fen: number;
}

/** A household's statement (对账单): its owners, charges, receipts, waivers, refunds, and what it owes or has prepaid. */
export async function householdStatement(ctx: AppContext, code: string, asOf?: IsoDate): Promise<HouseholdStatement> {
  const projection = await loadProjection(ctx.ledger);
  const h = projection.households.get(code);
  if (!h) throw unknownHousehold(code);
  const entries = (await householdEntries(ctx.ledger, code)).filter((e) => !asOf || e.date <= asOf);
  const voids = new Map(entries.filter((e) => e.kind === 'void').map((e) => [e.target_seq!, e]));
  const position = await householdPosition(ctx.ledger, code, asOf);
  const state = outstanding(position.charges, position.paidFen);
  const gross = new Map(entries.filter((e) => e.kind === 'charge').map((e) => [e.year!, e.amount_fen!]));
  const charges = position.charges.map((c) => ({ year: c.year, date: c.date, amount_fen: c.amountFen, waived_fen: (gross.get(c.year) ?? c.amountFen) - c.amountFen }));
  const numbered = (kind: string) => entries.filter((e): e is EntryRow & { number: string } => e.kind === kind && e.number !== null);
  return {
    household: householdRow(h),
    owners: h.owners.map((o) => ({ name: o.name, owner_id: o.ownerId, from: o.from, to: o.to })),
    ended: h.ended,
    charges,
    receipts: numbered('collection').map((e) => ({
      receipt: e.number,
      date: e.date,
      amount_fen: e.amount_fen!,
      method: e.method,
      void: voids.has(e.seq),
      voided_on: voids.get(e.seq)?.date ?? null,
    })),
    waivers: numbered('waiver').map((e) => ({ waiver: e.number, date: e.date, year: e.year!, amount_fen: e.amount_fen!, void: voids.has(e.seq) })),
    refunds: numbered('refund').map((e) => ({ refund: e.number, date: e.date, amount_fen: e.amount_fen! })),
    charged_fen: sumFen(position.charges),
    paid_fen: position.paidFen,
    owed_fen: sumFen(state.owed),
    owed: state.owed.map((o) => ({ year: o.year, owed_fen: o.amountFen })),
    credit_fen: state.creditFen,
  };
}

/** The contract counts an unknown household as bad input (exit 2), like a malformed code. */
export function unknownHousehold(code: string): InputError {
  return new InputError(text(`没有房号为 ${code} 的住户`, `no household ${code}`));
}
