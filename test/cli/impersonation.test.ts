// Acting in someone else's name: for every command that writes, the right name with a wrong (or
// no) passphrase, a person who does not hold the role, and — where a second person approves —
// every way of faking the approver, are refused and write nothing (every table as it was, the
// same verify head), while the right people with their own passphrases do it. Names that only
// look like an officer's (invisible characters, other Unicode forms) do not pass as that officer.
// signatures.test.ts covers the signature mechanics (key change, verify of forged signatures).
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefused, FIXTURES, PASSPHRASE, type RunResult, TempLedger } from '../helpers/run-ledger.js';

const CHAIR = '张主任';
const COLLECTOR = '李会计';
const REIMBURSER = '王出纳';
const SUPERVISOR = '赵监督';
const STRANGER = '钱新人'; // in no role and with no key
/** Each officer's own passphrase: knowing one's own is no help in signing as another. */
const PASS: Record<string, string> = { [CHAIR]: 'zhang-own-pass', [COLLECTOR]: 'li-own-pass', [REIMBURSER]: 'wang-own-pass', [SUPERVISOR]: 'zhao-own-pass' };
const NEW = 'newcomer-pass-2023';

/** The environment of a command run by `by`, approved by `approver`: each types their own passphrase. */
const envOf = (by: string | null, approver: string | null = null, over: Record<string, string> = {}) => ({
  LEDGER_PASSPHRASE: (by && PASS[by]) || '',
  LEDGER_APPROVER_PASSPHRASE: (approver && PASS[approver]) || '',
  LEDGER_NEW_PASSPHRASE: NEW,
  ...over,
});

// ---------------------------------------------------------------------------------------
// One compound, built once and copied for every test.

let base: TempLedger;
let BASE: { entries: number; head: { seq: number; code: string } };
const ledgers: TempLedger[] = [];

beforeAll(() => {
  base = TempLedger.standard();
  ledgers.push(base);
  const chair = envOf(CHAIR);
  // Everyone leaves the shared test passphrase for their own.
  for (const p of [CHAIR, COLLECTOR, REIMBURSER, SUPERVISOR]) base.ok(['--by', p, 'key', 'change'], { LEDGER_PASSPHRASE: PASSPHRASE, LEDGER_NEW_PASSPHRASE: PASS[p]! });
  base.ok(['--by', CHAIR, 'household', 'add', '1-1-101', '--owner', '王五', '--area', '80'], chair);
  base.ok(['--by', CHAIR, 'household', 'add', '1-1-102', '--owner', '赵六', '--area', '90'], chair);
  base.ok(['--by', CHAIR, 'household', 'add', '1-1-103', '--owner', '孙七', '--area', '70'], chair);
  base.ok(['--by', CHAIR, 'bill', '2023'], chair);
  base.ok(['--by', COLLECTOR, 'collect', '1-1-101', '700', '--date', '2023-03-01'], envOf(COLLECTOR)); // R2023-0001, 200 prepaid
  base.ok(['--by', COLLECTOR, 'collect', '1-1-102', '100', '--date', '2023-03-02'], envOf(COLLECTOR)); // R2023-0002
  base.ok(['--by', REIMBURSER, 'spend', '100', '--category', '保洁', '--payee', '某保洁公司', '--item', '3月保洁', '--approved-by', SUPERVISOR, '--date', '2023-03-31'], envOf(REIMBURSER, SUPERVISOR)); // E2023-0001
  base.ok(['--by', CHAIR, 'vote', 'open', '--title', '更换水泵', '--budget', '3000', '--date', '2023-07-01'], chair); // V2023-01
  const v = base.json(['verify']);
  expect(v.ok).toBe(true);
  BASE = { entries: v.entries, head: v.head };
});
afterAll(() => {
  for (const l of ledgers) l.cleanup();
});

/** A fresh copy of the compound. */
function copy(): TempLedger {
  const l = new TempLedger();
  ledgers.push(l);
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(base.db + suffix)) fs.copyFileSync(base.db + suffix, l.db + suffix);
  return l;
}

/** expectRefused (exit code, message, no stdout, every table unchanged), and the message is one `error:` line. */
function refused(l: TempLedger, args: string[], code: 1 | 2, message: RegExp, env: Record<string, string>): RunResult {
  const r = expectRefused(l, args, code, message, env);
  expect(r.stderr.split('\n').filter((s) => s !== '')).toHaveLength(1);
  return r;
}

/** verify passes with the head and entry count the compound had: nothing was written. */
function unchanged(l: TempLedger): void {
  const v = l.json(['verify']);
  expect(v.ok).toBe(true);
  expect({ entries: v.entries, head: v.head }).toEqual(BASE);
}

