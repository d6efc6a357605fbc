/**
 * 一事一议: the owners' votes on major matters, counted under 民法典 第278条 by headcount and
 * by area (the rules themselves are in domain/vote-rules.ts). A vote is opened by the chair,
 * the committee records the paper ballots, and closing it freezes the tally in the close
 * entry, so a closed vote's result never changes whatever happens to the register later.
 */
import { yearOf, type IsoDate } from '../domain/dates.js';
import { InputError, RuleError, text, type Text } from '../domain/errors.js';
import { formatFenGrouped, type Fen } from '../domain/money.js';
import { tallyVote, type Ballot, type Choice, type Tally, type Threshold, type VoteOutcome, type VoteResult, type VoteRule } from '../domain/vote-rules.js';
import { inTransaction, type LedgerDb } from '../db/open-database.js';
import { lastNumberUnder } from '../db/entries-repo.js';
import { findHousehold, listHouseholds, type HouseholdRow } from '../db/households-repo.js';
import { journalWriter } from '../db/journal.js';
import { readSettings, writeSettings } from '../db/settings-repo.js';
import type { EntryRow } from '../db/tables.js';
import { ballotsOf, closeOfVote, findVote, listVoteEntries, registerAsOf, spentAgainstVote } from '../db/votes-repo.js';
import { stamp, todayOf, type AppContext } from './context.js';
import { requireOpenPeriod, requireOperator } from './guards.js';
import { unknownHousehold } from './households.js';

/** Votes are numbered per year of the day they open, V2022-01 on. */
export const voteId = (year: number, n: number) => `V${year}-${String(n).padStart(2, '0')}`;

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

