import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  tallyVote, meetsFraction, VOTE_RULES,
  type Unit, type Ballot, type Choice, type Tally, type VoteRule, type VoteOutcome, type Threshold,
} from '../../src/domain/vote-rules.js';

// A compact notation for the tables.
// reg('A:100 B:100 W:50 W:70') is a register whose areas are in areaCenti. Repeating an
// owner gives that owner several units.
function reg(spec: string): Unit[] {
  return spec.split(/\s+/).filter(Boolean).map((part, i) => {
    const [owner, area] = part.split(':') as [string, string];
    return { code: `U${i + 1}`, owner, areaCenti: Number(area) };
  });
}
// votes('A:y B:n C:a') lists the ballots.
function votes(spec: string): Ballot[] {
  const map: Record<string, Choice> = { y: 'yes', n: 'no', a: 'abstain' };
  return spec.split(/\s+/).filter(Boolean).map((part) => {
    const [owner, c] = part.split(':') as [string, string];
    return { owner, choice: map[c]! };
  });
}
const t = (owners: number, areaCenti: number): Tally => ({ owners, areaCenti });
type MetMap = Partial<Record<Threshold['key'], boolean>>;
const metMap = (o: VoteOutcome): MetMap => Object.fromEntries(o.thresholds.map((th) => [th.key, th.met]));

interface Expected {
  eligible: Tally; participated: Tally; yes: Tally; no: Tally; abstain: Tally;
  quorumMet: boolean; passed: boolean; met: MetMap;
}
interface Case { name: string; units: string; ballots: string; rule: VoteRule; expected: Expected }

function expectOutcome(o: VoteOutcome, e: Expected): void {
  expect({
    eligible: o.eligible, participated: o.participated, yes: o.yes, no: o.no, abstain: o.abstain,
    quorumMet: o.quorumMet, passed: o.passed, met: metMap(o),
  }).toEqual(e);
}

const Q = (area: boolean, owners: boolean) => ({ 'quorum-area': area, 'quorum-owners': owners });