/** verify passes with `n` more entries than the compound had, the new head the last of them. */
function grown(l: TempLedger, n: number): void {
  const v = l.json(['verify']);
  expect(v.ok).toBe(true);
  expect(v.entries).toBe(BASE.entries + n);
  expect(v.head.seq).toBe(v.entries);
  expect(v.head.code).not.toBe(BASE.head.code);
}

const lastEntry = (l: TempLedger): { recorded_by: string; approved_by: string | null; kind: string } => {
  const db = new BetterSqlite3(l.db, { readonly: true });
  try {
    return db.prepare('SELECT recorded_by, approved_by, kind FROM entries ORDER BY seq DESC LIMIT 1').get() as any;
  } finally {
    db.close();
  }
};

const headSignatures = (l: TempLedger): { role: string; signer: string }[] => {
  const db = new BetterSqlite3(l.db, { readonly: true });
  try {
    return db.prepare('SELECT role, signer FROM signatures WHERE seq = (SELECT MAX(seq) FROM entries) ORDER BY role, signer').all() as any;
  } finally {
    db.close();
  }
};

const write = (l: TempLedger, name: string, content: string): string => {
  const f = path.join(l.dir, name);
  fs.writeFileSync(f, content);
  return f;
};

// ---------------------------------------------------------------------------------------
// Every write, table-driven.

interface Family {
  name: string;
  /** Who may do it. */
  by: string;
  /** The command, without --by and --approved-by (files are written into the ledger's folder). */
  args: (l: TempLedger) => string[];
  /** Someone who holds no role for it, and the start of the refusal they get; null where the command is one's own (key change). */
  outsider: [name: string, message: string] | null;
  /** Entries the right people's command appends. */
  grows: number;
  /** For commands a second person approves: an officer (not the recorder) who is neither chair nor supervisor. */
  approval?: { notEntitled: string };
}

