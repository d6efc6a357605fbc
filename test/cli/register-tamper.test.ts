// The register, the people and the rules are in the hash chain: an edit of any of them made
// behind the tool's back with the sqlite3 shell (triggers dropped and put back) is named by
// `verify`; and an entry appended with a valid hash but breaking a rule is named by the
// replay of the rules.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journalWriter } from '../../src/db/journal.js';
import { openLedger } from '../../src/db/open-database.js';
import { FIXTURES, TempLedger } from '../helpers/run-ledger.js';

const HAS_SQLITE3 = spawnSync('sqlite3', ['--version']).status === 0;
const chair = ['--by', '张主任'];
let base: TempLedger;
const ledgers: TempLedger[] = [];

beforeAll(() => {
  base = TempLedger.standard();
  base.ok([...chair, 'household', 'import', path.join(FIXTURES, 'households-bom.csv')]);
  base.ok([...chair, 'category', 'add', '电梯维保', '--line', 'expense']);
  base.ok([...chair, 'fee', 'set', '2023', '600']);
  base.ok([...chair, 'household', 'transfer', '1-1-102', '--to', '新业主', '--date', '2023-05-01']);
  base.ok([...chair, 'bill', '2023']);
  expect(base.json(['verify']).ok).toBe(true);
}, 60_000);
afterAll(() => {
  base.cleanup();
  for (const l of ledgers) l.cleanup();
});

function copy(): TempLedger {
  const l = new TempLedger();
  ledgers.push(l);
  fs.copyFileSync(base.db, l.db);
  return l;
}

/** The seq of the first entry of `kind` matching `where` (SQL over entries). */
function seqOf(l: TempLedger, where: string): number {
  const db = new BetterSqlite3(l.db, { readonly: true });
  try {
    return db.prepare(`SELECT seq FROM entries WHERE ${where} ORDER BY seq LIMIT 1`).pluck().get() as number;
  } finally {
    db.close();
  }
}

/** Runs `edit` with the sqlite3 shell, the triggers dropped before and put back after, exactly. */
function tamper(l: TempLedger, edit: string): void {
  const db = new BetterSqlite3(l.db, { readonly: true });
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'entries'").all() as { name: string; sql: string }[];
  db.close();
  const script = [...triggers.map((t) => `DROP TRIGGER ${t.name};`), edit, ...triggers.map((t) => `${t.sql};`)].join('\n');
  const r = spawnSync('sqlite3', [l.db], { input: script, encoding: 'utf8' });
  expect(r.stderr).toBe('');
}

describe.skipIf(!HAS_SQLITE3)('each register edited with the sqlite3 shell', () => {
  it.each([
    ['an owner’s area changed to 9,999 m²', "kind = 'household' AND household = '1-1-101'", "detail = replace(detail, '\"area_centi\":5800', '\"area_centi\":999900')", 'household'],
    ['a unit given to someone else', "kind = 'transfer'", "party = '张主任'", 'transfer'],
    ['the chair replaced', "kind = 'appointment' AND party = '张主任'", "party = '冒名者'", 'appointment'],
    ['the major-spend threshold raised to a million', "kind = 'setting' AND item = 'majorThresholdFen'", "detail = '{\"value\":100000000}'", 'setting'],
    ['a category renamed', "kind = 'category'", "category = '招待费'", 'category'],
    ['a year’s fee standard changed', "kind = 'fee_standard'", 'amount_fen = 1', 'fee_standard'],
  ])('%s: verify exits 1 naming the entry', (_what, where, set, kind) => {
    const l = copy();
    const seq = seqOf(l, where);
    expect(seq).toBeGreaterThan(0);
    tamper(l, `UPDATE entries SET ${set} WHERE seq = ${seq};`);
    const r = l.run(['verify']);
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(new RegExp(`^error: entry ${seq} \\(${kind}, \\d{4}-\\d\\d-\\d\\d\\): hash does not match its content`));
  });
});

describe('entries appended with a valid hash that break a rule', () => {
  /** Appends raw entries through the journal writer itself, so the chain stays intact. */
  function forge(l: TempLedger, entries: Record<string, unknown>[]): void {
    const ledger = openLedger(l.db, { now: new Date('2023-07-15T02:00:00Z') });
    try {
      ledger.sqlite!.transaction(() => {
        const w = journalWriter(ledger);
        for (const e of entries) w.append({ recorded_at: '2023-07-15T02:00:00.000Z', ...e } as never);
      })();
    } finally {
      ledger.sqlite!.close();
    }
  }
  const last = (l: TempLedger) => seqOf(l, '1 = 1 ORDER BY seq DESC --');
  /** `verify --json` of a ledger that must fail it (exit 1). */
  const failing = (l: TempLedger) => {
    const r = l.run(['verify', '--json']);
    expect(r.code).toBe(1);
    return JSON.parse(r.stdout);
  };

  it('a new chair appointed by someone who is not the chair', () => {
    const l = copy();
    forge(l, [{ kind: 'appointment', date: '2023-07-15', party: '冒名者', detail: '{"role":"chair"}', recorded_by: '冒名者' }]);
    const v = failing(l);
    expect(v.ok).toBe(false);
    expect(v.problems.map((p: any) => [p.seq, p.check, p.text.en])).toEqual([[last(l), 'rule', `entry ${last(l)} (appointment, 2023-07-15): 冒名者 is not the chair and cannot record it`]]);
  });

  it('a 200,000 expense by nobody, approved by nobody, with no vote, taking the fund below zero', () => {
    const l = copy();
    forge(l, [{ kind: 'expense', number: 'E2023-0001', date: '2023-07-01', category: '维修', party: 'x', item: 'y', amount_fen: 20000000, cash_fen: -20000000, recorded_by: '某人' }]);
    const v = failing(l);
    expect(v.ok).toBe(false);
    expect(v.problems.map((p: any) => p.text.en.replace(/^entry \d+ \(E2023-0001\): /, ''))).toEqual([
      '某人 is not the reimburser and cannot record it',
      'it needs the approval of the chair or a supervisor (--approved-by)',
      "200,000.00 is a major expense (from 2,000.00): it needs a passed owners' vote, given with --vote",
      'the fund holds 0.00 on 2023-07-01; paying out 200,000.00 would take it below zero',
    ]);
  });

  it('a ballot for a vote that does not exist', () => {
    const l = copy();
    forge(l, [{ kind: 'ballot', date: '2023-07-01', vote: 'V2023-09', household: '1-1-101', party: '梁杰', choice: 'yes', recorded_by: '张主任' }]);
    const v = failing(l);
    expect(v.problems.map((p: any) => p.text.en)).toEqual([
      `entry ${last(l)} (ballot, 2023-07-01): no vote V2023-09`,
      // and the chair, who has a key, never signed it
      `entry ${last(l)} (ballot, 2023-07-01): it carries no signature of its recorder 张主任 — it was added outside ledger`,
    ]);
  });

  it('a household registered twice', () => {
    const l = copy();
    forge(l, [{ kind: 'household', date: '2023-07-15', household: '1-1-101', party: '另一人', detail: '{"owner_id":null,"area_centi":100,"phone":null,"since":null}', recorded_by: '张主任' }]);
    const v = failing(l);
    expect(v.problems.map((p: any) => p.text.en)).toEqual([
      `entry ${last(l)} (household, 2023-07-15): household 1-1-101 is already registered`,
      `entry ${last(l)} (household, 2023-07-15): it carries no signature of its recorder 张主任 — it was added outside ledger`,
    ]);
  });
});