function toRecord(e: EntryRow): VoteRecord {
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
// Opening

export interface OpenVoteInput {
  title: string;
  budgetFen: Fen | null;
  rule: VoteRule;
  closesOn: IsoDate | null;
  date: IsoDate;
}

/** `vote open --json`: the contract's `{id, title, rule, budget_fen}` and when it runs. */
export interface OpenedVote {
  id: string;
  title: string;
  rule: VoteRule;
  budget_fen: Fen | null;
  opened_on: IsoDate;
  closes_on: IsoDate | null;
  follow_majority: boolean;
}

export async function openVote(ctx: AppContext, input: OpenVoteInput): Promise<OpenedVote> {
  return inTransaction(ctx.ledger, async () => {
    const by = await requireOperator(ctx, ['chair'], text('发起表决', 'open votes'));
    if (input.closesOn !== null && input.closesOn < input.date) {
      throw new InputError(text(`截止日期 ${input.closesOn} 早于发起日期 ${input.date}`, `the closing day ${input.closesOn} is before the opening day ${input.date}`));
    }
    await requireOpenPeriod(ctx, [input.date]);
    const { followMajority } = await readSettings(ctx.ledger);
    const year = yearOf(input.date);
    const id = voteId(year, (await lastNumberUnder(ctx.ledger, `V${year}-`)) + 1);
    journalWriter(ctx.ledger).append({
      kind: 'vote',
      number: id,
      date: input.date,
      item: input.title,
      rule: input.rule,
      amount_fen: input.budgetFen,
      end_date: input.closesOn,
      detail: JSON.stringify({ follow_majority: followMajority }),
      ...stamp(ctx, by),
    });
    return {
      id,
      title: input.title,
      rule: input.rule,
      budget_fen: input.budgetFen,
      opened_on: input.date,
      closes_on: input.closesOn,
      follow_majority: followMajority,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Ballots

export interface BallotInput {
  code: string;
  choice: Choice;
}

export interface CastResult {
  vote: string;
  household: string;
  owner: string;
  choice: Choice;
  date: IsoDate;
  /** The owner's earlier choice that this ballot replaces, if any. */
  replaced: Choice | null;
}

const recordBallotsAction = text('登记表决票', 'record ballots');

/**
 * Checks and records ballots, all or none. The committee (the chair) records the paper
 * ballots; each records the owner of the unit named, and covers every unit that owner holds.
 */
async function recordBallots(ctx: AppContext, id: string, ballots: readonly BallotInput[], date: IsoDate): Promise<CastResult[]> {
  const by = await requireOperator(ctx, ['chair'], recordBallotsAction);
  const vote = await requireVote(ctx.ledger, id);
  const closed = await closeOfVote(ctx.ledger, id);
  if (closed) {
    throw new RuleError(text(`表决 ${id} 已于 ${closed.date} 结束，不能再投票`, `vote ${id} closed on ${closed.date}; no more ballots`));
  }
  if (date < vote.openedOn) {
    throw new RuleError(text(`投票日期 ${date} 早于表决 ${id} 的发起日期 ${vote.openedOn}`, `ballots dated ${date} come before vote ${id} opened (${vote.openedOn})`));
  }
  if (vote.closesOn !== null && date > vote.closesOn) {
    throw new RuleError(
      text(`表决 ${id} 的投票截止于 ${vote.closesOn}，${date} 的票不能计入`, `voting on ${id} ended on ${vote.closesOn}; a ballot dated ${date} cannot count`),
    );
  }
  await requireOpenPeriod(ctx, [date]);

  const earlier = new Map<string, EntryRow>();
  for (const b of await ballotsOf(ctx.ledger, id)) earlier.set(b.party!, b);
  const problems: Text[] = [];
  const households = new Map<string, HouseholdRow>();
  for (const b of ballots) {
    const h = households.get(b.code) ?? (await findHousehold(ctx.ledger, b.code));
    if (!h) throw unknownHousehold(b.code);
    households.set(b.code, h);
    if (h.since !== null && h.since > date) {
      problems.push(text(`${b.code} 的业主 ${h.since} 才入住，不能参加 ${date} 的表决`, `${b.code}: its owner moved in on ${h.since}, after ${date}`));
    }
    const prev = earlier.get(h.owner);
    if (prev && prev.date > date) {
      // Recording order must follow the calendar for one owner, so that "the latest ballot
      // replaces the earlier" means the same thing by date and by record.
      problems.push(
        text(`${h.owner}（${b.code}）已有 ${prev.date} 的票，晚于 ${date}`, `${h.owner} (${b.code}) already has a ballot dated ${prev.date}, later than ${date}`),
      );
    }
  }
  if (problems.length > 0) {
    throw new RuleError(text(`有 ${problems.length} 张票不能登记，未登记任何票`, `${problems.length} ballot(s) cannot be recorded; none was`), problems);
  }

  const journal = journalWriter(ctx.ledger);
  const out: CastResult[] = [];
  for (const b of ballots) {
    const h = households.get(b.code)!;
    const prev = earlier.get(h.owner);
    const entry = journal.append({ kind: 'ballot', date, vote: id, household: b.code, party: h.owner, choice: b.choice, ...stamp(ctx, by) });
    earlier.set(h.owner, entry);
    out.push({ vote: id, household: b.code, owner: h.owner, choice: b.choice, date, replaced: (prev?.choice as Choice | undefined) ?? null });
  }
  return out;
}

/** One paper ballot. A later ballot from the same owner (by any of their units) replaces the earlier while the vote is open. */
export async function castBallot(ctx: AppContext, id: string, ballot: BallotInput, date: IsoDate): Promise<CastResult> {
  return inTransaction(ctx.ledger, async () => (await recordBallots(ctx, id, [ballot], date))[0]!);
}

export interface ImportBallotsResult {
  vote: string;
  date: IsoDate;
  imported: number;
  yes: number;
  no: number;
  abstain: number;
  /** Owners whose earlier ballot these replace. */
  replaced: number;
}

/** The ballots of a CSV, all or none (the reader has refused an owner listed twice in one file). */
export async function importBallots(ctx: AppContext, id: string, ballots: readonly BallotInput[], date: IsoDate): Promise<ImportBallotsResult> {
  return inTransaction(ctx.ledger, async () => {
    const done = await recordBallots(ctx, id, ballots, date);
    const count = (c: Choice) => done.filter((d) => d.choice === c).length;
    return { vote: id, date, imported: done.length, yes: count('yes'), no: count('no'), abstain: count('abstain'), replaced: done.filter((d) => d.replaced).length };
  });
}

// ---------------------------------------------------------------------------------------------
// Counting, closing, showing

/** What a close entry's `detail` holds: the tally frozen on the day the vote closed. */
interface FrozenTally {
  as_of: IsoDate;
  result: VoteResult;
}

/**
 * The tally over the register as of `asOf` (units whose owner moved in later do not count),
 * from each owner's latest ballot.
 */
async function countVote(ledger: LedgerDb, vote: VoteRecord, asOf: IsoDate): Promise<VoteResult> {
  const register = await registerAsOf(ledger, asOf);
  const owners = new Set(register.map((h) => h.owner));
  const latest = new Map<string, Choice>();
  for (const b of await ballotsOf(ledger, vote.id)) if (b.date <= asOf) latest.set(b.party!, b.choice as Choice);
  const ballots: Ballot[] = [...latest].filter(([owner]) => owners.has(owner)).map(([owner, choice]) => ({ owner, choice }));
  return tallyVote(
    register.map((h) => ({ code: h.code, owner: h.owner, areaCenti: h.area_centi })),
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

async function stateOf(ledger: LedgerDb, vote: VoteRecord, today: IsoDate): Promise<VoteState> {
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
export async function voteState(ctx: AppContext, id: string): Promise<VoteState> {
  const vote = await requireVote(ctx.ledger, id);
  return stateOf(ctx.ledger, vote, todayOf(ctx));
}

export async function voteList(ctx: AppContext): Promise<VoteState[]> {
  const out: VoteState[] = [];
  for (const e of await listVoteEntries(ctx.ledger)) out.push(await stateOf(ctx.ledger, toRecord(e), todayOf(ctx)));
  return out;
}

/** Closes a vote on `date` and freezes its tally over the register of that day. */
export async function closeVote(ctx: AppContext, id: string, date: IsoDate): Promise<VoteState> {
  return inTransaction(ctx.ledger, async () => {
    const by = await requireOperator(ctx, ['chair'], text('结束表决', 'close votes'));
    const vote = await requireVote(ctx.ledger, id);
    const closed = await closeOfVote(ctx.ledger, id);
    if (closed) throw new RuleError(text(`表决 ${id} 已于 ${closed.date} 结束`, `vote ${id} already closed on ${closed.date}`));
    if (date < vote.openedOn) {
      throw new RuleError(text(`结束日期 ${date} 早于发起日期 ${vote.openedOn}`, `vote ${id} cannot close (${date}) before it opened (${vote.openedOn})`));
    }
    if (vote.closesOn !== null && date < vote.closesOn) {
      throw new RuleError(
        text(`表决 ${id} 公告的投票期到 ${vote.closesOn} 为止，不能提前在 ${date} 结束`, `voting on ${id} runs until ${vote.closesOn} as announced; it cannot close early on ${date}`),
      );
    }
    const lastBallot = (await ballotsOf(ctx.ledger, id)).reduce<IsoDate | null>((d, b) => (d === null || b.date > d ? b.date : d), null);
    if (lastBallot !== null && lastBallot > date) {
      throw new RuleError(text(`表决 ${id} 有 ${lastBallot} 的票，晚于结束日期 ${date}`, `vote ${id} has ballots dated ${lastBallot}, after the closing day ${date}`));
    }
    await requireOpenPeriod(ctx, [date]);
    const result = await countVote(ctx.ledger, vote, date);
    const frozen: FrozenTally = { as_of: date, result };
    journalWriter(ctx.ledger).append({ kind: 'vote_close', date, vote: id, detail: JSON.stringify(frozen), ...stamp(ctx, by) });
    return stateOf(ctx.ledger, vote, date);
  });
}

// ---------------------------------------------------------------------------------------------
// The contract's JSON

/** Hundredths of a square metre as square metres, for JSON only (`area_m2`, two decimals). */
export const areaM2 = (centi: number): number => Number(`${Math.trunc(centi / 100)}.${String(centi % 100).padStart(2, '0')}`);

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

// ---------------------------------------------------------------------------------------------
// 从众, a per-compound setting

/**
 * Turns 从众 (non-voters follow the majority) on or off for votes opened from now on. Only the
 * chair does, as the compound's 议事规则 decide; votes already open keep the rule they opened under.
 */
export async function setFollowMajority(ctx: AppContext, on: boolean): Promise<{ follow_majority: boolean }> {
  return inTransaction(ctx.ledger, async () => {
    await requireOperator(ctx, ['chair'], text('修改议事规则设置', 'change the voting rules'));
    await writeSettings(ctx.ledger, { followMajority: on });
    return { follow_majority: on };
  });
}

export async function followMajoritySetting(ctx: AppContext): Promise<{ follow_majority: boolean }> {
  return { follow_majority: (await readSettings(ctx.ledger)).followMajority };
}

/** "余 400.00 元" for messages about a vote's budget. */
export const budgetLeftText = (s: Pick<VoteState, 'budgetFen' | 'spentFen'>): Text =>
  s.budgetFen === null
    ? text('无预算上限', 'no budget cap')
    : text(
        `预算 ${formatFenGrouped(s.budgetFen)} 元，已支出 ${formatFenGrouped(s.spentFen)} 元，尚余 ${formatFenGrouped(s.budgetFen - s.spentFen)} 元`,
        `budget ${formatFenGrouped(s.budgetFen)}, spent ${formatFenGrouped(s.spentFen)}, ${formatFenGrouped(s.budgetFen - s.spentFen)} left`,
      );

/** Every unit's owner, for reading a ballot file (an owner listed twice is refused there). */
export async function ownersByCode(ctx: AppContext): Promise<Map<string, string>> {
  return new Map((await listHouseholds(ctx.ledger)).map((h) => [h.code, h.owner]));
}