const FAMILIES: Family[] = [
  { name: 'collect', by: COLLECTOR, args: () => ['collect', '1-1-103', '100'], outsider: [REIMBURSER, 'is not the collector'], grows: 1 },
  {
    name: 'import collections',
    by: COLLECTOR,
    args: (l) => ['import', 'collections', write(l, 'collections.csv', 'date,code,amount,method,receipt\n2023-07-01,1-1-103,100,cash,\n2023-07-02,1-1-102,50,wechat,No.0001\n')],
    outsider: [CHAIR, 'is not the collector'],
    grows: 2,
  },
  { name: 'income', by: COLLECTOR, args: () => ['income', '10', '--category', '停车费', '--from', '临时车'], outsider: [REIMBURSER, 'is not the collector'], grows: 1 },
  { name: 'bill', by: CHAIR, args: () => ['bill', '2022'], outsider: [COLLECTOR, 'is not the chair'], grows: 3 },
  { name: 'fee set', by: CHAIR, args: () => ['fee', 'set', '2024', '600'], outsider: [COLLECTOR, 'is not the chair'], grows: 1 },
  {
    name: 'fee waive',
    by: COLLECTOR,
    args: () => ['fee', 'waive', '1-1-103', '2023', '100', '--reason', '困难户'],
    outsider: [REIMBURSER, 'is not the chair or collector'],
    grows: 1,
    approval: { notEntitled: REIMBURSER },
  },
  {
    name: 'import waivers',
    by: COLLECTOR,
    args: (l) => ['import', 'waivers', write(l, 'waivers.csv', 'code,year,amount,reason\n1-1-103,2023,250,空置\n1-1-102,2023,,困难户\n')],
    outsider: [REIMBURSER, 'is not the chair or collector'],
    grows: 2,
    approval: { notEntitled: REIMBURSER },
  },
  { name: 'refund', by: COLLECTOR, args: () => ['refund', '1-1-101', '50', '--reason', '多交'], outsider: [CHAIR, 'is not the collector'], grows: 1, approval: { notEntitled: REIMBURSER } },
  { name: 'void (a receipt)', by: COLLECTOR, args: () => ['void', 'R2023-0002', '--reason', '录错'], outsider: [REIMBURSER, 'is not the collector'], grows: 1, approval: { notEntitled: REIMBURSER } },
  { name: 'void (an expense)', by: REIMBURSER, args: () => ['void', 'E2023-0001', '--reason', '重复报账'], outsider: [COLLECTOR, 'is not the reimburser'], grows: 1, approval: { notEntitled: COLLECTOR } },
  {
    name: 'spend',
    by: REIMBURSER,
    args: () => ['spend', '100', '--category', '保洁', '--payee', '某保洁公司', '--item', '7月保洁', '--date', '2023-07-10'],
    outsider: [COLLECTOR, 'is not the reimburser'],
    grows: 1,
    approval: { notEntitled: COLLECTOR },
  },
  { name: 'vote open', by: CHAIR, args: () => ['vote', 'open', '--title', '加装电梯', '--budget', '5000'], outsider: [COLLECTOR, 'is not the chair'], grows: 1 },
  { name: 'vote cast (a ballot)', by: CHAIR, args: () => ['vote', 'cast', 'V2023-01', '1-1-101', 'yes'], outsider: [SUPERVISOR, 'is not the chair'], grows: 1 },
  {
    name: 'vote import',
    by: CHAIR,
    args: (l) => ['vote', 'import', 'V2023-01', write(l, 'ballots.csv', 'code,choice\n1-1-101,yes\n1-1-102,no\n')],
    outsider: [SUPERVISOR, 'is not the chair'],
    grows: 2,
  },
  { name: 'vote close', by: CHAIR, args: () => ['vote', 'close', 'V2023-01'], outsider: [COLLECTOR, 'is not the chair'], grows: 1 },
  { name: 'lock', by: CHAIR, args: () => ['lock', '--through', '2023-06-30'], outsider: [SUPERVISOR, 'is not the chair'], grows: 1 },
  { name: 'household add', by: CHAIR, args: () => ['household', 'add', '2-1-101', '--owner', '新业主', '--area', '95'], outsider: [COLLECTOR, 'is not the chair'], grows: 1 },
  {
    name: 'household import',
    by: CHAIR,
    args: (l) => ['household', 'import', write(l, 'households.csv', 'code,owner,area,phone,since\n2-1-101,甲业主,90,,\n2-1-102,乙业主,91.5,,\n')],
    outsider: [COLLECTOR, 'is not the chair'],
    grows: 2,
  },
  { name: 'household transfer', by: CHAIR, args: () => ['household', 'transfer', '1-1-102', '--to', '孙买家'], outsider: [COLLECTOR, 'is not the chair'], grows: 1 },
  { name: 'household correct', by: CHAIR, args: () => ['household', 'correct', '1-1-102', '--area', '91', '--reason', '面积录错'], outsider: [COLLECTOR, 'is not the chair'], grows: 1 },
  { name: 'household end', by: CHAIR, args: () => ['household', 'end', '1-1-103', '--reason', '拆除'], outsider: [COLLECTOR, 'is not the chair'], grows: 1 },
  // A newcomer is given a key: the appointment and the key are two entries.
  { name: 'role add', by: CHAIR, args: () => ['role', 'add', '周新', 'supervisor'], outsider: [SUPERVISOR, 'is not the chair'], grows: 2 },
  { name: 'role end', by: CHAIR, args: () => ['role', 'end', REIMBURSER, 'reimburser'], outsider: [REIMBURSER, 'is not the chair'], grows: 1 },
  { name: 'handover', by: CHAIR, args: () => ['handover', 'collector', '--from', COLLECTOR, '--to', '周新'], outsider: [COLLECTOR, 'is not the chair'], grows: 2 },
  { name: 'category add', by: CHAIR, args: () => ['category', 'add', '电梯维保', '--line', 'expense'], outsider: [REIMBURSER, 'is not the chair'], grows: 1 },
  { name: 'setting prorate', by: CHAIR, args: () => ['setting', 'prorate', 'on'], outsider: [SUPERVISOR, 'is not the chair'], grows: 1 },
  { name: 'setting follow-majority', by: CHAIR, args: () => ['setting', 'follow-majority', 'on'], outsider: [SUPERVISOR, 'is not the chair'], grows: 1 },
  { name: 'key change', by: COLLECTOR, args: () => ['key', 'change'], outsider: null, grows: 1 },
  { name: 'key reset', by: CHAIR, args: () => ['key', 'reset', COLLECTOR], outsider: [REIMBURSER, 'is not the chair and cannot reset'], grows: 1, approval: { notEntitled: REIMBURSER } },
];

/** The same name in another Unicode form (NFC-equal, or only trimmed away): the same person. */
const SAME_NAME: Record<string, string> = {
  [COLLECTOR]: '\uf9e1会计', // CJK COMPATIBILITY IDEOGRAPH-F9E1, NFC 李
  [REIMBURSER]: '\u{2f929}出纳', // CJK COMPATIBILITY IDEOGRAPH-2F929, NFC 王
  [CHAIR]: ' 张主任\u3000', // spaces about it (ideographic space)
};