const cases: Case[] = [
  // Quorum (第278条: 三分之二以上, inclusive). Area and headcount are tested separately.
  {
    name: 'quorum by area exactly 2/3 (400 of 600) is met',
    units: 'A:100 B:100 C:200 D:200', ballots: 'A:y B:y C:y', rule: 'general',
    expected: { eligible: t(4, 600), participated: t(3, 400), yes: t(3, 400), no: t(0, 0), abstain: t(0, 0),
      quorumMet: true, passed: true, met: { ...Q(true, true), 'yes-area': true, 'yes-owners': true } },
  },
  {
    name: 'quorum by area one hundredth below 2/3 (399 of 600) is not met',
    units: 'A:100 B:100 C:199 D:201', ballots: 'A:y B:y C:y', rule: 'general',
    expected: { eligible: t(4, 600), participated: t(3, 399), yes: t(3, 399), no: t(0, 0), abstain: t(0, 0),
      quorumMet: false, passed: false, met: { ...Q(false, true), 'yes-area': true, 'yes-owners': true } },
  },
  {
    name: 'quorum by headcount exactly 2/3 (6 of 9) is met',
    units: 'A:100 B:100 C:100 D:100 E:100 F:100 G:1 H:1 I:1', ballots: 'A:y B:y C:y D:y E:y F:y', rule: 'general',
    expected: { eligible: t(9, 603), participated: t(6, 600), yes: t(6, 600), no: t(0, 0), abstain: t(0, 0),
      quorumMet: true, passed: true, met: { ...Q(true, true), 'yes-area': true, 'yes-owners': true } },
  },
  {
    name: 'quorum by headcount one owner below 2/3 (5 of 9) is not met, though the area is',
    units: 'A:100 B:100 C:100 D:100 E:200 F:1 G:1 H:1 I:1', ballots: 'A:y B:y C:y D:y E:y', rule: 'special',
    expected: { eligible: t(9, 604), participated: t(5, 600), yes: t(5, 600), no: t(0, 0), abstain: t(0, 0),
      quorumMet: false, passed: false, met: { ...Q(true, false), 'yes-area': true, 'yes-owners': true } },
  },
  // Special matters (第278条 (六)(七)(八): 四分之三以上, inclusive).
  {
    name: 'special: exactly 3/4 yes by area and by headcount passes',
    units: 'A:100 B:100 C:100 D:100', ballots: 'A:y B:y C:y D:n', rule: 'special',
    expected: { eligible: t(4, 400), participated: t(4, 400), yes: t(3, 300), no: t(1, 100), abstain: t(0, 0),
      quorumMet: true, passed: true, met: { ...Q(true, true), 'yes-area': true, 'yes-owners': true } },
  },
  {
    name: 'special: yes area one hundredth below 3/4 (299 of 400) fails',
    units: 'A:100 B:100 C:99 D:101', ballots: 'A:y B:y C:y D:n', rule: 'special',
    expected: { eligible: t(4, 400), participated: t(4, 400), yes: t(3, 299), no: t(1, 101), abstain: t(0, 0),
      quorumMet: true, passed: false, met: { ...Q(true, true), 'yes-area': false, 'yes-owners': true } },
  },
  {
    name: 'special: yes headcount below 3/4 (5 of 7) fails though the area is over 3/4',
    units: 'A:100 B:100 C:100 D:100 E:100 F:10 G:10', ballots: 'A:y B:y C:y D:y E:y F:n G:n', rule: 'special',
    expected: { eligible: t(7, 520), participated: t(7, 520), yes: t(5, 500), no: t(2, 20), abstain: t(0, 0),
      quorumMet: true, passed: false, met: { ...Q(true, true), 'yes-area': true, 'yes-owners': false } },
  },
  {
    name: 'special: 2 of 3 yes, enough for general, is below 3/4 and fails',
    units: 'A:100 B:100 C:100', ballots: 'A:y B:y C:n', rule: 'special',
    expected: { eligible: t(3, 300), participated: t(3, 300), yes: t(2, 200), no: t(1, 100), abstain: t(0, 0),
      quorumMet: true, passed: false, met: { ...Q(true, true), 'yes-area': false, 'yes-owners': false } },
  },
  // Other matters (第278条: 过半数, strictly more than half).
  {
    name: 'general: exactly half yes on both measures fails',
    units: 'A:100 B:100 C:100 D:100', ballots: 'A:y B:y C:n D:n', rule: 'general',
    expected: { eligible: t(4, 400), participated: t(4, 400), yes: t(2, 200), no: t(2, 200), abstain: t(0, 0),
      quorumMet: true, passed: false, met: { ...Q(true, true), 'yes-area': false, 'yes-owners': false } },
  },
  {
    name: 'general: just above half on both measures (201 of 400, 3 of 5) passes',
    units: 'A:67 B:67 C:67 D:100 E:99', ballots: 'A:y B:y C:y D:n E:n', rule: 'general',
    expected: { eligible: t(5, 400), participated: t(5, 400), yes: t(3, 201), no: t(2, 199), abstain: t(0, 0),
      quorumMet: true, passed: true, met: { ...Q(true, true), 'yes-area': true, 'yes-owners': true } },
  },
  {
    name: 'general: area just above half but headcount exactly half fails',
    units: 'A:101 B:101 C:99 D:99', ballots: 'A:y B:y C:n D:n', rule: 'general',
    expected: { eligible: t(4, 400), participated: t(4, 400), yes: t(2, 202), no: t(2, 198), abstain: t(0, 0),
      quorumMet: true, passed: false, met: { ...Q(true, true), 'yes-area': true, 'yes-owners': false } },
  },
  // The two measures disagree.
  {
    name: 'general: area passes, headcount fails',
    units: 'A:300 B:100 C:100', ballots: 'A:y B:n C:n', rule: 'general',
    expected: { eligible: t(3, 500), participated: t(3, 500), yes: t(1, 300), no: t(2, 200), abstain: t(0, 0),
      quorumMet: true, passed: false, met: { ...Q(true, true), 'yes-area': true, 'yes-owners': false } },
  },
  {
    name: 'general: headcount passes, area fails',
    units: 'A:100 B:100 C:300', ballots: 'A:y B:y C:n', rule: 'general',
    expected: { eligible: t(3, 500), participated: t(3, 500), yes: t(2, 200), no: t(1, 300), abstain: t(0, 0),
      quorumMet: true, passed: false, met: { ...Q(true, true), 'yes-area': false, 'yes-owners': true } },
  },
  // 解释 第9条: an owner of several units counts once by head, and all of their area counts.
  {
    name: 'an owner of two units counts once by head and with all their area',
    units: 'W:100 W:120 L:100 Z:100', ballots: 'W:y L:n Z:n', rule: 'general',
    expected: { eligible: t(3, 420), participated: t(3, 420), yes: t(1, 220), no: t(2, 200), abstain: t(0, 0),
      quorumMet: true, passed: false, met: { ...Q(true, true), 'yes-area': true, 'yes-owners': false } },
  },
  {
    name: 'a two-unit owner staying away takes both units out of the quorum',
    units: 'W:200 W:200 A:100 B:100 C:100', ballots: 'A:y B:y C:y', rule: 'general',
    expected: { eligible: t(4, 700), participated: t(3, 300), yes: t(3, 300), no: t(0, 0), abstain: t(0, 0),
      quorumMet: false, passed: false, met: { ...Q(false, true), 'yes-area': true, 'yes-owners': true } },
  },
  // 弃权: an abstention participates but is not a yes.
  {
    name: 'general: an abstention lowers the yes share to exactly half, so the matter fails',
    units: 'A:100 B:100 C:100 D:100', ballots: 'A:y B:y C:n D:a', rule: 'general',
    expected: { eligible: t(4, 400), participated: t(4, 400), yes: t(2, 200), no: t(1, 100), abstain: t(1, 100),
      quorumMet: true, passed: false, met: { ...Q(true, true), 'yes-area': false, 'yes-owners': false } },
  },
  {
    name: 'general: the same vote without the abstainer passes (2 of 3 participating)',
    units: 'A:100 B:100 C:100 D:100', ballots: 'A:y B:y C:n', rule: 'general',
    expected: { eligible: t(4, 400), participated: t(3, 300), yes: t(2, 200), no: t(1, 100), abstain: t(0, 0),
      quorumMet: true, passed: true, met: { ...Q(true, true), 'yes-area': true, 'yes-owners': true } },
  },
  {
    name: 'abstentions count toward the quorum',
    units: 'A:100 B:100 C:100', ballots: 'A:y B:a', rule: 'special',
    expected: { eligible: t(3, 300), participated: t(2, 200), yes: t(1, 100), no: t(0, 0), abstain: t(1, 100),
      quorumMet: true, passed: false, met: { ...Q(true, true), 'yes-area': false, 'yes-owners': false } },
  },
  // simple-majority (the compound's own 议事规则): more than half of ALL owners say yes.
  {
    name: 'simple-majority: exactly half of all owners (2 of 4) fails',
    units: 'A:100 B:100 C:100 D:100', ballots: 'A:y B:y', rule: 'simple-majority',
    expected: { eligible: t(4, 400), participated: t(2, 200), yes: t(2, 200), no: t(0, 0), abstain: t(0, 0),
      quorumMet: true, passed: false, met: { 'yes-all-owners': false } },
  },
  {
    name: 'simple-majority: half plus one of all owners (3 of 4) passes, whatever the area',
    units: 'A:1 B:1 C:1 D:1000', ballots: 'A:y B:y C:y D:n', rule: 'simple-majority',
    expected: { eligible: t(4, 1003), participated: t(4, 1003), yes: t(3, 3), no: t(1, 1000), abstain: t(0, 0),
      quorumMet: true, passed: true, met: { 'yes-all-owners': true } },
  },
  {
    name: 'simple-majority: non-voters count against (3 yes of 7 owners fails)',
    units: 'A:100 B:100 C:100 D:100 E:100 F:100 G:100', ballots: 'A:y B:y C:y', rule: 'simple-majority',
    expected: { eligible: t(7, 700), participated: t(3, 300), yes: t(3, 300), no: t(0, 0), abstain: t(0, 0),
      quorumMet: true, passed: false, met: { 'yes-all-owners': false } },
  },
  // Edges: nobody voted, or the register is empty.
  {
    name: 'general: zero participants does not pass',
    units: 'A:100 B:100', ballots: '', rule: 'general',
    expected: { eligible: t(2, 200), participated: t(0, 0), yes: t(0, 0), no: t(0, 0), abstain: t(0, 0),
      quorumMet: false, passed: false, met: { ...Q(false, false), 'yes-area': false, 'yes-owners': false } },
  },
  {
    name: 'special: empty register does not pass even though every >= holds as 0 >= 0',
    units: '', ballots: '', rule: 'special',
    expected: { eligible: t(0, 0), participated: t(0, 0), yes: t(0, 0), no: t(0, 0), abstain: t(0, 0),
      quorumMet: true, passed: false, met: { ...Q(true, true), 'yes-area': true, 'yes-owners': true } },
  },
  {
    name: 'simple-majority: zero participants does not pass',
    units: 'A:100', ballots: '', rule: 'simple-majority',
    expected: { eligible: t(1, 100), participated: t(0, 0), yes: t(0, 0), no: t(0, 0), abstain: t(0, 0),
      quorumMet: true, passed: false, met: { 'yes-all-owners': false } },
  },
];

