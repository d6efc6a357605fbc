import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, TempLedger, expectRefused } from '../helpers/run-ledger.js';

/*
 * Votes (一事一议, 民法典 第278条) through the built binary, on the fixtures. The expected
 * figures are worked out here from the CSV files themselves, independently of the ledger.
 */

interface Unit { code: string; owner: string; centi: number; since: string }
const register: Unit[] = fs
  .readFileSync(path.join(FIXTURES, 'households.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [code, owner, area, , since] = line.split(',');
    const [int, dec = ''] = area!.split('.');
    return { code: code!, owner: owner!, centi: Number(int) * 100 + Number(dec.padEnd(2, '0')), since: since ?? '' };
  });

function readBallots(file: string): { code: string; choice: 'yes' | 'no' | 'abstain' }[] {
  const map: Record<string, 'yes' | 'no' | 'abstain'> = { 同意: 'yes', 反对: 'no', 弃权: 'abstain', yes: 'yes', no: 'no', abstain: 'abstain' };
  const bytes = fs.readFileSync(path.join(FIXTURES, file));
  return new TextDecoder(file.includes('gbk') ? 'gbk' : 'utf-8')
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => {
      const [code, choice] = l.split(',');
      return { code: code!, choice: map[choice!]! };
    });
}

/** The tally the law asks for, counted by hand: one head per owner, all of an owner's area. */
function expected(ballotFile: string, asOf: string) {
  const units = register.filter((u) => !u.since || u.since <= asOf);
  const areaOf = new Map<string, number>();
  for (const u of units) areaOf.set(u.owner, (areaOf.get(u.owner) ?? 0) + u.centi);
  const ownerOf = new Map(register.map((u) => [u.code, u.owner]));
  const sum = (owners: string[]) => ({ owners: owners.length, centi: owners.reduce((s, o) => s + areaOf.get(o)!, 0) });
  const ballots = readBallots(ballotFile).map((b) => ({ owner: ownerOf.get(b.code)!, choice: b.choice }));
  const by = (c: string) => sum(ballots.filter((b) => b.choice === c).map((b) => b.owner));
  return {
    eligible: sum([...areaOf.keys()]),
    participated: sum(ballots.map((b) => b.owner)),
    yes: by('yes'),
    no: by('no'),
    abstain: by('abstain'),
  };
}
const m2 = (t: { owners: number; centi: number }) => ({ owners: t.owners, area_m2: t.centi / 100 });

const ledgers: TempLedger[] = [];
const fresh = () => {
  const l = TempLedger.standard();
  l.ok(['--by', '张主任', 'household', 'import', path.join(FIXTURES, 'households.csv')]);
  ledgers.push(l);
  return l;
};
afterAll(() => {
  while (ledgers.length) ledgers.pop()!.cleanup();
});

const chair = ['--by', '张主任'];