/** Bugs this file found, fixed since: kept as ordinary tests so they stay fixed. */
const bug = it;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe.each(FAMILIES)('$name', (f) => {
  const approved = (approver: string) => (f.approval ? ['--approved-by', approver] : []);
  // An impersonator types the name and the one passphrase they know: their own.
  const impostor = f.outsider?.[0] ?? REIMBURSER;

  it(`${f.by}'s name with someone else's passphrase, or none, is refused and writes nothing`, () => {
    const l = copy();
    const args = ['--by', f.by, ...f.args(l), ...approved(SUPERVISOR)];
    refused(l, args, 1, new RegExp(`^error: wrong passphrase for ${f.by}; nothing was recorded\\n$`), envOf(impostor, SUPERVISOR, { LEDGER_PASSPHRASE: PASS[impostor]! }));
    refused(l, args, 1, new RegExp(`^error: wrong passphrase for ${f.by}; nothing was recorded`), envOf(f.by, SUPERVISOR, { LEDGER_PASSPHRASE: `${PASS[f.by]}x` }));
    refused(l, args, 2, new RegExp(`^error: ${f.by}'s passphrase is needed: type it on a terminal, or set LEDGER_PASSPHRASE`), envOf(null, SUPERVISOR));
    // The same name in another Unicode form is the same person, and needs the same passphrase.
    if (SAME_NAME[f.by]) {
      refused(l, ['--by', SAME_NAME[f.by]!, ...args.slice(2)], 1, new RegExp(`^error: wrong passphrase for ${f.by}; nothing was recorded`), envOf(impostor, SUPERVISOR, { LEDGER_PASSPHRASE: PASS[impostor]! }));
    }
    unchanged(l);
  });

  if (f.outsider) {
    const [outsider, message] = f.outsider;
    it(`${outsider}, who does not hold the role, is refused even with their own passphrase`, () => {
      const l = copy();
      refused(l, ['--by', outsider, ...f.args(l), ...approved(SUPERVISOR)], 1, new RegExp(`^error: ${outsider} ${esc(message)}`), envOf(outsider, SUPERVISOR));
      // A stranger, in no role and with no key, is refused (and is not given one).
      refused(l, ['--by', STRANGER, ...f.args(l), ...approved(SUPERVISOR)], 1, new RegExp(`^error: ${STRANGER} is not the`), envOf(null, SUPERVISOR, { LEDGER_PASSPHRASE: NEW }));
      unchanged(l);
    });
  }

  if (f.approval) {
    const { notEntitled } = f.approval;
    it('the approver must be another person, the chair or a supervisor, with their own passphrase', () => {
      const l = copy();
      const cmd = ['--by', f.by, ...f.args(l)];
      refused(l, cmd, 2, /^error: required option '--approved-by <name>' not specified/, envOf(f.by));
      refused(l, [...cmd, '--approved-by', f.by], 1, new RegExp(`^error: ${f.by} cannot approve their own record`), envOf(f.by, f.by));
      refused(l, [...cmd, '--approved-by', SAME_NAME[f.by]!], 1, new RegExp(`^error: ${f.by} cannot approve their own record`), envOf(f.by, f.by));
      refused(l, [...cmd, '--approved-by', notEntitled], 1, new RegExp(`^error: the approver ${notEntitled} is neither the chair nor a supervisor`), envOf(f.by, notEntitled));
      refused(l, [...cmd, '--approved-by', STRANGER], 1, new RegExp(`^error: the approver ${STRANGER} is neither the chair nor a supervisor`), envOf(f.by, null, { LEDGER_APPROVER_PASSPHRASE: NEW }));
      // The recorder typing the supervisor's name with their own passphrase, or with none.
      refused(l, [...cmd, '--approved-by', SUPERVISOR], 1, new RegExp(`^error: wrong passphrase for ${SUPERVISOR}; nothing was recorded`), envOf(f.by, null, { LEDGER_APPROVER_PASSPHRASE: PASS[f.by]! }));
      refused(l, [...cmd, '--approved-by', SUPERVISOR], 2, new RegExp(`^error: ${SUPERVISOR}'s passphrase is needed: type it on a terminal, or set LEDGER_APPROVER_PASSPHRASE`), envOf(f.by, null));
      // The recorder's passphrase does not stand in for the approver's, nor the approver's for the recorder's.
      refused(l, [...cmd, '--approved-by', SUPERVISOR], 1, new RegExp(`^error: wrong passphrase for ${f.by}; nothing was recorded`), envOf(f.by, SUPERVISOR, { LEDGER_PASSPHRASE: PASS[SUPERVISOR]! }));
      // A look-alike of the supervisor's name is bad input.
      refused(l, [...cmd, '--approved-by', '赵\u200b监督'], 2, /^error: .*zero-width character/, envOf(f.by, SUPERVISOR));
      unchanged(l);
    });
  }

  it(`${f.by}${f.approval ? `, approved by ${SUPERVISOR},` : ''} with their own passphrase does it: ${f.grows} more entr${f.grows === 1 ? 'y' : 'ies'}, signed`, () => {
    const l = copy();
    l.ok(['--by', f.by, ...f.args(l), ...approved(SUPERVISOR)], envOf(f.by, SUPERVISOR));
    grown(l, f.grows);
    expect(lastEntry(l)).toMatchObject({ recorded_by: f.by, approved_by: f.approval ? SUPERVISOR : null });
    // The commit is signed by its recorder, and by the approver where there is one.
    expect(headSignatures(l)).toEqual([...(f.approval ? [{ role: 'approver', signer: SUPERVISOR }] : []), { role: 'recorder', signer: f.by }]);
  });
});