describe('tallyVote: boundary table', () => {
  it.each(cases)('$name', ({ units, ballots, rule, expected }) => {
    const r = tallyVote(reg(units), votes(ballots), rule);
    expectOutcome(r, expected);
    expect(r.rule).toBe(rule);
    expect(r.followMajority).toBe(false);
    expect(r).not.toHaveProperty('adjusted');
  });
});

describe('tallyVote: threshold figures', () => {
  it('lists quorum and yes thresholds with their figures (general)', () => {
    const r = tallyVote(reg('A:100 B:100 C:199 D:201'), votes('A:y B:n C:a'), 'general');
    expect(r.thresholds).toEqual([
      { key: 'quorum-area', measure: 'area', reached: 399, base: 600, fraction: [2, 3], inclusive: true, met: false },
      { key: 'quorum-owners', measure: 'owners', reached: 3, base: 4, fraction: [2, 3], inclusive: true, met: true },
      { key: 'yes-area', measure: 'area', reached: 100, base: 399, fraction: [1, 2], inclusive: false, met: false },
      { key: 'yes-owners', measure: 'owners', reached: 1, base: 3, fraction: [1, 2], inclusive: false, met: false },
    ]);
  });
  it('uses 3/4 inclusive for special', () => {
    const r = tallyVote(reg('A:100 B:100 C:100 D:100'), votes('A:y B:y C:y D:n'), 'special');
    expect(r.thresholds.slice(2)).toEqual([
      { key: 'yes-area', measure: 'area', reached: 300, base: 400, fraction: [3, 4], inclusive: true, met: true },
      { key: 'yes-owners', measure: 'owners', reached: 3, base: 4, fraction: [3, 4], inclusive: true, met: true },
    ]);
  });
  it('lists only yes-all-owners for simple-majority, against all eligible owners', () => {
    const r = tallyVote(reg('A:100 B:100 C:100 D:100 E:100'), votes('A:y B:y C:y'), 'simple-majority');
    expect(r.thresholds).toEqual([
      { key: 'yes-all-owners', measure: 'owners', reached: 3, base: 5, fraction: [1, 2], inclusive: false, met: true },
    ]);
    expect(r.passed).toBe(true);
  });
});