describe('the rain-pipe vote on ballots-2022.csv', () => {
  let l: TempLedger;
  beforeAll(() => {
    l = fresh();
  });

  it('opens V2022-01 with the contract fields', () => {
    const v = l.json([...chair, 'vote', 'open', '--title', '外墙雨水管更换', '--budget', '8000', '--closes', '2022-09-05', '--date', '2022-08-20']);
    expect(v).toMatchObject({ id: 'V2022-01', title: '外墙雨水管更换', rule: 'general', budget_fen: 800000 });
  });

  it('imports the BOM file with Chinese header and 同意/反对/弃权', () => {
    const r = l.json([...chair, 'vote', 'import', 'V2022-01', path.join(FIXTURES, 'ballots-2022.csv'), '--date', '2022-09-01']);
    expect(r).toEqual({ vote: 'V2022-01', date: '2022-09-01', imported: 96, yes: 78, no: 12, abstain: 6, replaced: 0 });
  });

  it('shows the running tally of an open vote', () => {
    const v = l.json(['vote', 'show', 'V2022-01']);
    expect(v.status).toBe('open');
    expect(v.passed).toBe(false);
    expect(v.would_pass).toBe(true);
    expect(v.participated).toEqual({ owners: 96, area_m2: 9920.03 });
  });

  it('closes with the tally frozen over the register of record on the day it opened (later movers excluded)', () => {
    const e = expected('ballots-2022.csv', '2022-08-20');
    // 114 owners in all; 白志强 (3-2-501, 2022-11-20), 李桂芳 (4-2-601, 2023-03-15),
    // 郭晓燕 (5-1-402, 2023-05-08) and one owner moving in between opening and closing were
    // not on the register on 2022-08-20, when the vote opened.
    expect(e.eligible.owners).toBe(110);
    expect(e.participated).toEqual({ owners: 96, centi: 992003 });
    const v = l.json([...chair, 'vote', 'close', 'V2022-01', '--date', '2022-09-05']);
    expect(v).toMatchObject({
      id: 'V2022-01',
      title: '外墙雨水管更换',
      rule: 'general',
      status: 'closed',
      eligible: m2(e.eligible),
      participated: m2(e.participated),
      yes: m2(e.yes),
      no: m2(e.no),
      abstain: m2(e.abstain),
      quorum_met: true,
      passed: true,
      budget_fen: 800000,
      spent_fen: 0,
    });
    expect(v.eligible).toEqual({ owners: 110, area_m2: 11600.8 });
    expect(v.yes).toEqual({ owners: 78, area_m2: 7992.51 });
    // The law's integer tests, done here by hand.
    expect(3 * e.participated.owners >= 2 * e.eligible.owners).toBe(true);
    expect(3 * e.participated.centi >= 2 * e.eligible.centi).toBe(true);
    expect(2 * e.yes.owners > e.participated.owners && 2 * e.yes.centi > e.participated.centi).toBe(true);
    expect(v.thresholds.map((t: { key: string; met: boolean }) => [t.key, t.met])).toEqual([
      ['quorum-area', true], ['quorum-owners', true], ['yes-area', true], ['yes-owners', true],
    ]);
    expect(v.thresholds[1]).toMatchObject({ reached: 96, base: 110, needed: 74, fraction: '2/3', inclusive: true });
    // The vote show --json has exactly the contract's keys (and a few extras).
    for (const k of ['id', 'title', 'rule', 'status', 'eligible', 'participated', 'yes', 'no', 'abstain', 'quorum_met', 'passed', 'budget_fen', 'spent_fen']) {
      expect(v).toHaveProperty(k);
    }
    expect(l.json(['vote', 'show', 'V2022-01'])).toEqual(v);
  });

  it('explains in both languages what passed and why', () => {
    const zh = l.ok(['--lang', 'zh', 'vote', 'show', 'V2022-01']);
    expect(zh).toContain('参与表决人数 ≥ 全体业主的 2/3');
    expect(zh).toMatch(/96 \/ 110 \(87\.3%\)\s*│\s*74\s*│ ✓ 达到/);
    expect(zh).toMatch(/9,920\.03㎡ \/ 11,600\.80㎡ \(85\.5%\)/);
    expect(zh).toContain('结论：通过——各项门槛均已达到');
    const en = l.ok(['--lang', 'en', 'vote', 'show', 'V2022-01']);
    expect(en).toContain('owners saying yes > 1/2 of owners taking part');
    expect(en).toMatch(/78 \/ 96 \(81\.3%\)\s*│\s*49\s*│ ✓ met/);
    expect(en).toContain('result: PASSED: every threshold is met');
  });

  it('keeps a closed result frozen, refuses more ballots and a second close', () => {
    const before = l.snapshot();
    const cast = l.run([...chair, 'vote', 'cast', 'V2022-01', '1-1-101', 'no', '--date', '2022-09-05']);
    expect(cast.code).toBe(1);
    expect(cast.stderr).toMatch(/vote V2022-01 closed on 2022-09-05; no more ballots/);
    const again = l.run([...chair, 'vote', 'close', 'V2022-01']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already closed on 2022-09-05/);
    expect(l.snapshot()).toBe(before);
    // The register grows later; the closed result does not move.
    l.ok([...chair, 'household', 'add', '6-1-101', '--owner', '新业主', '--area', '100']);
    expect(l.json(['vote', 'show', 'V2022-01']).eligible).toEqual({ owners: 110, area_m2: 11600.8 });
  });

  it('lists the vote', () => {
    expect(l.json(['vote', 'list'])).toEqual([
      { id: 'V2022-01', title: '外墙雨水管更换', rule: 'general', status: 'closed', passed: true, opened_on: '2022-08-20', closes_on: '2022-09-05', closed_on: '2022-09-05', budget_fen: 800000, spent_fen: 0 },
    ]);
  });
});