// ---------------------------------------------------------------------------------------
// Names that look like an officer's.

/** Invisible characters the contract names (zero-width, joiners, bidi marks, variation selectors, fillers). */
const INVISIBLE: [label: string, name: string][] = [
  ['ZERO WIDTH SPACE', '李\u200b会计'],
  ['ZERO WIDTH JOINER', '李会计\u200d'],
  ['COMBINING GRAPHEME JOINER', '李\u034f会计'],
  ['WORD JOINER', '李\u2060会计'],
  ['RIGHT-TO-LEFT MARK', '\u200f李会计'],
  ['SOFT HYPHEN', '李\u00ad会计'],
  ['VARIATION SELECTOR-1', '李\ufe00会计'],
  ['HANGUL FILLER', '李会计\u3164'],
];
/** Invisible too (default-ignorable code points), outside the Basic Multilingual Plane. */
const INVISIBLE_ASTRAL: [label: string, name: string][] = [
  ['VARIATION SELECTOR-17', '李\u{e0100}会计'],
  ['TAG SPACE', '李会计\u{e0020}'],
];

describe('a name that only looks like an officer’s does not pass as that officer', () => {
  it.each([...INVISIBLE, ...INVISIBLE_ASTRAL])('%s: --by is refused even with the officer’s own passphrase, and writes nothing', (_label, name) => {
    const l = copy();
    const r = l.run(['--by', name, 'collect', '1-1-103', '100'], envOf(COLLECTOR));
    expect([1, 2]).toContain(r.code);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stdout).toBe('');
    unchanged(l);
  });

  // BUG (contract): "a name … containing … zero-width or bidirectional marks is bad input (exit 2)".
  // `--by` is never checked for them (src/app/guards.ts operatorOf only trims and normalises): the
  // command is refused by the role rule instead, exit 1, with the invisible character inside the
  // name in the message — `error: 李​会计 is not the collector and cannot collect fees` reads as if
  // the real collector had been refused.
  bug('an invisible character in --by is bad input (exit 2), as the contract says', () => {
    const l = copy();
    for (const [, name] of INVISIBLE) refused(l, ['--by', name, 'collect', '1-1-103', '100'], 2, /zero-width character/, envOf(COLLECTOR));
  });

  it.each(INVISIBLE)('%s: the chair cannot appoint a look-alike of an officer (exit 2)', (_label, name) => {
    const l = copy();
    refused(l, ['--by', CHAIR, 'role', 'add', name, 'supervisor'], 2, /^error: name holds a line break, a control character, a zero-width character or a bidirectional mark/, envOf(CHAIR));
    unchanged(l);
  });

  // BUG: FORBIDDEN_IN_TEXT (src/import/fields.ts) stops at the Basic Multilingual Plane. A variation
  // selector of U+E0100–E01EF or a tag character of U+E0000–E007F (default-ignorable, drawn as
  // nothing) passes: `ledger --by 张主任 role add $'李\U000e0100会计' supervisor` exits 0 and
  // `key list` then shows two rows that both read 李会计, each with its own key.
  bug.each(INVISIBLE_ASTRAL)('%s: the chair cannot appoint a look-alike of an officer (exit 2)', (_label, name) => {
    const l = copy();
    refused(l, ['--by', CHAIR, 'role', 'add', name, 'supervisor'], 2, /zero-width character/, envOf(CHAIR));
  });

  const sameName: [label: string, name: string][] = [
    ['CJK COMPATIBILITY IDEOGRAPH-F9E1 (NFC 李)', '\uf9e1会计'],
    ['ideographic spaces about the name', '\u3000李会计\u3000'],
    ['a byte order mark before it', '\ufeff李会计'],
  ];
  it.each(sameName)('%s: the same person — their passphrase is needed, and the role rules see one person', (_label, name) => {
    const l = copy();
    refused(l, ['--by', name, 'collect', '1-1-103', '100'], 1, /^error: wrong passphrase for 李会计; nothing was recorded\n$/, envOf(REIMBURSER));
    // Not a second person who could also be the reimburser (收支两条线).
    refused(l, ['--by', CHAIR, 'role', 'add', name, 'reimburser'], 1, /^error: income and expense are kept by different people: 李会计 is already the collector/, envOf(CHAIR));
    unchanged(l);
    // With the collector's own passphrase it is the collector's record, under the one name.
    l.ok(['--by', name, 'collect', '1-1-103', '100'], envOf(COLLECTOR));
    grown(l, 1);
    expect(lastEntry(l)).toMatchObject({ kind: 'collection', recorded_by: COLLECTOR });
    expect(l.json(['key', 'list']).map((k: any) => k.name)).toEqual([CHAIR, COLLECTOR, REIMBURSER, SUPERVISOR]);
  });

  it('LEDGER_OPERATOR names the recorder as --by does: the same passphrase is needed', () => {
    const l = copy();
    refused(l, ['fee', 'set', '2024', '600'], 1, /^error: wrong passphrase for 张主任; nothing was recorded/, { ...envOf(COLLECTOR), LEDGER_OPERATOR: CHAIR });
    refused(l, ['fee', 'set', '2024', '600'], 2, /^error: who is recording\?/, envOf(CHAIR));
    unchanged(l);
  });
});

