import { outstanding, sumFen } from '../domain/allocation.js';
import { InputError, RuleError, text } from '../domain/errors.js';
import { yearOf, type IsoDate } from '../domain/dates.js';
import { chargeFor, monthsOnRegister } from '../domain/fees.js';
import type { NewRegisterEntry } from '../domain/entry-kinds.js';
import { currentOwner, ownerKey, type Projection } from '../domain/projection.js';
import { correctionChanges, householdEndAllowed, householdKnown, transferAllowed } from '../domain/rules.js';
import { inTransaction } from '../db/open-database.js';
import { householdEntries, householdPosition } from '../db/entries-repo.js';
import { findHousehold, householdRow, listHouseholds, registeredSince, type HouseholdRow } from '../db/households-repo.js';
import { journalWriter, sendAppended } from '../db/journal.js';
import { appendUnprojected, loadHousehold } from '../db/register-repo.js';
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

/** What `household import` did: how many units, their area, and the namesakes they made (see `importHouseholds`). */
export interface HouseholdImport {
  imported: number;
  area_centi: number;
  /** The first `namesakesListed` groups of namesakes, in the order of their first code; each group's codes in order. */
  namesakes: string[][];
  /** How many groups of namesakes there are in all. */
  namesake_groups: number;
}

/**
 * `household import`: registers the households `read` yields, all or none, appending them to
 * the journal as they come: neither the file nor the households it registers are held in
 * memory. The rows are read inside the transaction; `read` is handed the check for a code
 * already registered (against the register as it stood when the import began: a code repeated
 * within the file is the reader's to find), and a reader that throws after its last row (a bad
 * row) rolls everything back. The namesake warning is worked out from the journal once the rows
 * are written.
 */
export async function importHouseholds(
  ctx: AppContext,
  read: (isRegistered: (code: string) => boolean) => Iterable<HouseholdInput>,
  options: { namesakesListed?: number } = {},
): Promise<HouseholdImport> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair'], REGISTER);
    const meta = entryMeta(ctx, by);
    const journal = journalWriter(ctx.ledger);
    const isRegistered = (code: string) => householdKnown(projection, code) === null;
    let imported = 0;
    let area = 0;
    let afterSeq: number | null = null;
    for (const h of read(isRegistered)) {
      const e: NewRegisterEntry = { ...meta, kind: 'household', ...h, ownerId: h.ownerId ?? null };
      const [seq] = appendUnprojected(ctx.ledger, journal, [e]);
      afterSeq ??= seq! - 1;
      imported += 1;
      area += h.areaCenti;
      if (imported % 2000 === 0) await sendAppended(ctx.ledger);
    }
    const namesakes = afterSeq === null ? { listed: [], count: 0 } : await importNamesakes(ctx, projection, afterSeq, options.namesakesListed ?? Infinity);
    return { imported, area_centi: area, namesakes: namesakes.listed, namesake_groups: namesakes.count };
  });
}

/**
 * Groups of units (at least one of them registered after `afterSeq`) whose owners share a name
 * and have no id to tell them apart, as `projection.namesakes` would find them: the register
 * before the import is `projection`'s units still on it, each under its current owner; the
 * import's own units are read back from the journal in owner-name order, one name at a time.
 * Only the first `listed` groups (by their first code) are kept, and how many there are.
 *
 * One name's units come together in that order, and so do their owner keys (`ownerKey`: name,
 * or name#id), except where a name itself holds '#': "A#B" is also the key of owner A with id B.
 * Those few owners are read first, by key, and joined to their key's group.
 */
async function importNamesakes(ctx: AppContext, projection: Projection, afterSeq: number, listed: number): Promise<{ listed: string[][]; count: number }> {
  const before = new Map<string, string[]>();
  for (const h of projection.households.values()) {
    if (h.ended !== null) continue;
    const key = ownerKey(currentOwner(h));
    const group = before.get(key);
    if (group) group.push(h.code);
    else before.set(key, [h.code]);
  }
  const found = namesakeTally(listed);
  const join = (key: string, codes: string[]) => {
    for (const c of before.get(key) ?? []) codes.push(c);
    found.add(codes);
  };
  const marked = new Map<string, string[]>();
  for await (const r of registeredSince(ctx.ledger, afterSeq, { has: '#' })) {
    const key = ownerKey({ name: r.owner, ownerId: r.ownerId });
    const group = marked.get(key);
    if (group) group.push(r.code);
    else marked.set(key, [r.code]);
  }
  let name: string | null = null;
  const byKey = new Map<string, string[]>();
  const endName = () => {
    for (const [key, codes] of byKey) {
      for (const c of marked.get(key) ?? []) codes.push(c);
      marked.delete(key);
      join(key, codes);
    }
    byKey.clear();
  };
  for await (const r of registeredSince(ctx.ledger, afterSeq, { lacks: '#' })) {
    if (r.owner !== name) {
      endName();
      name = r.owner;
    }
    const key = ownerKey({ name: r.owner, ownerId: r.ownerId });
    const group = byKey.get(key);
    if (group) group.push(r.code);
    else byKey.set(key, [r.code]);
  }
  endName();
  for (const [key, codes] of marked) join(key, codes);
  return found.result();
}

/** Counts groups of namesakes (two units or more) and keeps the first `listed` of them by their first code. */
function namesakeTally(listed: number) {
  let kept: string[][] = [];
  let count = 0;
  // Once `listed` groups are kept, a group whose first code is not before the last of them is not among the first.
  let bound: string | null = null;
  const trim = () => {
    kept.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
    if (kept.length >= listed) {
      kept = kept.slice(0, listed);
      bound = kept[kept.length - 1]?.[0] ?? null;
    }
  };
  return {
    add(codes: string[]): void {
      if (codes.length < 2) return;
      count += 1;
      if (listed <= 0) return;
      const first = codes.reduce((a, b) => (b < a ? b : a));
      if (bound !== null && !(first < bound)) return;
      kept.push([...codes].sort());
      if (kept.length >= 2 * listed) trim();
    },
    result(): { listed: string[][]; count: number } {
      trim();
      return { listed: listed <= 0 ? [] : kept, count };
    },
  };
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
  // That unit's own entries folded, not the whole register.
  const h = await loadHousehold(ctx.ledger, code);
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