describe('counting rules through the CLI', () => {
  it.each([
    ['ballots-2022.csv', 'general', true],
    ['ballots-2022.csv', 'special', true],
    ['ballots-2022.csv', 'simple-majority', true],
    ['ballots-gbk.csv', 'general', false],
    ['ballots-en.csv', 'general', false],
  ])('%s under %s, closed today with every owner eligible', (file, rule, passes) => {
    const l = fresh();
    l.ok([...chair, 'vote', 'open', '--title', '测试', '--rule', rule, '--date', '2023-07-01']);
    l.ok([...chair, 'vote', 'import', 'V2023-01', path.join(FIXTURES, file)]);
    const v = l.json([...chair, 'vote', 'close', 'V2023-01']);
    const e = expected(file, '2023-07-15');
    expect(e.eligible).toEqual({ owners: 114, centi: 1203936 });
    expect(v).toMatchObject({ rule, eligible: m2(e.eligible), participated: m2(e.participated), yes: m2(e.yes), no: m2(e.no), abstain: m2(e.abstain), passed: passes });
    if (rule === 'special') expect(4 * e.yes.owners >= 3 * e.participated.owners && 4 * e.yes.centi >= 3 * e.participated.centi).toBe(true);
    if (rule === 'simple-majority') expect(v.thresholds).toEqual([expect.objectContaining({ key: 'yes-all-owners', reached: 78, base: 114, needed: 58, met: true })]);
    if (!passes) expect(v.quorum_met).toBe(false);
  });

  it('reads the GBK and the English ballot files alike', () => {
    const a = fresh();
    const b = fresh();
    for (const [l, file] of [[a, 'ballots-gbk.csv'], [b, 'ballots-en.csv']] as const) {
      l.ok([...chair, 'vote', 'open', '--title', 't', '--date', '2023-07-01']);
      l.ok([...chair, 'vote', 'import', 'V2023-01', path.join(FIXTURES, file)]);
    }
    expect(a.json(['vote', 'show', 'V2023-01'])).toEqual(b.json(['vote', 'show', 'V2023-01']));
    expect(a.json(['vote', 'show', 'V2023-01']).participated.owners).toBe(10);
  });

  it("counts an owner of two units once by head, with both units' area, and lets a later ballot replace the earlier", () => {
    const l = fresh();
    l.ok([...chair, 'vote', 'open', '--title', 't', '--date', '2023-07-01']);
    const first = l.json([...chair, 'vote', 'cast', 'V2023-01', '1-1-301', 'yes', '--date', '2023-07-02']);
    expect(first).toEqual({ vote: 'V2023-01', household: '1-1-301', owner: '闫海涛', choice: 'yes', date: '2023-07-02', replaced: null });
    const second = l.json([...chair, 'vote', 'cast', 'V2023-01', '1-1-302', '反对', '--date', '2023-07-03']);
    expect(second).toMatchObject({ owner: '闫海涛', choice: 'no', replaced: 'yes' });
    const area = register.filter((u) => u.owner === '闫海涛').reduce((s, u) => s + u.centi, 0);
    const v = l.json(['vote', 'show', 'V2023-01']);
    expect(v.participated).toEqual({ owners: 1, area_m2: area / 100 });
    expect(v.no).toEqual({ owners: 1, area_m2: area / 100 });
    expect(v.yes).toEqual({ owners: 0, area_m2: 0 });
    expect(l.ok(['--lang', 'zh', ...chair, 'vote', 'cast', 'V2023-01', '1-1-301', '弃权'])).toContain('闫海涛（1-1-301）弃权（替换此前的“反对”）');
  });

  it('shows the raw and the adjusted tally when 从众 is on, and decides by the adjusted one', () => {
    const l = fresh();
    expect(l.run(['--by', '李会计', 'setting', 'follow-majority', 'on']).code).toBe(1);
    l.ok([...chair, 'setting', 'follow-majority', 'on']);
    expect(l.json(['setting', 'follow-majority'])).toEqual({ follow_majority: true });
    // Only the 10 ballots of ballots-en.csv: far short of the quorum, but yes leads among them.
    l.ok([...chair, 'vote', 'open', '--title', 't', '--date', '2023-07-01']);
    l.ok([...chair, 'vote', 'import', 'V2023-01', path.join(FIXTURES, 'ballots-en.csv')]);
    const v = l.json([...chair, 'vote', 'close', 'V2023-01']);
    const e = expected('ballots-en.csv', '2023-07-15');
    expect(e.yes.owners > e.no.owners && e.yes.centi > e.no.centi).toBe(true);
    expect(v).toMatchObject({ follow_majority: true, participated: m2(e.participated), quorum_met: false, raw_passed: false, passed: true });
    const silent = { owners: e.eligible.owners - e.participated.owners, centi: e.eligible.centi - e.participated.centi };
    expect(v.adjusted).toMatchObject({
      participated: m2(e.eligible),
      yes: { owners: e.yes.owners + silent.owners, area_m2: (e.yes.centi + silent.centi) / 100 },
      no: m2(e.no),
      quorum_met: true,
      passed: true,
    });
    const zh = l.ok(['--lang', 'zh', 'vote', 'show', 'V2023-01']);
    expect(zh).toContain('从众（本小区议事规则：未投票的业主随参与表决者的多数）调整后');
    expect(zh).toContain('结论：通过（以从众调整后的结果为准）');
    // Votes are counted by the rules they opened under: turning 从众 off later changes nothing here.
    l.ok([...chair, 'setting', 'follow-majority', 'off']);
    l.ok([...chair, 'vote', 'open', '--title', 'u', '--date', '2023-07-01']);
    l.ok([...chair, 'vote', 'import', 'V2023-02', path.join(FIXTURES, 'ballots-en.csv')]);
    const u = l.json([...chair, 'vote', 'close', 'V2023-02']);
    expect(u).toMatchObject({ follow_majority: false, passed: false });
    expect(u).not.toHaveProperty('adjusted');
    expect(l.json(['vote', 'show', 'V2023-01']).passed).toBe(true);
  });
});