// ---------------------------------------------------------------------------------------
// Officers who were, and people who are not yet.

describe('a former officer no longer acts in the role', () => {
  it('a collector whose role ended cannot collect, not even dated back to their tenure', () => {
    const l = copy();
    l.ok(['--by', CHAIR, 'role', 'end', COLLECTOR, 'collector', '--reason', '换届'], envOf(CHAIR));
    grown(l, 1);
    const before = l.json(['verify']);
    refused(l, ['--by', COLLECTOR, 'collect', '1-1-103', '100'], 1, /^error: 李会计 is not the collector/, envOf(COLLECTOR));
    refused(l, ['--by', COLLECTOR, 'collect', '1-1-103', '100', '--date', '2023-07-01'], 1, /^error: 李会计 is not the collector/, envOf(COLLECTOR));
    refused(l, ['--by', COLLECTOR, 'import', 'collections', write(l, 'c.csv', 'date,code,amount\n2023-06-01,1-1-103,100\n')], 1, /^error: 李会计 is not the collector/, envOf(COLLECTOR));
    refused(l, ['--by', COLLECTOR, 'void', 'R2023-0002', '--reason', 'x', '--approved-by', SUPERVISOR], 1, /^error: 李会计 is not the collector/, envOf(COLLECTOR, SUPERVISOR));
    expect(l.json(['verify'])).toMatchObject({ ok: true, entries: before.entries, head: before.head });
  });

  it('after a handover the new collector signs with the passphrase they chose, the old one’s does not sign for them', () => {
    const l = copy();
    l.ok(['--by', CHAIR, 'handover', 'collector', '--from', COLLECTOR, '--to', '周新'], envOf(CHAIR, null, { LEDGER_NEW_PASSPHRASE: 'zhou-own-pass' }));
    grown(l, 2);
    const before = l.json(['verify']);
    refused(l, ['--by', COLLECTOR, 'collect', '1-1-103', '100'], 1, /^error: 李会计 is not the collector/, envOf(COLLECTOR));
    refused(l, ['--by', '周新', 'collect', '1-1-103', '100'], 1, /^error: wrong passphrase for 周新; nothing was recorded/, envOf(COLLECTOR, null, { LEDGER_PASSPHRASE: PASS[COLLECTOR]! }));
    refused(l, ['--by', '周新', 'collect', '1-1-103', '100'], 1, /^error: wrong passphrase for 周新; nothing was recorded/, envOf(CHAIR, null, { LEDGER_PASSPHRASE: PASS[CHAIR]! }));
    expect(l.json(['verify'])).toMatchObject({ ok: true, entries: before.entries, head: before.head });
    l.ok(['--by', '周新', 'collect', '1-1-103', '100'], { ...envOf(null), LEDGER_PASSPHRASE: 'zhou-own-pass' });
    expect(l.json(['verify'])).toMatchObject({ ok: true, entries: before.entries + 1 });
  });
});

