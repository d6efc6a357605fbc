import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH, chainHash } from '../../src/domain/chain.js';
import { entryContent } from '../../src/db/journal.js';
import type { EntryRow } from '../../src/db/tables.js';
import { BIN, FIXTURES, TempLedger } from '../helpers/run-ledger.js';

/**
 * verify, log, backup, lock and the files' modes, through the built binary. Tampering is
 * done the way someone would do it behind the tool's back: with the real `sqlite3` shell,
 * dropping the triggers first and putting them back afterwards.
 */

const chair = ['--by', '张主任'];
const collector = ['--by', '李会计'];
const reimburser = ['--by', '王出纳'];

/**
 * A small ledger, built once and copied for every test that changes it:
 *   seq 1-21  the committee (appointments, settings, each person's key) and the 10 households of households-bom.csv
 *   seq 22-41 charges 2022 and 2023 for the 10 households of households-bom.csv
 *   42 R2022-0001 1-1-101 600 (2022: 500, 2023: 100)   43 R2022-0002 1-1-102 500
 *   44 R2022-0003 1-1-201 500                          45 R2022-0004 income 停车费 1,200
 *   46 E2022-0001 保洁 300                              47 void of R2022-0002 (2022-06-01)
 *   48 R2023-0001 1-1-101 400 (2023-01-05)
 */
let base: TempLedger;
const ledgers: TempLedger[] = [];
function copyOfBase(): TempLedger {
  const l = new TempLedger();
  ledgers.push(l);
  fs.copyFileSync(base.db, l.db);
  return l;
}
afterEach(() => {
  while (ledgers.length) ledgers.pop()!.cleanup();
});

beforeAll(() => {
  base = TempLedger.standard();
  base.ok([...chair, 'household', 'import', path.join(FIXTURES, 'households-bom.csv')]);
  base.ok([...chair, 'bill', '2022']);
  base.ok([...chair, 'bill', '2023']);
  base.ok([...collector, 'collect', '1-1-101', '600', '--date', '2022-03-01']);
  base.ok([...collector, 'collect', '1-1-102', '500', '--date', '2022-04-01']);
  base.ok([...collector, 'collect', '1-1-201', '500', '--date', '2022-05-01']);
  base.ok([...collector, 'income', '1200', '--category', '停车费', '--date', '2022-05-02']);
  base.ok([...reimburser, 'spend', '300', '--category', '保洁', '--payee', '刘阿姨', '--item', '5月保洁', '--approved-by', '张主任', '--date', '2022-05-03']);
  base.ok([...collector, 'void', 'R2022-0002', '--reason', '收错户', '--approved-by', '张主任', '--date', '2022-06-01']);
  base.ok([...collector, 'collect', '1-1-101', '400', '--date', '2023-01-05']);
}, 120_000);
afterAll(() => base.cleanup());

const HAS_SQLITE3 = spawnSync('sqlite3', ['--version']).status === 0;
if (!HAS_SQLITE3) console.warn('integrity.test.ts: SKIPPING the sqlite3-shell tamper tests: sqlite3 is not installed (apt-get install sqlite3)');

function sqlite3(db: string, script: string): { code: number; stderr: string } {
  const r = spawnSync('sqlite3', [db], { input: script, encoding: 'utf8' });
  return { code: r.status ?? -1, stderr: r.stderr };
}

/** Drops the triggers guarding entries and allocations, runs `edit`, puts the triggers back exactly as they were. */
function tamper(l: TempLedger, edit: string): void {
  const db = new BetterSqlite3(l.db, { readonly: true });
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('entries', 'allocations', 'signatures')").all() as { name: string; sql: string }[];
  db.close();
  const script = [...triggers.map((t) => `DROP TRIGGER ${t.name};`), edit, ...triggers.map((t) => `${t.sql};`)].join('\n');
  const r = sqlite3(l.db, script);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

/** Runs verify and returns its stderr lines; it must exit 1. */
function refused(l: TempLedger, ...args: string[]): string[] {
  const r = l.run(['verify', ...args]);
  expect(r.code).toBe(1);
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines.every((s) => s.startsWith('error: '))).toBe(true);
  return lines;
}