describe('vote refusals write nothing', () => {
  let l: TempLedger;
  beforeAll(() => {
    l = fresh();
    l.ok([...chair, 'vote', 'open', '--title', '外墙雨水管更换', '--budget', '8000', '--closes', '2022-09-05', '--date', '2022-08-20']);
    l.ok([...chair, 'vote', 'open', '--title', '已结束', '--date', '2022-08-20']);
    l.ok([...chair, 'vote', 'close', 'V2022-02', '--date', '2022-08-21']);
    l.ok([...chair, 'vote', 'cast', 'V2022-01', '2-2-501', 'yes', '--date', '2022-08-25']);
  });

  const cases: [string, string[], number, RegExp][] = [
    ['open by someone other than the chair', ['--by', '王出纳', 'vote', 'open', '--title', 't'], 1, /王出纳 is not the chair/],
    ['open closing before it opens', [...chair, 'vote', 'open', '--title', 't', '--date', '2022-08-20', '--closes', '2022-08-19'], 2, /closing day 2022-08-19 is before the opening day 2022-08-20/],
    ['open with an unknown rule', [...chair, 'vote', 'open', '--title', 't', '--rule', 'unanimous'], 2, /rule "unanimous"/],
    ['open with a bad budget', [...chair, 'vote', 'open', '--title', 't', '--budget', '-1'], 2, /budget "-1"/],
    ['open with a bad closing day', [...chair, 'vote', 'open', '--title', 't', '--closes', '2022-02-30'], 2, /closing day "2022-02-30" is not a real date/],
    ['a ballot recorded by someone other than the chair', ['--by', '李会计', 'vote', 'cast', 'V2022-01', '1-1-101', 'yes', '--date', '2022-08-25'], 1, /李会计 is not the chair/],
    ['a ballot on an unknown vote', [...chair, 'vote', 'cast', 'V2022-09', '1-1-101', 'yes', '--date', '2022-08-25'], 2, /no vote V2022-09/],
    ['a ballot from an unknown household', [...chair, 'vote', 'cast', 'V2022-01', '9-9-999', 'yes', '--date', '2022-08-25'], 2, /no household 9-9-999/],
    ['a ballot with no choice the ledger knows', [...chair, 'vote', 'cast', 'V2022-01', '1-1-101', 'maybe', '--date', '2022-08-25'], 2, /choice "maybe" is not one of: yes, no, abstain/],
    ['a ballot before the vote opened', [...chair, 'vote', 'cast', 'V2022-01', '1-1-101', 'yes', '--date', '2022-08-19'], 1, /ballots dated 2022-08-19 come before vote V2022-01 opened \(2022-08-20\)/],
    ['a ballot after voting ended', [...chair, 'vote', 'cast', 'V2022-01', '1-1-101', 'yes', '--date', '2022-09-06'], 1, /voting on V2022-01 ended on 2022-09-05/],
    ['a ballot on a closed vote', [...chair, 'vote', 'cast', 'V2022-02', '1-1-101', 'yes', '--date', '2022-08-21'], 1, /vote V2022-02 closed on 2022-08-21; no more ballots/],
    ['a ballot from an owner who had not moved in', [...chair, 'vote', 'cast', 'V2022-01', '3-2-501', 'yes', '--date', '2022-08-25'], 1, /3-2-501 was not on the register when vote V2022-01 opened \(2022-08-20\); it cannot vote/],
    ['a ballot dated before the same owner\'s last one', [...chair, 'vote', 'cast', 'V2022-01', '2-2-601', 'no', '--date', '2022-08-24'], 1, /王海燕 \(2-2-601\) already has a ballot dated 2022-08-25/],
    ['an import onto a closed vote', [...chair, 'vote', 'import', 'V2022-02', path.join(FIXTURES, 'ballots-en.csv'), '--date', '2022-08-21'], 1, /closed on 2022-08-21/],
    ['an import that is not there', [...chair, 'vote', 'import', 'V2022-01', 'nope.csv', '--date', '2022-08-25'], 2, /cannot read nope.csv/],
    ['an early close', [...chair, 'vote', 'close', 'V2022-01', '--date', '2022-09-04'], 1, /runs until 2022-09-05 as announced/],
    ['a close by someone other than the chair', ['--by', '赵监督', 'vote', 'close', 'V2022-01'], 1, /赵监督 is not the chair/],
    ['a close of an unknown vote', [...chair, 'vote', 'close', 'V2099-01'], 2, /no vote V2099-01/],
    ['showing an unknown vote', ['vote', 'show', 'V2022-77'], 2, /no vote V2022-77/],
  ];

  it.each(cases)('refuses %s', (_name, args, code, message) => {
    expectRefused(l, args, code as 1 | 2, message);
  });

  it('refuses a ballot file with any bad row, listing every one, and records none', () => {
    const bad = path.join(l.dir, 'ballots-bad.csv');
    fs.writeFileSync(
      bad,
      ['房号,表决', '1-1-101,同意', '1-1-102,赞成票', '9-9-999,反对', '1-1-301,同意', '1-1-302,反对', '1-1-201,弃权', '', '1-1-101,反对'].join('\r\n'),
    );
    const before = l.snapshot();
    const r = l.run([...chair, 'vote', 'import', 'V2022-01', bad, '--date', '2022-08-25']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^error: .*4 bad row/);
    expect(lines.slice(1).map((s) => Number(/\.csv:(\d+):/.exec(s)![1]))).toEqual([3, 4, 6, 9]);
    expect(r.stderr).toMatch(/:3: choice "赞成票"/);
    expect(r.stderr).toMatch(/:4: no household 9-9-999/);
    expect(r.stderr).toMatch(/:6: 1-1-302: its owner 闫海涛 already voted on line 5/);
    expect(r.stderr).toMatch(/:9: 1-1-101: its owner 梁杰 already voted on line 2/);
    expect(l.snapshot()).toBe(before);
  });

  it('refuses a whole file when one ballot breaks a rule, naming it', () => {
    const bad = path.join(l.dir, 'ballots-late.csv');
    fs.writeFileSync(bad, ['code,choice', '1-1-101,yes', '3-2-501,no'].join('\n'));
    const before = l.snapshot();
    const r = l.run([...chair, 'vote', 'import', 'V2022-01', bad, '--date', '2022-08-25']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/1 ballot\(s\) cannot be recorded; none was\n3-2-501 was not on the register when vote V2022-01 opened/);
    expect(l.snapshot()).toBe(before);
  });
});