describe('keys are not given out in someone else’s name', () => {
  // BUG (minor; contract: "key reset NAME --approved-by NAME2 — the chair (--by) and a supervisor or
  // another chair"). keyEntryAllowed (src/domain/rules.ts) accepts `recorder === person` with a key
  // before any other check, so anyone with a key "resets" their own with any approver at all:
  //   ledger --by 李会计 key reset 李会计 --approved-by 王出纳    (LEDGER_PASSPHRASE = LEDGER_NEW_PASSPHRASE = li's)
  // exits 0 (`李会计 has a new key …`), approved by a reimburser; verify replays the same rule and passes.
  bug('a collector cannot run key reset (even on their own key, with a reimburser as “approver”)', () => {
    const l = copy();
    refused(l, ['--by', COLLECTOR, 'key', 'reset', COLLECTOR, '--approved-by', REIMBURSER], 1, /is not the chair|neither the chair nor a supervisor|cannot reset your own key/, envOf(COLLECTOR, REIMBURSER, { LEDGER_NEW_PASSPHRASE: PASS[COLLECTOR]! }));
  });

  // BUG (impersonation): an approver with no key is given one at the end of the command
  // (src/app/signing.ts signCommit: "Anyone without a key gets one first"), sealed under
  // LEDGER_NEW_PASSPHRASE — a passphrase chosen by whoever runs the command, not by the approver.
  // With the self key reset above (approver unchecked) the collector plants a key for a name not
  // yet in the ledger:
  //   LEDGER_PASSPHRASE=li-own-pass LEDGER_NEW_PASSPHRASE=li-own-pass \
  //     ledger --by 李会计 key reset 李会计 --approved-by 钱新人        -> exit 0, 2 entries (li's key, 钱新人's key)
  // and verify then fails: `entry N (key, 2023-07-15): it carries no signature of its recorder 钱新人`.
  bug('naming someone with no key as approver does not give them a key chosen by the recorder', () => {
    const l = copy();
    refused(l, ['--by', COLLECTOR, 'key', 'reset', COLLECTOR, '--approved-by', STRANGER], 1, /^error: /, envOf(COLLECTOR, null, { LEDGER_NEW_PASSPHRASE: PASS[COLLECTOR]!, LEDGER_APPROVER_PASSPHRASE: PASS[COLLECTOR]! }));
    unchanged(l);
  });

  // The same bug, to its end: once 钱新人 is appointed (role add asks no passphrase, a key exists), the
  // collector approves their own void as 钱新人, with the collector's own passphrase:
  //   ledger --by 张主任 role add 钱新人 supervisor                                  -> exit 0, no passphrase chosen
  //   LEDGER_PASSPHRASE=li-own-pass LEDGER_APPROVER_PASSPHRASE=li-own-pass \
  //     ledger --by 李会计 void R2023-0002 --reason x --approved-by 钱新人           -> exit 0: voided R2023-0002
  bug('a key planted for a future officer does not let its planter approve in their name', () => {
    const l = copy();
    l.run(['--by', COLLECTOR, 'key', 'reset', COLLECTOR, '--approved-by', STRANGER], envOf(COLLECTOR, null, { LEDGER_NEW_PASSPHRASE: PASS[COLLECTOR]!, LEDGER_APPROVER_PASSPHRASE: PASS[COLLECTOR]! }));
    l.ok(['--by', CHAIR, 'role', 'add', STRANGER, 'supervisor'], envOf(CHAIR, null, { LEDGER_NEW_PASSPHRASE: 'qian-own-pass' }));
    refused(l, ['--by', COLLECTOR, 'void', 'R2023-0002', '--reason', 'x', '--approved-by', STRANGER], 1, /^error: wrong passphrase for 钱新人/, envOf(COLLECTOR, null, { LEDGER_APPROVER_PASSPHRASE: PASS[COLLECTOR]! }));
  });

  // BUG (impersonation, ledgers made before keys): the same signCommit path on an upgraded ledger,
  // where no officer has a key yet. The collector names the supervisor as approver of their own void
  // and chooses the supervisor's passphrase:
  //   cp fixtures/legacy/ledger-v1.db l.db
  //   LEDGER_PASSPHRASE=li LEDGER_NEW_PASSPHRASE=li ledger --db l.db --by 李会计 collect 1-1-201 500 --date 2023-07-01
  //   LEDGER_PASSPHRASE=li LEDGER_NEW_PASSPHRASE=li LEDGER_APPROVER_PASSPHRASE=li \
  //     ledger --db l.db --by 李会计 void R2022-0001 --reason x --approved-by 赵监督  -> exit 0: voided R2022-0001 (800.00)
  // `key list` now shows a key for 赵监督 that 赵监督 never chose; verify fails (entry 51, key: no
  // signature of its recorder 赵监督). A keyless approver should be refused (or asked on a terminal).
  bug('on a ledger made before keys, the recorder cannot choose the approver’s passphrase', () => {
    const l = new TempLedger();
    ledgers.push(l);
    fs.copyFileSync(path.join(FIXTURES, 'legacy', 'ledger-v1.db'), l.db);
    const li = { LEDGER_PASSPHRASE: 'li-legacy-pass', LEDGER_NEW_PASSPHRASE: 'li-legacy-pass', LEDGER_APPROVER_PASSPHRASE: 'li-legacy-pass' };
    l.ok(['--by', COLLECTOR, 'collect', '1-1-201', '500', '--date', '2023-07-01'], li);
    expect(l.json(['verify']).ok).toBe(true);
    const r = l.run(['--by', COLLECTOR, 'void', 'R2022-0001', '--reason', 'x', '--approved-by', SUPERVISOR], li);
    expect(r.code).not.toBe(0);
    expect(l.json(['key', 'list']).find((k: any) => k.name === SUPERVISOR).fingerprint).toBeNull();
  });

  it('the chair and a supervisor give a key; the person given it signs with it, no one else', () => {
    const l = copy();
    l.ok(['--by', CHAIR, 'key', 'reset', COLLECTOR, '--approved-by', SUPERVISOR], envOf(CHAIR, SUPERVISOR, { LEDGER_NEW_PASSPHRASE: 'li-reset-pass' }));
    grown(l, 1);
    const before = l.json(['verify']);
    refused(l, ['--by', COLLECTOR, 'collect', '1-1-103', '100'], 1, /^error: wrong passphrase for 李会计/, envOf(COLLECTOR));
    l.ok(['--by', COLLECTOR, 'collect', '1-1-103', '100'], { ...envOf(null), LEDGER_PASSPHRASE: 'li-reset-pass' });
    expect(l.json(['verify'])).toMatchObject({ ok: true, entries: before.entries + 1 });
  });
});

