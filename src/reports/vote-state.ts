/**
 * A vote (一事一议) as the owners see it: its record, its tally under 民法典 第278条 (frozen
 * once closed, running while open), its budget and what was spent against it, and the
 * contract's JSON. Read-only; the writes (open, ballots, close) are in app/votes.ts.
 */
import { areaM2 } from '../domain/area.js';
import { localDate, type IsoDate } from '../domain/dates.js';
import { InputError, text, type Text } from '../domain/errors.js';
import { formatFenGrouped, type Fen } from '../domain/money.js';
import { tallyVote, type Ballot, type Choice, type Tally, type Threshold, type VoteOutcome, type VoteResult, type VoteRule } from '../domain/vote-rules.js';
import type { LedgerDb } from '../db/open-database.js';
import type { EntryRow } from '../db/tables.js';
import { ballotsOf, closeOfVote, findVote, listVoteEntries, registerAsOf, spentAgainstVote } from '../db/votes-repo.js';

/** What reading a vote needs: the ledger and the clock (an open vote is counted as of today). */
export interface Reader {
  ledger: LedgerDb;
  now: Date;
}

export const RULE_NAMES: Record<VoteRule, Text> = {
  general: text('一般事项（民法典第278条：参与表决≥2/3，同意过半数）', 'general matter (Civil Code art. 278: 2/3 take part, more than half say yes)'),
  special: text('特别事项（民法典第278条：参与表决≥2/3，同意≥3/4）', 'special matter (Civil Code art. 278: 2/3 take part, 3/4 say yes)'),
  'simple-majority': text('本小区议事规则：全体业主过半数同意', "the compound's own rule: more than half of all owners say yes"),
};

export const CHOICE_NAMES: Record<Choice, Text> = {
  yes: text('同意', 'yes'),
  no: text('反对', 'no'),
  abstain: text('弃权', 'abstain'),
};

/** A vote as opened. */
export interface VoteRecord {
  id: string;
  title: string;
  rule: VoteRule;
  budgetFen: Fen | null;
  openedOn: IsoDate;
  closesOn: IsoDate | null;
  /** 从众 as the compound's rules stood when the vote opened: a vote is counted by the rules it was opened under. */
  followMajority: boolean;
}

export function toRecord(e: EntryRow): VoteRecord {
  const detail = e.detail ? (JSON.parse(e.detail) as { follow_majority?: boolean }) : {};
  return {
    id: e.number!,
    title: e.item ?? '',
    rule: e.rule as VoteRule,
    budgetFen: e.amount_fen,
    openedOn: e.date,
    closesOn: e.end_date,
    followMajority: detail.follow_majority === true,
  };
}

/** A vote by id; an unknown id is bad input (exit 2). */
export async function requireVote(ledger: LedgerDb, id: string): Promise<VoteRecord> {
  const e = await findVote(ledger, id);
  if (!e) throw new InputError(text(`没有编号为 ${id} 的表决`, `no vote ${id}`));
  return toRecord(e);
}

// ---------------------------------------------------------------------------------------------
// Counting

/** What a close entry's `detail` holds: the tally frozen on the day the vote closed. */
export interface FrozenTally {
  as_of: IsoDate;
  result: VoteResult;
}

/**
 * The tally over the register of record on the day the vote opened (its owners, and its areas
 * as corrected since), from each owner's latest ballot dated by `asOf`.
 */
export async function countVote(ledger: LedgerDb, vote: VoteRecord, asOf: IsoDate): Promise<VoteResult> {
  const register = await registerAsOf(ledger, vote.openedOn);
  const owners = new Set(register.map((h) => h.owner_key));
  const latest = new Map<string, Choice>();
  for (const b of await ballotsOf(ledger, vote.id)) if (b.date <= asOf) latest.set(b.party!, b.choice as Choice);
  const ballots: Ballot[] = [...latest].filter(([owner]) => owners.has(owner)).map(([owner, choice]) => ({ owner, choice }));
  return tallyVote(
    register.map((h) => ({ code: h.code, owner: h.owner_key, areaCenti: h.area_centi })),
    ballots,
    vote.rule,
    { followMajority: vote.followMajority },
  );
}

/** A vote with its tally (frozen if closed, running if open) and its budget. */
export interface VoteState extends VoteRecord {
  status: 'open' | 'closed';
  closedOn: IsoDate | null;
  /** The day of the register the tally counts. */
  countedAsOf: IsoDate;
  result: VoteResult;
  /** The decision: with 从众 on, the adjusted tally's result; else the raw one. */
  passed: boolean;
  spentFen: Fen;
}

const decision = (r: VoteResult) => (r.adjusted ? r.adjusted.passed : r.passed);