describe('verify', () => {
  it('passes on a ledger written only by ledger, and says what it checked', () => {
    const out = base.ok(['verify']);
    expect(out).toMatch(/^the ledger verifies: hash chain intact/);
    expect(out).toMatch(/entries +48 \(appointment 4, setting 3, key 4, household 10, charge 20, collection 4, income 1, expense 1, void 1\)/);
    expect(out).toMatch(/numbers R2022 +R2022-0001 … R2022-0004 \(4\)/);
    expect(out).toMatch(/numbers E2022 +E2022-0001 … E2022-0001 \(1\)/);
    expect(out).toMatch(/fund balance +2,400\.00/);
    const json = base.json(['verify']);
    expect(json).toMatchObject({ ok: true, entries: 48, balance_fen: 240000, problems: [] });
    expect(base.ok(['--lang', 'zh', 'verify'])).toMatch(/^账本核查通过/);
  });

  it('passes on a new, empty ledger', () => {
    const l = TempLedger.standard();
    ledgers.push(l);
    // init and the three appointments of the standard ledger: 4 appointments, 3 settings, 4 keys
    expect(l.json(['verify'])).toMatchObject({ ok: true, entries: 11 });
  });

  it('takes anchors SEQ:CODE with --expect (16 hex digits at least) and refuses a malformed one (exit 2)', () => {
    const v = base.json(['verify']);
    expect(v.head).toEqual({ seq: 48, code: v.last_hash.slice(0, 16) });
    expect(base.run(['verify', '--expect', `${v.head.seq}:${v.head.code}`, '--expect', `48:${v.last_hash}`]).code).toBe(0);
    // An anchor of an earlier entry: its hash read off the journal.
    const db = new BetterSqlite3(base.db, { readonly: true });
    const h20 = db.prepare('SELECT hash FROM entries WHERE seq = 20').pluck().get() as string;
    db.close();
    expect(base.run(['verify', '--expect', `20:${h20.slice(0, 16)}`]).code).toBe(0);
    const wrong = base.run(['verify', '--expect', `21:${h20.slice(0, 16)}`]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`error: entry 21 no longer has the check code ${h20.slice(0, 16)} published earlier: the history up to it was rewritten`);
    for (const bad of ['xyz', v.head.code, `48:${v.head.code.slice(0, 12)}`]) {
      const r = base.run(['verify', '--expect', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`error: --expect must be SEQ:CODE (the check code at least 16 hex digits), not "${bad}"\n`);
    }
  });
});

describe.skipIf(!HAS_SQLITE3)('edits made behind the tool’s back with the sqlite3 shell', () => {
  it('the triggers refuse UPDATE and DELETE as long as they are there', () => {
    const l = copyOfBase();
    const before = l.snapshot();
    for (const sql of ["UPDATE entries SET amount_fen = 1 WHERE number = 'R2022-0001';", 'DELETE FROM entries WHERE seq = 48;', 'UPDATE allocations SET amount_fen = 1;', "DELETE FROM entries WHERE kind = 'household';"]) {
      const r = sqlite3(l.db, sql);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/append-only/);
    }
    expect(l.snapshot()).toBe(before);
  });

  it('an amount changed is named by its entry', () => {
    const l = copyOfBase();
    tamper(l, "UPDATE entries SET amount_fen = 5000, cash_fen = 5000 WHERE number = 'R2022-0003';");
    expect(refused(l)).toEqual([
      'error: entry 44 (R2022-0003): hash does not match its content — the record was changed outside ledger',
      // and, recomputed from the household's charges, its allocation no longer fits its amount
      'error: entry 44 (R2022-0003): its allocation (2022: 500.00) is not what paying the oldest charges first gives (2022: 50.00)',
    ]);
  });

  it('an entry deleted is named by the entry after the gap, and its number is missed', () => {
    const l = copyOfBase();
    tamper(l, 'DELETE FROM allocations WHERE entry_seq = 44; DELETE FROM entries WHERE seq = 44;');
    expect(refused(l)).toEqual([
      'error: entry 45 (R2022-0004): entry 44 before it is missing — records were deleted outside ledger',
      'error: entry 45 (R2022-0004): R2022-0003 is missing: R2022-0002 is followed by R2022-0004',
      // and its commit's signature is left naming nothing
      'error: a signature names entry 44, which does not exist',
      'error: a row of signatures (rowid 10) refers to a entries row that does not exist',
    ]);
  });

  it('two entries swapped (reordered)', () => {
    const l = copyOfBase();
    tamper(
      l,
      `UPDATE entries SET seq = -1 WHERE seq = 42; UPDATE allocations SET entry_seq = -1 WHERE entry_seq = 42;
       UPDATE entries SET seq = 42 WHERE seq = 43; UPDATE allocations SET entry_seq = 42 WHERE entry_seq = 43;
       UPDATE entries SET seq = 43 WHERE seq = -1; UPDATE allocations SET entry_seq = 43 WHERE entry_seq = -1;`,
    );
    const lines = refused(l);
    expect(lines[0]).toBe('error: entry 42 (R2022-0002): it does not chain to the entry before it — an earlier record was changed, inserted or removed outside ledger');
    expect(lines).toContain('error: entry 42 (R2022-0002): hash does not match its content — the record was changed outside ledger');
  });

  it('an allocation altered', () => {
    const l = copyOfBase();
    tamper(l, 'UPDATE allocations SET amount_fen = 40000 WHERE entry_seq = 42 AND year = 2022;');
    expect(refused(l)).toEqual([
      'error: entry 42 (R2022-0001): hash does not match its content — the record was changed outside ledger',
      'error: entry 42 (R2022-0001): its allocation (2022: 400.00, 2023: 100.00) is not what paying the oldest charges first gives (2022: 500.00, 2023: 100.00)',
    ]);
  });

  it('a trigger dropped and not put back', () => {
    const l = copyOfBase();
    expect(sqlite3(l.db, 'DROP TRIGGER entries_no_delete;').code).toBe(0);
    expect(refused(l)).toEqual(["error: the trigger entries_no_delete is missing: records could be changed behind the tool's back"]);
  });

  it('a receipt removed by someone who also recomputed every hash after it: the numbering gives it away', () => {
    const l = copyOfBase();
    tamper(l, 'DELETE FROM allocations WHERE entry_seq = 44; DELETE FROM entries WHERE seq = 44;');
    // Renumber and rechain everything after the hole, as a forger who read journal.ts would.
    const db = new BetterSqlite3(l.db);
    const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('entries', 'allocations')").all() as { name: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
    db.pragma('foreign_keys = OFF');
    const rows = db.prepare('SELECT * FROM entries ORDER BY seq').all() as EntryRow[];
    let prev = GENESIS_HASH;
    db.transaction(() => {
      rows.forEach((row, i) => {
        const seq = i + 1;
        const allocs = (db.prepare('SELECT year, amount_fen FROM allocations WHERE entry_seq = ?').all(row.seq) as { year: number; amount_fen: number }[]).map((a) => ({ year: a.year, amountFen: a.amount_fen }));
        const hash = chainHash(prev, entryContent({ ...row, seq }, allocs));
        db.prepare('UPDATE allocations SET entry_seq = ? WHERE entry_seq = ?').run(seq, row.seq);
        db.prepare('UPDATE entries SET seq = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(seq, prev, hash, row.seq);
        prev = hash;
      });
    })();
    for (const t of triggers) db.exec(t.sql);
    db.close();
    const lines = refused(l);
    expect(lines[0]).toBe('error: entry 44 (R2022-0004): R2022-0003 is missing: R2022-0002 is followed by R2022-0004');
    // The forger cannot sign: every commit after the hole no longer matches its signatures.
    expect(lines).toContain("error: entry 44 (R2022-0004): 李会计's signature does not match — the records were changed after they were signed");
    expect(lines).toContain("error: entry 47 (R2023-0001): 李会计's signature does not match — the records were changed after they were signed");
  });

  it('the last entries cut off: caught by the chain head published earlier', () => {
    const l = copyOfBase();
    const head = l.json(['verify']).head as { seq: number; code: string };
    tamper(l, 'DELETE FROM allocations WHERE entry_seq = 48; DELETE FROM signatures WHERE seq = 48; DELETE FROM entries WHERE seq = 48;');
    // The last commit gone with its signature, what is left verifies: only the published head shows the cut.
    expect(l.run(['verify']).code).toBe(0);
    expect(refused(l, '--expect', `${head.seq}:${head.code}`)).toEqual([
      `error: entry 48 (check code ${head.code}), published earlier, is no longer in the ledger: the history was cut short`,
    ]);
  });
});

describe('log', () => {
  it('says who recorded what and when, newest first', () => {
    const rows = base.json(['log', '--limit', '3']);
    expect(rows.map((r: any) => [r.seq, r.kind, r.number, r.recorded_by, r.date, r.amount_fen])).toEqual([
      [48, 'collection', 'R2023-0001', '李会计', '2023-01-05', 40000],
      [47, 'void', null, '李会计', '2022-06-01', 50000],
      [46, 'expense', 'E2022-0001', '王出纳', '2022-05-03', 30000],
    ]);
    expect(rows[1]).toMatchObject({ target_number: 'R2022-0002', note: '收错户', household: '1-1-102' });
    expect(rows[0].recorded_at).toBe('2023-07-15T02:00:00.000Z');
    const text = base.ok(['log', '--limit', '2']);
    expect(text).toMatch(/48 │ 2023-07-15 10:00 │ 李会计 │ collection │ R2023-0001 │ 2023-01-05 │ 1-1-101 400\.00 cash/);
    expect(text).toMatch(/void R2022-0002 500\.00 收错户/);
  });

  it('includes appointments and registrations with --limit 0', () => {
    const rows = base.json(['log', '--limit', '0']);
    // Everything is a journal entry: the settings, the appointments and the register too.
    expect(rows).toHaveLength(48);
    expect(rows.filter((r: any) => r.kind === 'appointment').map((r: any) => [r.party, JSON.parse(r.detail).role])).toEqual(
      expect.arrayContaining([['张主任', 'chair'], ['李会计', 'collector'], ['王出纳', 'reimburser'], ['赵监督', 'supervisor']]),
    );
    expect(rows.filter((r: any) => r.kind === 'household')).toHaveLength(10);
  });

  it('refuses a limit that is not a number', () => {
    const r = base.run(['log', '--limit', 'ten']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('error: --limit must be a whole number (0 for all), not "ten"\n');
  });
});

describe('backup', () => {
  it('writes a verified copy readable by its owner only, as one self-contained file', () => {
    const l = copyOfBase();
    const file = path.join(l.dir, 'copy.db');
    const done = l.json(['backup', file]);
    expect(done).toMatchObject({ file, entries: 48, verified: true });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    for (const side of ['-wal', '-shm', '-journal']) expect(fs.existsSync(file + side)).toBe(false);
    const copy = l.run(['--db', file, 'verify', '--json']);
    expect(JSON.parse(copy.stdout)).toMatchObject({ ok: true, entries: 48, last_hash: l.json(['verify']).last_hash });
  });

  it('never overwrites a file', () => {
    const l = copyOfBase();
    const file = path.join(l.dir, 'exists.db');
    fs.writeFileSync(file, 'keep me');
    const before = l.snapshot();
    const r = l.run(['backup', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`error: ${file} already exists; it is not overwritten\n`);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    expect(l.snapshot()).toBe(before);
  });

  it.skipIf(!HAS_SQLITE3)('of a tampered ledger fails and leaves no copy', () => {
    const l = copyOfBase();
    tamper(l, "UPDATE entries SET note = 'x' WHERE seq = 43;");
    const file = path.join(l.dir, 'copy.db');
    const r = l.run(['backup', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: the copy does not verify and was removed: entry 43 \(R2022-0002\): hash does not match/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('is consistent while others are collecting', async () => {
    const l = copyOfBase();
    const run = (args: string[]) =>
      new Promise<number>((resolve) => {
        const p = spawn(process.execPath, [BIN, '--db', l.db, ...args], {
          env: l.env(),
          stdio: 'ignore',
        });
        p.on('exit', (code) => resolve(code ?? -1));
      });
    const file = path.join(l.dir, 'during.db');
    const codes = await Promise.all([
      ...['1-1-202', '1-1-301', '1-1-302', '1-1-401', '1-1-402', '1-1-501'].map((code) => run([...collector, 'collect', code, '500', '--date', '2023-07-01'])),
      run(['backup', file]),
    ]);
    expect(codes).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const copy = JSON.parse(l.run(['--db', file, 'verify', '--json']).stdout);
    expect(copy.ok).toBe(true);
    expect(copy.entries).toBeGreaterThanOrEqual(48);
    expect(copy.entries).toBeLessThanOrEqual(54);
    // Whatever moment it caught, the copy's receipts are exactly the first ones issued.
    expect(copy.numbering.find((s: any) => s.series === 'R2023')).toMatchObject({ count: copy.entries - 47 });
  });
});

describe('files readable by their owner only', () => {
  it('the ledger, its -wal and -shm, backups and exports, whatever the umask', () => {
    const old = process.umask(0o000);
    try {
      const l = TempLedger.standard();
      ledgers.push(l);
      // Keep a connection open so that SQLite keeps the side files while the binary writes.
      const reader = new BetterSqlite3(l.db);
      reader.prepare('SELECT count(*) FROM entries').get();
      l.ok([...chair, 'household', 'add', '9-9-901', '--owner', '某人', '--area', '50']);
      l.ok([...chair, 'bill', '2023']);
      const files = [l.db, `${l.db}-wal`, `${l.db}-shm`];
      l.ok(['backup', path.join(l.dir, 'b.db')]);
      l.ok(['export', '--format', 'hledger', '--out', path.join(l.dir, 'e.journal')]);
      l.ok(['export', '--format', 'beancount', '--out', path.join(l.dir, 'e.beancount')]);
      files.push(path.join(l.dir, 'b.db'), path.join(l.dir, 'e.journal'), path.join(l.dir, 'e.beancount'));
      expect(files.map((f) => [path.basename(f), (fs.statSync(f).mode & 0o777).toString(8)])).toEqual(files.map((f) => [path.basename(f), '600']));
      reader.close();
    } finally {
      process.umask(old);
    }
  });
});

describe('lock', () => {
  const collect = (date: string) => [...collector, 'collect', '1-1-202', '100', '--date', date];

  it('only the chair locks, and only forward; not into the future', () => {
    const l = copyOfBase();
    const before = l.snapshot();
    const r = l.run([...collector, 'lock', '--through', '2022-12-31']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: 李会计 is not the chair and cannot lock a period\n');
    expect(l.run([...chair, 'lock', '--through', '2023-08-01']).code).toBe(2);
    expect(l.snapshot()).toBe(before);
    expect(l.json([...chair, 'lock', '--through', '2022-06-30'])).toMatchObject({ through: '2022-06-30', previous: null, date: '2023-07-15' });
    const locked = l.snapshot();
    for (const d of ['2022-03-31', '2022-06-30']) {
      const back = l.run([...chair, 'lock', '--through', d]);
      expect(back.code).toBe(1);
      expect(back.stderr).toBe(`error: the ledger is already locked through 2022-06-30; a lock only moves forward, not back to ${d}\n`);
    }
    expect(l.snapshot()).toBe(locked);
    expect(l.json([...chair, 'lock', '--through', '2022-12-31'])).toMatchObject({ through: '2022-12-31', previous: '2022-06-30' });
    expect(l.json(['verify'])).toMatchObject({ ok: true, locked_through: '2022-12-31', kinds: { lock: 2 } });
    expect(l.json(['log', '--limit', '1'])[0]).toMatchObject({ kind: 'lock', end_date: '2022-12-31', recorded_by: '张主任' });
  });

  it('refuses every write dated on or before the lock, saying corrections go into the open period', () => {
    const l = copyOfBase();
    l.ok([...chair, 'household', 'add', '9-9-901', '--owner', '新住户', '--area', '60']);
    l.ok([...chair, 'lock', '--through', '2022-12-31']);
    const csv = path.join(l.dir, 'late.csv');
    fs.writeFileSync(csv, 'date,code,amount\n2023-02-01,1-1-202,500\n2022-12-31,1-1-202,500\n');
    const cases: string[][] = [
      collect('2022-12-31'),
      [...collector, 'import', 'collections', csv],
      [...collector, 'void', 'R2022-0001', '--reason', 'x', '--approved-by', '张主任', '--date', '2022-12-31'],
      [...reimburser, 'spend', '10', '--category', '保洁', '--payee', 'p', '--item', 'i', '--approved-by', '张主任', '--date', '2022-11-30'],
      [...collector, 'income', '10', '--category', '停车费', '--date', '2022-01-01'],
      [...chair, 'vote', 'open', '--title', '换门', '--date', '2022-12-01'],
    ];
    const before = l.snapshot();
    for (const args of cases) {
      const r = l.run(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/^error: 2022-\d\d-\d\d is in a closed period \(locked through 2022-12-31 after its disclosure\)\. Record corrections in the open period, e\.g\. dated today\.\n$/);
    }
    expect(l.snapshot()).toBe(before);
    // A household registered after the lock is still billed for the locked year, in the open period.
    expect(l.json([...chair, 'bill', '2022']).billed).toEqual([{ household: '9-9-901', date: '2023-01-01', amount_fen: 50000 }]);
    const zh = l.run(['--lang', 'zh', ...collect('2022-12-31')]);
    expect(zh.stderr).toMatch(/^error: 2022-12-31 所在期间已结账.*更正请记入未结账期间/);
  });

  it('allows what is dated after the lock, even before entries already recorded, and corrections dated today', () => {
    const l = copyOfBase();
    l.ok([...chair, 'lock', '--through', '2022-12-31']);
    // R2023-0001 is dated 2023-01-05; a paper receipt of 2023-01-02 entered late is still welcome.
    expect(l.json(collect('2023-01-02'))).toMatchObject({ receipt: 'R2023-0002', date: '2023-01-02' });
    expect(l.json([...collector, 'void', 'R2022-0001', '--reason', '收错户', '--approved-by', '张主任'])).toMatchObject({ number: 'R2022-0001', date: '2023-07-15' });
    expect(l.json(['verify']).ok).toBe(true);
  });
});