// ---------------------------------------------------------------------------------------
// init and what follows it; budget.

describe('init, and the first writes after it', () => {
  it('without a passphrase for the chair (or a short one) no ledger is made at all', () => {
    const l = new TempLedger();
    ledgers.push(l);
    const files = () => ['', '-wal', '-shm'].filter((s) => fs.existsSync(l.db + s));
    for (const [pass, message] of [
      ['', /^error: 张主任's passphrase is needed: type it on a terminal, or set LEDGER_NEW_PASSPHRASE\n$/],
      ['short', /^error: a passphrase has at least 8 characters\n$/],
    ] as const) {
      const r = l.run(['init', '--name', '测试小区', '--chair', CHAIR], { LEDGER_NEW_PASSPHRASE: pass, LEDGER_PASSPHRASE: '', LEDGER_APPROVER_PASSPHRASE: '' });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
      expect(files()).toEqual([]);
    }
  });

  it('init on an existing ledger, naming another chair, is refused and changes nothing', () => {
    const l = copy();
    refused(l, ['--by', COLLECTOR, 'init', '--name', '另一个小区', '--chair', COLLECTOR], 1, /^error: .*already exists; init never overwrites a ledger/, envOf(COLLECTOR, null, { LEDGER_NEW_PASSPHRASE: PASS[COLLECTOR]! }));
    unchanged(l);
  });

  it('right after init only the chair, with the passphrase chosen at init, appoints', () => {
    const l = new TempLedger();
    ledgers.push(l);
    l.ok(['init', '--name', '测试小区', '--chair', CHAIR], { LEDGER_NEW_PASSPHRASE: PASS[CHAIR]!, LEDGER_PASSPHRASE: '', LEDGER_APPROVER_PASSPHRASE: '' });
    const v0 = l.json(['verify']);
    expect(v0).toMatchObject({ ok: true, entries: 5 }); // the chair's appointment, name, fee, threshold, the chair's key
    // Someone not yet appointed appoints themselves; someone types the chair's name without the chair's passphrase.
    refused(l, ['--by', COLLECTOR, 'role', 'add', COLLECTOR, 'chair'], 1, /^error: 李会计 is not the chair and cannot appoint roles/, envOf(COLLECTOR));
    refused(l, ['--by', CHAIR, 'role', 'add', COLLECTOR, 'collector'], 1, /^error: wrong passphrase for 张主任; nothing was recorded/, envOf(COLLECTOR, null, { LEDGER_PASSPHRASE: PASSPHRASE }));
    refused(l, ['--by', CHAIR, 'setting', 'prorate', 'on'], 2, /^error: 张主任's passphrase is needed/, envOf(null));
    expect(l.json(['verify'])).toMatchObject({ ok: true, entries: 5, head: v0.head });
    l.ok(['--by', CHAIR, 'role', 'add', COLLECTOR, 'collector'], envOf(CHAIR, null, { LEDGER_NEW_PASSPHRASE: PASS[COLLECTOR]! }));
    expect(l.json(['verify'])).toMatchObject({ ok: true, entries: 7 });
  });
});

describe('budget', () => {
  it('does not write: it runs with no passphrase at all and leaves the ledger as it was', () => {
    const l = copy();
    const before = l.snapshot();
    const r = l.run(['--by', COLLECTOR, 'budget', '2024', '--json'], { LEDGER_PASSPHRASE: '', LEDGER_APPROVER_PASSPHRASE: '', LEDGER_NEW_PASSPHRASE: '' });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).year).toBe(2024);
    expect(l.snapshot()).toBe(before);
    unchanged(l);
  });
});