export async function stateOf(ledger: LedgerDb, vote: VoteRecord, today: IsoDate): Promise<VoteState> {
  const close = await closeOfVote(ledger, vote.id);
  let result: VoteResult;
  let countedAsOf: IsoDate;
  if (close) {
    const frozen = JSON.parse(close.detail!) as FrozenTally;
    result = frozen.result;
    countedAsOf = frozen.as_of;
  } else {
    countedAsOf = today;
    result = await countVote(ledger, vote, today);
  }
  return {
    ...vote,
    status: close ? 'closed' : 'open',
    closedOn: close?.date ?? null,
    countedAsOf,
    result,
    passed: close ? decision(result) : false,
    spentFen: await spentAgainstVote(ledger, vote.id),
  };
}

/** `vote show`: a closed vote's frozen result, or an open vote's running tally (nothing passes before it closes). */
export async function voteState(ctx: Reader, id: string): Promise<VoteState> {
  const vote = await requireVote(ctx.ledger, id);
  return stateOf(ctx.ledger, vote, localDate(ctx.now));
}

export async function voteList(ctx: Reader): Promise<VoteState[]> {
  const out: VoteState[] = [];
  for (const e of await listVoteEntries(ctx.ledger)) out.push(await stateOf(ctx.ledger, toRecord(e), localDate(ctx.now)));
  return out;
}

// ---------------------------------------------------------------------------------------------
// The contract's JSON


const tallyJson = (t: Tally) => ({ owners: t.owners, area_m2: areaM2(t.areaCenti) });

/** The least `reached` that meets a threshold, in its own unit (owners, or hundredths of ㎡). */
export function neededFor(th: Pick<Threshold, 'base' | 'fraction' | 'inclusive'>): number {
  const [num, den] = th.fraction;
  // Exact: num·base is a safe integer, so the quotient's floor is the integer quotient.
  const q = Math.floor((num * th.base) / den);
  const exact = q * den === num * th.base;
  return th.inclusive ? (exact ? q : q + 1) : q + 1;
}

function thresholdJson(th: Threshold) {
  const unit = (n: number) => (th.measure === 'area' ? areaM2(n) : n);
  return {
    key: th.key,
    measure: th.measure,
    fraction: `${th.fraction[0]}/${th.fraction[1]}`,
    inclusive: th.inclusive,
    reached: unit(th.reached),
    base: unit(th.base),
    needed: unit(neededFor(th)),
    met: th.met,
  };
}

function outcomeJson(o: VoteOutcome) {
  return {
    participated: tallyJson(o.participated),
    yes: tallyJson(o.yes),
    no: tallyJson(o.no),
    abstain: tallyJson(o.abstain),
    quorum_met: o.quorumMet,
    passed: o.passed,
    thresholds: o.thresholds.map(thresholdJson),
  };
}

/**
 * `vote show --json` / `vote close --json`. The tallies are the raw count of the ballots;
 * `passed` is the decision (with 从众 on, the adjusted tally's, which is also given in
 * `adjusted`; `raw_passed` is the raw result). An open vote has not passed; `would_pass`
 * says how its running tally stands.
 */
export function voteJson(s: VoteState) {
  const r = s.result;
  return {
    id: s.id,
    title: s.title,
    rule: s.rule,
    status: s.status,
    eligible: tallyJson(r.eligible),
    ...outcomeJson(r),
    passed: s.passed,
    budget_fen: s.budgetFen,
    spent_fen: s.spentFen,
    budget_left_fen: s.budgetFen === null ? null : s.budgetFen - s.spentFen,
    raw_passed: r.passed,
    ...(s.status === 'open' ? { would_pass: decision(r) } : {}),
    follow_majority: s.followMajority,
    ...(r.adjusted ? { adjusted: outcomeJson(r.adjusted) } : {}),
    opened_on: s.openedOn,
    closes_on: s.closesOn,
    closed_on: s.closedOn,
    counted_as_of: s.countedAsOf,
  };
}

/** "余 400.00 元" for messages about a vote's budget. */
export const budgetLeftText = (s: Pick<VoteState, 'budgetFen' | 'spentFen'>): Text =>
  s.budgetFen === null
    ? text('无预算上限', 'no budget cap')
    : text(
        `预算 ${formatFenGrouped(s.budgetFen)} 元，已支出 ${formatFenGrouped(s.spentFen)} 元，尚余 ${formatFenGrouped(s.budgetFen - s.spentFen)} 元`,
        `budget ${formatFenGrouped(s.budgetFen)}, spent ${formatFenGrouped(s.spentFen)}, ${formatFenGrouped(s.budgetFen - s.spentFen)} left`,
      );