// 从众: the owners who did not vote are counted with the majority of those who voted.
describe('tallyVote: 从众 (followMajority)', () => {
  const units = reg('A:100 B:100 C:100 D:100 E:100 F:100');

  it('is off by default: no adjusted tally', () => {
    const r = tallyVote(units, votes('A:y B:y C:n'), 'general');
    expect(r.followMajority).toBe(false);
    expect(r.adjusted).toBeUndefined();
  });

  it('adds non-voters to yes when yes leads on both measures, which changes the outcome', () => {
    const r = tallyVote(units, votes('A:y B:y C:n'), 'general', { followMajority: true });
    // The raw tally stays at the top level: 3 of 6 owners took part, so there is no quorum.
    expectOutcome(r, { eligible: t(6, 600), participated: t(3, 300), yes: t(2, 200), no: t(1, 100), abstain: t(0, 0),
      quorumMet: false, passed: false, met: { ...Q(false, false), 'yes-area': true, 'yes-owners': true } });
    expect(r.followMajority).toBe(true);
    expectOutcome(r.adjusted!, { eligible: t(6, 600), participated: t(6, 600), yes: t(5, 500), no: t(1, 100), abstain: t(0, 0),
      quorumMet: true, passed: true, met: { ...Q(true, true), 'yes-area': true, 'yes-owners': true } });
    expect(r.adjusted!.rule).toBe('general');
  });

  it('adds non-voters to no when no leads on both measures', () => {
    const r = tallyVote(units, votes('A:y B:n C:n D:a'), 'general', { followMajority: true });
    expect(r.passed).toBe(false);
    expectOutcome(r.adjusted!, { eligible: t(6, 600), participated: t(6, 600), yes: t(1, 100), no: t(4, 400), abstain: t(1, 100),
      quorumMet: true, passed: false, met: { ...Q(true, true), 'yes-area': false, 'yes-owners': false } });
  });

  it('adds nobody on a tie', () => {
    const r = tallyVote(units, votes('A:y B:y C:n D:n'), 'general', { followMajority: true });
    const { followMajority: _f, adjusted, ...raw } = r;
    expect(adjusted).toEqual(raw);
    expect(adjusted!.participated).toEqual(t(4, 400));
    expect(adjusted!.yes).toEqual(t(2, 200));
    expect(adjusted!.no).toEqual(t(2, 200));
  });

  it('adds nobody when the measures split (yes leads by head, no by area)', () => {
    const r = tallyVote(reg('A:100 B:100 C:300 D:100 E:100'), votes('A:y B:y C:n'), 'general', { followMajority: true });
    expect(r.adjusted!.yes).toEqual(t(2, 200));
    expect(r.adjusted!.no).toEqual(t(1, 300));
    expect(r.adjusted!.participated).toEqual(t(3, 500));
    expect(r.adjusted!.passed).toBe(false);
  });

  it('can carry a special matter once non-voters follow', () => {
    const r = tallyVote(units, votes('A:y B:y C:y D:n'), 'special', { followMajority: true });
    // Raw: 4 of 6 took part (exactly the 2/3 quorum) and 3 of those 4 said yes (exactly 3/4).
    expect(r.passed).toBe(true);
    expect(r.adjusted!.yes).toEqual(t(5, 500));
    expect(r.adjusted!.passed).toBe(true);
  });

  it('for simple-majority, adjusting turns a minority of all owners into a pass', () => {
    const r = tallyVote(units, votes('A:y B:y C:n'), 'simple-majority', { followMajority: true });
    expect(r.passed).toBe(false);
    expect(r.adjusted!.passed).toBe(true);
    expect(metMap(r.adjusted!)).toEqual({ 'yes-all-owners': true });
  });
});

