/**
 * Vote rules for 一事一议 (one vote per major matter): the owners' joint decisions
 * (业主共同决定).
 *
 * This module is pure. It does no I/O, never reads the clock and never uses floating point.
 * Area is whole hundredths of a square metre (`areaCenti`), and every threshold is a
 * cross-multiplication of whole numbers (`reached·den` against `num·base`), so nothing is
 * ever divided.
 *
 * Legal basis:
 * - 民法典 第278条 第2款: 业主共同决定事项，应当由专有部分面积占比三分之二以上的业主且人数占比
 *   三分之二以上的业主参与表决。决定前款第六项至第八项规定的事项（筹集、使用维修资金；改建、重建
 *   建筑物；改变共有部分用途或者利用共有部分从事经营活动），应当经参与表决专有部分面积四分之三以上
 *   的业主且参与表决人数四分之三以上的业主同意。决定其他事项，应当经参与表决专有部分面积过半数的
 *   业主且参与表决人数过半数的业主同意。
 * - 民法典 第1259条: "以上" includes the boundary (>=). "过半数" means strictly more than half (>).
 * - 最高人民法院《关于审理建筑物区分所有权纠纷案件适用法律若干问题的解释》第8条 (area is the
 *   专有部分面积 in the property register) and 第9条 (headcount: one unit counts as one owner, and
 *   one buyer of several units, or a developer's unsold units, counts as ONE owner).
 *   Here owners are told apart by the `owner` name. An owner of several units counts once by
 *   head, and all of their area counts.
 */

export type VoteRule = 'general' | 'special' | 'simple-majority';
export type Choice = 'yes' | 'no' | 'abstain';

/** One row of the property register. */
export interface Unit { code: string; owner: string; areaCenti: number }
/** The latest ballot of one owner. It covers every unit that owner holds. */
export interface Ballot { owner: string; choice: Choice }
export interface Tally { owners: number; areaCenti: number }

export interface Threshold {
  key: 'quorum-area' | 'quorum-owners' | 'yes-area' | 'yes-owners' | 'yes-all-owners';
  measure: 'area' | 'owners';
  /** Numerator: a number of owners, or areaCenti. */
  reached: number;
  /** What `reached` is compared against: the eligible or the participating tally. */
  base: number;
  fraction: [number, number];
  /** true for "以上" (>=); false for "过半数" (strictly more). */
  inclusive: boolean;
  met: boolean;
}

export interface VoteOutcome {
  rule: VoteRule;
  eligible: Tally;
  participated: Tally;
  yes: Tally;
  no: Tally;
  abstain: Tally;
  quorumMet: boolean;
  passed: boolean;
  thresholds: Threshold[];
}

/**
 * The tally of a vote.
 *
 * The top level always holds the RAW tally, and its `passed` is the raw result.
 * `adjusted` is there only when `followMajority` (从众/沉默条款) is on. It is the same
 * outcome recomputed after the owners who did not vote have been added to the side that won
 * among those who voted. A compound that adopted 从众 in its 议事规则 decides by
 * `adjusted.passed`, and callers must use that value. Notices show both tallies (domain.md).
 */
export interface VoteResult extends VoteOutcome {
  followMajority: boolean;
  adjusted?: VoteOutcome;
}

export const VOTE_RULES: readonly VoteRule[] = Object.freeze(['general', 'special', 'simple-majority'] as const);
const CHOICES: readonly Choice[] = ['yes', 'no', 'abstain'];

/**
 * Tests `reached/base >= num/den` (inclusive) or `>` (exclusive) exactly, with no division:
 * `reached·den >= num·base`. When `base` is 0 the inclusive form holds (0 >= 0) and the
 * exclusive form fails. All arguments must be non-negative safe integers and `den > 0`.
 * Throws a RangeError if a product would leave the range where integers are exact.
 */
export function meetsFraction(reached: number, base: number, [num, den]: [number, number], inclusive: boolean): boolean {
  for (const n of [reached, base, num, den]) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`meetsFraction: ${n} is not a non-negative integer`);
  }
  if (den === 0) throw new RangeError('meetsFraction: denominator is 0');
  const lhs = reached * den;
  const rhs = num * base;
  if (!Number.isSafeInteger(lhs) || !Number.isSafeInteger(rhs)) {
    throw new RangeError('meetsFraction: figures too large for exact integer arithmetic');
  }
  return inclusive ? lhs >= rhs : lhs > rhs;
}

/**
 * Counts a vote under `rule`. `ballots` must already hold one (the latest) ballot per owner.
 * The function throws an Error if a ballot's owner holds no unit in `units` or votes twice,
 * if a unit code appears twice, or if an area is not a non-negative whole number of
 * hundredths of a square metre. Callers validate first.
 *
 * With zero participants no rule can pass.
 */
