/**
 * 一事一议: the owners' votes on major matters, counted under 民法典 第278条 by headcount and
 * by area (the rules themselves are in domain/vote-rules.ts). A vote is opened by the chair,
 * the committee records the paper ballots, and closing it freezes the tally in the close
 * entry, so a closed vote's result never changes whatever happens to the register later.
 */
import { yearOf, type IsoDate } from '../domain/dates.js';
import { InputError, RuleError, text, type Text } from '../domain/errors.js';
import type { Fen } from '../domain/money.js';
import type { Choice, VoteRule } from '../domain/vote-rules.js';
import { inTransaction } from '../db/open-database.js';
import { nextNumber } from '../db/entries-repo.js';
import { listHouseholds } from '../db/households-repo.js';
import { journalWriter } from '../db/journal.js';
import { readSettings } from '../db/settings-repo.js';
import { changeSetting } from './setup.js';
import type { EntryRow } from '../db/tables.js';
import { ballotsOf, closeOfVote } from '../db/votes-repo.js';
import { countVote, requireVote, stateOf, type FrozenTally, type VoteState } from '../reports/vote-state.js';
import { stamp, type AppContext } from './context.js';
import { enforce, requireOpenPeriod, requireOperator, requireOperatorWith } from './guards.js';
import { ballotAllowed } from '../domain/rules.js';
import { onRegister, ownerKey, ownerOn } from '../domain/projection.js';
import { unknownHousehold } from './households.js';

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
    const id = await nextNumber(ctx.ledger, 'vote', year);
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
  const { by, projection } = await requireOperatorWith(ctx, ['chair'], recordBallotsAction);
  const vote = await requireVote(ctx.ledger, id);
  const closed = await closeOfVote(ctx.ledger, id);
  const standing = { id, openedOn: vote.openedOn, closesOn: vote.closesOn, closedOn: closed?.date ?? null };
  // The vote's own state first (closed, outside its dates): one reason for every ballot.
  enforce(ballotAllowed(standing, id, '', true, date));
  await requireOpenPeriod(ctx, [date]);

  const earlier = new Map<string, EntryRow>();
  for (const b of await ballotsOf(ctx.ledger, id)) earlier.set(b.party!, b);
  const problems: Text[] = [];
  // Each ballot is the owner's of record when the vote opened (第278条 counts the register of that day).
  const owners = new Map<string, { name: string; key: string }>();
  for (const b of ballots) {
    const h = projection.households.get(b.code);
    if (!h) throw unknownHousehold(b.code);
    const refused = ballotAllowed(standing, id, b.code, onRegister(h, vote.openedOn), date);
    if (refused) {
      problems.push(refused);
      continue;
    }
    const o = ownerOn(h, vote.openedOn);
    const owner = { name: o.name, key: ownerKey(o) };
    owners.set(b.code, owner);
    const prev = earlier.get(owner.key);
    if (prev && prev.date > date) {
      // Recording order must follow the calendar for one owner, so that "the latest ballot
      // replaces the earlier" means the same thing by date and by record.
      problems.push(
        text(`${owner.name}（${b.code}）已有 ${prev.date} 的票，晚于 ${date}`, `${owner.name} (${b.code}) already has a ballot dated ${prev.date}, later than ${date}`),
      );
    }
  }
  if (problems.length > 0) {
    throw new RuleError(text(`有 ${problems.length} 张票不能登记，未登记任何票`, `${problems.length} ballot(s) cannot be recorded; none was`), problems);
  }

  const journal = journalWriter(ctx.ledger);
  const out: CastResult[] = [];
  for (const b of ballots) {
    const owner = owners.get(b.code)!;
    const prev = earlier.get(owner.key);
    const entry = journal.append({ kind: 'ballot', date, vote: id, household: b.code, party: owner.key, choice: b.choice, ...stamp(ctx, by) });
    earlier.set(owner.key, entry);
    out.push({ vote: id, household: b.code, owner: owner.name, choice: b.choice, date, replaced: (prev?.choice as Choice | undefined) ?? null });
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
// Closing

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
// 从众, a per-compound setting

/**
 * Turns 从众 (non-voters follow the majority) on or off for votes opened from now on. Only the
 * chair does, as the compound's 议事规则 decide; votes already open keep the rule they opened under.
 */
export async function setFollowMajority(ctx: AppContext, on: boolean): Promise<{ follow_majority: boolean }> {
  return { follow_majority: await changeSetting(ctx, 'followMajority', on, text('修改议事规则设置', 'change the voting rules')) };
}

export async function followMajoritySetting(ctx: AppContext): Promise<{ follow_majority: boolean }> {
  return { follow_majority: (await readSettings(ctx.ledger)).followMajority };
}

/** Every unit's owner, for reading a ballot file (an owner listed twice is refused there). */
export async function ownersByCode(ctx: AppContext): Promise<Map<string, string>> {
  return new Map((await listHouseholds(ctx.ledger)).map((h) => [h.code, h.owner_key]));
}