describe('tallyVote: errors', () => {
  it('rejects a ballot from an owner not in the register, naming the owner', () => {
    expect(() => tallyVote(reg('A:100'), votes('张伟(3-201):y'), 'general')).toThrow(/张伟\(3-201\)/);
  });
  it('rejects two ballots from the same owner', () => {
    expect(() => tallyVote(reg('A:100 B:100'), votes('A:y A:n'), 'general')).toThrow(/more than one ballot from A/);
  });
  it('rejects fractional or negative area', () => {
    expect(() => tallyVote([{ code: '1', owner: 'A', areaCenti: 1.5 }], [], 'general')).toThrow(Error);
    expect(() => tallyVote([{ code: '1', owner: 'A', areaCenti: -1 }], [], 'general')).toThrow(Error);
  });
  it('rejects a duplicate unit code', () => {
    expect(() => tallyVote([{ code: '1', owner: 'A', areaCenti: 1 }, { code: '1', owner: 'B', areaCenti: 1 }], [], 'general')).toThrow(/unit 1 appears twice/);
  });
  it('rejects an unknown rule', () => {
    expect(() => tallyVote(reg('A:1'), [], 'plurality' as VoteRule)).toThrow(/plurality/);
  });
});

describe('meetsFraction', () => {
  it.each([
    [2, 3, [2, 3], true, true],
    [1, 2, [1, 2], false, false],
    [3, 4, [3, 4], true, true],
    [299, 400, [3, 4], true, false],
    [201, 400, [1, 2], false, true],
    [0, 0, [2, 3], true, true],
    [0, 0, [1, 2], false, false],
  ] as [number, number, [number, number], boolean, boolean][])('%i/%i vs %j inclusive=%s -> %s', (r, b, f, inc, want) => {
    expect(meetsFraction(r, b, f, inc)).toBe(want);
  });
  it('refuses non-integers, negatives, a zero denominator and unsafe products', () => {
    expect(() => meetsFraction(1.5, 3, [1, 2], true)).toThrow(RangeError);
    expect(() => meetsFraction(-1, 3, [1, 2], true)).toThrow(RangeError);
    expect(() => meetsFraction(1, 3, [1, 0], true)).toThrow(RangeError);
    expect(() => meetsFraction(Number.MAX_SAFE_INTEGER, 3, [1, 2], true)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------
// Properties. The reference below shares no code with the module. It tallies by owner in its
// own way and compares fractions with BigInt.

const OWNER_POOL = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸', '张伟', '张伟(3-201)'];

const arbVote = fc.record({
  units: fc.array(
    fc.record({ owner: fc.constantFrom(...OWNER_POOL), areaCenti: fc.oneof(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 1_000_000_000 })) }),
    { maxLength: 25 },
  ),
  choices: fc.array(fc.option(fc.constantFrom<Choice>('yes', 'no', 'abstain'), { nil: undefined }), { minLength: OWNER_POOL.length, maxLength: OWNER_POOL.length }),
  rule: fc.constantFrom(...VOTE_RULES),
  followMajority: fc.boolean(),
}).map(({ units, choices, rule, followMajority }) => {
  const register: Unit[] = units.map((u, i) => ({ code: `${i + 1}-101`, ...u }));
  const present = new Set(register.map((u) => u.owner));
  const ballots: Ballot[] = [];
  OWNER_POOL.forEach((owner, i) => {
    const choice = choices[i];
    if (present.has(owner) && choice !== undefined) ballots.push({ owner, choice });
  });
  return { units: register, ballots, rule, followMajority };
});

type BigTally = { owners: bigint; area: bigint };
function refTally(units: Unit[], ballots: Ballot[]) {
  const owners = [...new Set(units.map((u) => u.owner))];
  const areaOf = (o: string) => units.filter((u) => u.owner === o).reduce((s, u) => s + BigInt(u.areaCenti), 0n);
  const sum = (os: string[]): BigTally => ({ owners: BigInt(os.length), area: os.reduce((s, o) => s + areaOf(o), 0n) });
  const by = (c: Choice) => ballots.filter((b) => b.choice === c).map((b) => b.owner);
  return { eligible: sum(owners), yes: sum(by('yes')), no: sum(by('no')), abstain: sum(by('abstain')),
    participated: sum(ballots.map((b) => b.owner)), silent: owners.filter((o) => !ballots.some((b) => b.owner === o)), sum };
}
// reached/base against num/den, as an exact rational comparison in BigInt.
const cmp = (reached: bigint, base: bigint, num: bigint, den: bigint, inclusive: boolean) =>
  inclusive ? reached * den >= num * base : reached * den > num * base;

function refOutcome(rule: VoteRule, e: BigTally, y: BigTally, p: BigTally) {
  if (rule === 'simple-majority') {
    const met = { 'yes-all-owners': cmp(y.owners, e.owners, 1n, 2n, false) };
    return { met, quorumMet: true, passed: met['yes-all-owners'] };
  }
  const [n, d, inc] = rule === 'special' ? [3n, 4n, true] as const : [1n, 2n, false] as const;
  const met = {
    'quorum-area': cmp(p.area, e.area, 2n, 3n, true),
    'quorum-owners': cmp(p.owners, e.owners, 2n, 3n, true),
    'yes-area': cmp(y.area, p.area, n, d, inc),
    'yes-owners': cmp(y.owners, p.owners, n, d, inc),
  };
  const quorumMet = met['quorum-area'] && met['quorum-owners'];
  return { met, quorumMet, passed: p.owners > 0n && Object.values(met).every(Boolean) };
}
const toBig = (x: Tally): BigTally => ({ owners: BigInt(x.owners), area: BigInt(x.areaCenti) });
const outcomesOf = (r: ReturnType<typeof tallyVote>): VoteOutcome[] => (r.adjusted ? [r, r.adjusted] : [r]);

describe('tallyVote: properties', () => {
  it('every threshold, quorumMet and passed agree with an independent BigInt reference', () => {
    fc.assert(fc.property(arbVote, ({ units, ballots, rule, followMajority }) => {
      const r = tallyVote(units, ballots, rule, { followMajority });
      const ref = refTally(units, ballots);
      expect(toBig(r.eligible)).toEqual(ref.eligible);
      expect(toBig(r.yes)).toEqual(ref.yes);
      expect(toBig(r.no)).toEqual(ref.no);
      expect(toBig(r.abstain)).toEqual(ref.abstain);
      expect(toBig(r.participated)).toEqual(ref.participated);

      const raw = refOutcome(rule, ref.eligible, ref.yes, ref.participated);
      expect(metMap(r)).toEqual(raw.met);
      expect(r.quorumMet).toBe(raw.quorumMet);
      expect(r.passed).toBe(raw.passed);
      for (const th of r.thresholds) {
        const [num, den] = th.fraction;
        expect(th.met).toBe(cmp(BigInt(th.reached), BigInt(th.base), BigInt(num), BigInt(den), th.inclusive));
      }

      if (!followMajority) { expect(r.adjusted).toBeUndefined(); return; }
      // 从众 in the reference: the silent go to the side that leads on both measures.
      const s = ref.sum(ref.silent);
      const yesLeads = ref.yes.owners > ref.no.owners && ref.yes.area > ref.no.area;
      const noLeads = ref.no.owners > ref.yes.owners && ref.no.area > ref.yes.area;
      const addS = (x: BigTally) => ({ owners: x.owners + s.owners, area: x.area + s.area });
      const ay = yesLeads ? addS(ref.yes) : ref.yes;
      const an = noLeads ? addS(ref.no) : ref.no;
      const ap = yesLeads || noLeads ? addS(ref.participated) : ref.participated;
      const a = r.adjusted!;
      expect(toBig(a.yes)).toEqual(ay);
      expect(toBig(a.no)).toEqual(an);
      expect(toBig(a.participated)).toEqual(ap);
      const adj = refOutcome(rule, ref.eligible, ay, ap);
      expect(metMap(a)).toEqual(adj.met);
      expect(a.quorumMet).toBe(adj.quorumMet);
      expect(a.passed).toBe(adj.passed);
      for (const th of a.thresholds) {
        const [num, den] = th.fraction;
        expect(th.met).toBe(cmp(BigInt(th.reached), BigInt(th.base), BigInt(num), BigInt(den), th.inclusive));
      }
    }), { numRuns: 500 });
  });

  it('yes + no + abstain = participated <= eligible, by headcount and by area', () => {
    fc.assert(fc.property(arbVote, ({ units, ballots, rule, followMajority }) => {
      for (const o of outcomesOf(tallyVote(units, ballots, rule, { followMajority }))) {
        expect(o.yes.owners + o.no.owners + o.abstain.owners).toBe(o.participated.owners);
        expect(o.yes.areaCenti + o.no.areaCenti + o.abstain.areaCenti).toBe(o.participated.areaCenti);
        expect(o.participated.owners).toBeLessThanOrEqual(o.eligible.owners);
        expect(o.participated.areaCenti).toBeLessThanOrEqual(o.eligible.areaCenti);
      }
    }), { numRuns: 500 });
  });

  it('passed implies quorumMet (general, special) and at least one participant (all rules)', () => {
    fc.assert(fc.property(arbVote, ({ units, ballots, rule, followMajority }) => {
      for (const o of outcomesOf(tallyVote(units, ballots, rule, { followMajority }))) {
        if (o.passed) {
          expect(o.quorumMet).toBe(true);
          expect(o.participated.owners).toBeGreaterThan(0);
        }
        if (o.rule === 'simple-majority') expect(o.quorumMet).toBe(true);
      }
    }), { numRuns: 500 });
  });

  it('followMajority never changes the raw top-level tally', () => {
    fc.assert(fc.property(arbVote, ({ units, ballots, rule }) => {
      const off = tallyVote(units, ballots, rule);
      const { followMajority: _f, adjusted: _a, ...on } = tallyVote(units, ballots, rule, { followMajority: true });
      const { followMajority: _g, ...offRaw } = off;
      expect(on).toEqual(offRaw);
    }), { numRuns: 200 });
  });

  it('meetsFraction agrees with BigInt cross-multiplication', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 1e12 }),
      fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 10 }), fc.boolean(),
      (reached, base, num, den, inclusive) => {
        expect(meetsFraction(reached, base, [num, den], inclusive))
          .toBe(cmp(BigInt(reached), BigInt(base), BigInt(num), BigInt(den), inclusive));
      },
    ));
  });

  it('VOTE_RULES lists the three rules', () => {
    expect([...VOTE_RULES]).toEqual(['general', 'special', 'simple-majority']);
    expect(Object.isFrozen(VOTE_RULES)).toBe(true);
  });
});