export function tallyVote(
  units: Unit[],
  ballots: Ballot[],
  rule: VoteRule,
  options: { followMajority?: boolean } = {},
): VoteResult {
  if (!VOTE_RULES.includes(rule)) throw new Error(`unknown vote rule: ${String(rule)}`);

  // 解释 第8、9条: an owner counts once by head however many units they hold, and all of
  // their area counts.
  const areaByOwner = new Map<string, number>();
  const codes = new Set<string>();
  for (const u of units) {
    if (codes.has(u.code)) throw new Error(`unit ${u.code} appears twice in the register`);
    codes.add(u.code);
    if (!Number.isSafeInteger(u.areaCenti) || u.areaCenti < 0) {
      throw new Error(`unit ${u.code}: area must be a non-negative whole number of 0.01 m², got ${u.areaCenti}`);
    }
    areaByOwner.set(u.owner, (areaByOwner.get(u.owner) ?? 0) + u.areaCenti);
  }
  let eligibleArea = 0;
  for (const area of areaByOwner.values()) eligibleArea += area;
  const eligible: Tally = { owners: areaByOwner.size, areaCenti: eligibleArea };

  const counted: Record<Choice, Tally> = { yes: ZERO, no: ZERO, abstain: ZERO };
  const voted = new Set<string>();
  for (const b of ballots) {
    const area = areaByOwner.get(b.owner);
    if (area === undefined) throw new Error(`ballot from ${b.owner}, who holds no unit in the register`);
    if (voted.has(b.owner)) throw new Error(`more than one ballot from ${b.owner}`);
    if (!CHOICES.includes(b.choice)) throw new Error(`ballot from ${b.owner}: unknown choice ${String(b.choice)}`);
    voted.add(b.owner);
    counted[b.choice] = plus(counted[b.choice], { owners: 1, areaCenti: area });
  }

  const raw = outcome(rule, eligible, counted.yes, counted.no, counted.abstain);
  const followMajority = options.followMajority === true;
  return followMajority ? { ...raw, followMajority, adjusted: followTheMajority(raw) } : { ...raw, followMajority };
}

const ZERO: Tally = Object.freeze({ owners: 0, areaCenti: 0 });

function plus(a: Tally, b: Tally): Tally {
  return { owners: a.owners + b.owners, areaCenti: a.areaCenti + b.areaCenti };
}

function outcome(rule: VoteRule, eligible: Tally, yes: Tally, no: Tally, abstain: Tally): VoteOutcome {
  // An abstention (弃权) counts as participating but not as a yes.
  const participated = plus(plus(yes, no), abstain);
  const thresholds = rule === 'simple-majority'
    // The compound's own 议事规则: more than half of ALL eligible owners say yes. Area does not
    // count.
    ? [threshold('yes-all-owners', 'owners', yes, eligible, [1, 2], false)]
    : [
        // 第278条: quorum is 2/3 or more (以上) of all area AND of all owners (3·p >= 2·N).
        threshold('quorum-area', 'area', participated, eligible, [2, 3], true),
        threshold('quorum-owners', 'owners', participated, eligible, [2, 3], true),
        ...(rule === 'special'
          // 第278条 (六)(七)(八): 3/4 or more (以上) of the participating area and owners (4·y >= 3·p).
          ? [
              threshold('yes-area', 'area', yes, participated, [3, 4], true),
              threshold('yes-owners', 'owners', yes, participated, [3, 4], true),
            ]
          // 第278条, other matters: more than half (过半数) of the participating area and owners
          // (2·y > p).
          : [
              threshold('yes-area', 'area', yes, participated, [1, 2], false),
              threshold('yes-owners', 'owners', yes, participated, [1, 2], false),
            ]),
      ];
  // simple-majority has no quorum. It has no quorum thresholds, so quorumMet is true.
  const quorumMet = thresholds.every((t) => !t.key.startsWith('quorum-') || t.met);
  // With zero participants nothing passes. This check matters when the register is empty,
  // because every ">=" threshold then holds as 0 >= 0.
  const passed = participated.owners > 0 && thresholds.every((t) => t.met);
  return { rule, eligible, participated, yes, no, abstain, quorumMet, passed, thresholds };
}

function threshold(
  key: Threshold['key'], measure: Threshold['measure'], reachedTally: Tally, baseTally: Tally,
  fraction: [number, number], inclusive: boolean,
): Threshold {
  const pick = (t: Tally) => (measure === 'area' ? t.areaCenti : t.owners);
  const reached = pick(reachedTally);
  const base = pick(baseTally);
  return { key, measure, reached, base, fraction, inclusive, met: meetsFraction(reached, base, fraction, inclusive) };
}

/**
 * 从众 (silence follows the majority; some local rules allow it, off by default). The owners
 * who did not vote, their heads and their area, are added to yes when yes beats no among the
 * voters by BOTH headcount and area. They are added to no when no beats yes on both. On a
 * split or a tie nobody is added. Abstainers did vote, so they stay abstentions.
 */
function followTheMajority(raw: VoteOutcome): VoteOutcome {
  const { rule, eligible, participated, yes, no, abstain } = raw;
  const silent: Tally = {
    owners: eligible.owners - participated.owners,
    areaCenti: eligible.areaCenti - participated.areaCenti,
  };
  const yesLeads = yes.owners > no.owners && yes.areaCenti > no.areaCenti;
  const noLeads = no.owners > yes.owners && no.areaCenti > yes.areaCenti;
  return outcome(rule, eligible, yesLeads ? plus(yes, silent) : yes, noLeads ? plus(no, silent) : no, abstain);
}
