// Issue 13, "files and input that never hurt the books", end to end through the built binary:
// text fields that refuse line breaks and invisible marks, reads that never write, files that
// are not ledgers left untouched, Markdown that escapes HTML, duplicates caught, the list of
// bad rows cut at 100, a write that waits for a busy ledger, and owner-only output files.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as helpers from '../helpers/run-ledger.js';
import { BIN, TempLedger, expectRefused, type RunResult } from '../helpers/run-ledger.js';

const chair = ['--by', '张主任'];
const collector = ['--by', '李会计'];
const reimburser = ['--by', '王出纳'];

const ledgers: TempLedger[] = [];
const folders: string[] = [];
afterAll(() => {
  for (const l of ledgers) l.cleanup();
  for (const d of folders) {
    chmodTree(d, 0o755);
    fs.rmSync(d, { recursive: true, force: true });
  }
});

function chmodTree(dir: string, mode: number): void {
  try {
    fs.chmodSync(dir, mode);
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) chmodTree(p, mode);
    }
  } catch {
    // already gone
  }
}

/** A standard ledger (chair 张主任, collector 李会计, reimburser 王出纳, supervisor 赵监督) with two households. */
function compound(): TempLedger {
  const l = TempLedger.standard();
  ledgers.push(l);
  l.ok([...chair, 'household', 'add', '1-1-101', '--owner', '梁杰', '--area', '58']);
  l.ok([...chair, 'household', 'add', '1-1-102', '--owner', '吴刚', '--area', '72.36']);
  return l;
}

/** compound() with money in and out: bills, a collection, other income and an expense. */
function busyCompound(): TempLedger {
  const l = compound();
  l.ok([...chair, 'bill', '2023']);
  l.ok([...collector, 'collect', '1-1-101', '500', '--date', '2023-03-01']);
  l.ok([...collector, 'income', '1000', '--category', '停车费', '--from', '停车场', '--date', '2023-03-02']);
  l.ok([...reimburser, 'spend', '300', '--category', '保洁', '--payee', '刘阿姨', '--item', '保洁工资', '--approved-by', '张主任', '--date', '2023-03-03']);
  return l;
}

/** The passphrases TempLedger gives its commands (writes are signed), when the helper has them. */
const SIGNING = ((helpers as Record<string, unknown>).SIGNING_ENV ?? {}) as Record<string, string>;
const ENV = (now: string) => ({ PATH: process.env.PATH ?? '', TZ: 'Asia/Shanghai', LANG: 'en_US.UTF-8', LEDGER_NOW: now, ...SIGNING });

/** Runs `ledger --db db ...args` (as `uid` if given: root ignores file modes, another user does not). */
function runOn(db: string, args: string[], options: { uid?: number; cwd?: string } = {}): RunResult {
  const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], {
    cwd: options.cwd ?? path.dirname(db),
    encoding: 'utf8',
    env: ENV('2023-07-15T10:00:00+08:00'),
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.uid } : {}),
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking the event loop (for a test that holds the lock meanwhile). */
function runAsync(l: TempLedger, args: string[], onStderr: (all: string) => void = () => {}): Promise<RunResult> {
  const child = spawn(process.execPath, [BIN, '--db', l.db, ...args], { cwd: l.dir, env: ENV(l.now) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => onStderr((stderr += d)));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr })));
}

/** What a file is, to the byte and the modification time. */
function state(file: string): { bytes: string; mtimeMs: number; mode: number } {
  const st = fs.statSync(file);
  return { bytes: fs.readFileSync(file).toString('base64'), mtimeMs: st.mtimeMs, mode: st.mode & 0o777 };
}

const noStack = (r: RunResult) => expect(r.stderr).not.toMatch(/\n\s+at /);

/** A fresh folder anyone may enter (TempLedger's is 0700, closed to another user). */
function openFolder(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-safe-io-'));
  fs.chmodSync(d, 0o755);
  folders.push(d);
  return d;
}

const TEXT_REFUSED = 'holds a line break, a control character, a zero-width character or a bidirectional mark';

/** A line break, a tab, a zero-width space and a right-to-left override, each inside a name. */
const BAD: [string, (s: string) => string][] = [
  ['a line break', (s) => `${s}\n大写：人民币伍仟元整`],
  ['a tab', (s) => `${s}\t备注`],
  ['a zero-width space (U+200B)', (s) => `${s.slice(0, 1)}\u200b${s.slice(1)}`],
  ['a right-to-left override (U+202E)', (s) => `${s}\u202e123`],
];

describe('text fields: no line breaks, control characters, zero-width or bidi marks (exit 2, nothing written)', () => {
  let l: TempLedger;
  beforeAll(() => {
    l = compound();
    l.ok([...collector, 'income', '2000', '--category', '停车费', '--date', '2023-07-01']);
  });

  it.each(BAD)('household add --owner with %s', (_name, bad) => {
    expectRefused(l, [...chair, 'household', 'add', '2-1-101', '--owner', bad('王建华'), '--area', '80'], 2, new RegExp(`^error: owner ${TEXT_REFUSED}\n$`));
  });

  it.each(BAD)('spend --payee and --item with %s', (_name, bad) => {
    const spend = (payee: string, item: string) => [
      ...reimburser, 'spend', '100', '--category', '保洁', '--payee', payee, '--item', item, '--approved-by', '张主任',
    ];
    expectRefused(l, spend(bad('刘阿姨'), '保洁工资'), 2, new RegExp(`^error: payee ${TEXT_REFUSED}\n$`));
    expectRefused(l, spend('刘阿姨', bad('保洁工资')), 2, new RegExp(`^error: item ${TEXT_REFUSED}\n$`));
  });

  it.each(BAD)('income --note and collect --note with %s (no forged lines on a receipt)', (_name, bad) => {
    expectRefused(l, [...collector, 'income', '5000', '--category', '停车费', '--note', bad('押金')], 2, new RegExp(`^error: note ${TEXT_REFUSED}\n$`));
    expectRefused(l, [...collector, 'collect', '1-1-101', '500', '--note', bad('现金')], 2, new RegExp(`^error: note ${TEXT_REFUSED}\n$`));
  });

  it('household import: a CSV cell holding any of them is a bad row, listed FILE:LINE, and nothing is imported', () => {
    const file = path.join(l.dir, 'owners-bad.csv');
    // Row 2 (spreadsheet numbering) is quoted and holds a line break; 3 a tab; 4 a ZWSP; 5 a bidi override; 6 is good.
    fs.writeFileSync(file, 'code,owner,area\n3-1-101,"王\n五",80\n3-1-102,李\t四,80\n3-1-103,赵\u200b六,80\n3-1-104,钱\u202e七,80\n3-1-105,孙八,80\n');
    const r = expectRefused(l, [...chair, 'household', 'import', file], 2, /owners-bad\.csv has 4 bad row\(s\); nothing was imported/);
    expect(r.stderr.split('\n').slice(1, -1)).toEqual([2, 3, 4, 5].map((n) => `${file}:${n}: owner ${TEXT_REFUSED}`));
  });

  it('a name typed composed (NFC), decomposed (NFD) or as a CJK compatibility ideograph is stored as one NFC name', () => {
    const m = compound();
    const composed = 'Ren\u00e9 \u8c48';
    m.ok([...chair, 'household', 'add', '2-1-101', '--owner', 'Ren\u00e9 \u8c48', '--area', '80']);
    const second = m.run([...chair, 'household', 'add', '2-1-102', '--owner', 'Rene\u0301 \u8c48', '--area', '80']);
    expect(second.code).toBe(0);
    // The same owner: the ledger says so, as it does for any owner holding two units.
    expect(second.stderr).toMatch(/2-1-102, 2-1-101 have owners of the same name/);
    m.ok([...chair, 'household', 'add', '2-1-103', '--owner', 'Ren\u00e9 \uf900', '--area', '80']);
    const file = path.join(m.dir, 'nfd.csv');
    fs.writeFileSync(file, 'code,owner,area\n2-1-104,Rene\u0301 \u8c48,80\n');
    m.ok([...chair, 'household', 'import', file]);
    const owners = m.json<{ code: string; owner: string }[]>(['household', 'list']).filter((h) => h.code.startsWith('2-'));
    expect(owners.map((h) => [h.code, h.owner])).toEqual(['2-1-101', '2-1-102', '2-1-103', '2-1-104'].map((c) => [c, composed]));
    expect(owners.every((h) => h.owner === h.owner.normalize('NFC'))).toBe(true);
  });
});

const READS: string[][] = [
  ['report', '--year', '2023'],
  ['arrears'],
  ['status'],
  ['household', 'list'],
  ['verify'],
  ['log'],
  ['export', '--format', 'hledger'],
];

describe('reads never write', () => {
  const isRoot = process.getuid?.() === 0;
  // Root reads and writes whatever the mode; the read-only case is run as `nobody` then.
  const uid = isRoot ? 65534 : undefined;

  function readOnlyCopy(): { l: TempLedger; dir: string; db: string } {
    const l = busyCompound();
    const dir = path.join(openFolder(), 'ro');
    fs.mkdirSync(dir);
    const db = path.join(dir, 'ledger.db');
    fs.copyFileSync(l.db, db);
    if (uid !== undefined) {
      fs.chownSync(dir, uid, uid);
      fs.chownSync(db, uid, uid);
    }
    fs.chmodSync(db, 0o444);
    fs.chmodSync(dir, 0o555);
    return { l, dir, db };
  }

  it('a read-only ledger in a read-only folder can be reported from, and stays as it was', () => {
    const { l, dir, db } = readOnlyCopy();
    const before = state(db);
    const files = fs.readdirSync(dir);
    for (const args of READS) {
      const r = runOn(db, [...args, '--json'], { uid });
      expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 0, '']);
      // What the original ledger says, word for word.
      expect(r.stdout.replaceAll(db, 'DB')).toBe(l.ok([...args, '--json']).replaceAll(l.db, 'DB'));
    }
    expect(state(db)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual(files);
  });

  it('on a writable ledger, the reads leave the file byte for byte and its mtime as they were', () => {
    const l = busyCompound();
    const before = state(l.db);
    for (const args of READS) {
      const r = l.run(args);
      expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 0, '']);
    }
    expect(state(l.db)).toEqual(before);
  });

  it('a backup (one self-contained file) stays one: reads and verify switch no journal mode and create nothing beside it', () => {
    const l = busyCompound();
    const dir = openFolder();
    const copy = path.join(dir, 'backup.db');
    l.ok(['backup', copy]);
    const before = state(copy);
    // Bytes 18-19 of the header: 1 1 is a rollback journal (DELETE), 2 2 is WAL.
    expect([...fs.readFileSync(copy).subarray(18, 20)]).toEqual([1, 1]);
    for (const args of READS) {
      const r = runOn(copy, args);
      expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 0, '']);
    }
    expect(state(copy)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual(['backup.db']);
  });

  it('an older ledger is read through an upgraded copy in memory: the file is not migrated', () => {
    const dir = openFolder();
    const db = path.join(dir, 'ledger-v1.db');
    fs.copyFileSync(path.join(__dirname, '../../fixtures/legacy/ledger-v1.db'), db);
    const before = state(db);
    for (const args of READS) {
      const r = runOn(db, args);
      expect([args.join(' '), r.code, r.stderr]).toEqual([args.join(' '), 0, '']);
    }
    expect(state(db)).toEqual(before);
    expect(fs.readdirSync(dir)).toEqual(['ledger-v1.db']);
  });

  it('a write on a read-only ledger fails with one error line, no stack trace, and changes nothing', () => {
    const { db } = readOnlyCopy();
    const before = state(db);
    const r = runOn(db, [...collector, 'collect', '1-1-102', '500'], { uid });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .*read-?only/);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    noStack(r);
    expect(state(db)).toEqual(before);
  });
});

describe('a reader that goes away early (`ledger log | head`)', () => {
  it('leaves the command quiet: exit 0, nothing on stderr, the rest of the output dropped', async () => {
    const l = busyCompound();
    expect(l.ok(['log', '--json']).length).toBeGreaterThan(1000);
    const child = spawn(process.execPath, [BIN, '--db', l.db, 'log', '--json'], { env: ENV('2023-07-15T10:00:00+08:00') });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Gone before the first line: every write the ledger makes meets a closed pipe (EPIPE).
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });
});

describe('stdout written straight to its descriptor (src/cli/stdout.ts)', () => {
  /** A compound of 3,000 households: `household list --json` prints over 300 KB (on one line, as piped), several pipes full. */
  let l: TempLedger;
  let expected: string;
  beforeAll(() => {
    l = compound();
    const csv = path.join(l.dir, 'many.csv');
    const rows = Array.from({ length: 3000 }, (_, i) => `9-${Math.floor(i / 100) + 1}-${1000 + (i % 100)},业主${i},${(60 + (i % 40)).toFixed(2)},,`);
    fs.writeFileSync(csv, ['code,owner,area,phone,since', ...rows].join('\n') + '\n');
    l.ok([...chair, 'household', 'import', csv]);
    expected = l.ok(['household', 'list', '--json']);
    expect(Buffer.byteLength(expected)).toBeGreaterThan(4 * 65536);
  });

  it('a pipe read slowly gets the whole output, byte for byte', async () => {
    const child = spawn(process.execPath, [BIN, '--db', l.db, 'household', 'list', '--json'], { env: l.env() });
    child.stdout.pause();
    await new Promise((r) => setTimeout(r, 300));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d)).resume();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(expected);
  });

  it('a pipe its caller left non-blocking (EAGAIN once full): the rest goes through the stream, nothing lost', () => {
    // python3 (there for node-gyp) hands the ledger a pipe with O_NONBLOCK set, and reads it
    // only after a pause, so that the ledger's writes find it full.
    const script = [
      'import fcntl, os, subprocess, sys, time',
      'r, w = os.pipe()',
      'fcntl.fcntl(w, fcntl.F_SETFL, fcntl.fcntl(w, fcntl.F_GETFL) | os.O_NONBLOCK)',
      'p = subprocess.Popen(sys.argv[1:], stdout=w)',
      'os.close(w)',
      'time.sleep(0.5)',
      'out = b""',
      'while True:',
      '    b = os.read(r, 65536)',
      '    if not b: break',
      '    out += b',
      'sys.stdout.buffer.write(out)',
      'sys.exit(p.wait())',
    ].join('\n');
    const r = spawnSync('python3', ['-c', script, process.execPath, BIN, '--db', l.db, 'household', 'list', '--json'], {
      env: l.env(),
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toBe(expected);
  });
});

describe('a file that is not a ledger is refused untouched (exit 2)', () => {
  const dir = openFolder();
  const make: [string, string, (file: string) => void, string][] = [
    ['a text file', 'notes.txt', (f) => fs.writeFileSync(f, '物业费 2023\nhello\n'), 'not a SQLite database'],
    ['an empty file', 'empty.db', (f) => fs.writeFileSync(f, ''), 'empty file'],
    [
      "another program's SQLite database",
      'other.db',
      (f) => {
        const db = new BetterSqlite3(f);
        db.exec('CREATE TABLE contacts (name TEXT, phone TEXT); INSERT INTO contacts VALUES (\'x\', \'1\')');
        db.close();
      },
      "a SQLite database without the ledger's tables",
    ],
    [
      'a SQLite database with another application_id',
      'app.db',
      (f) => {
        const db = new BetterSqlite3(f);
        db.pragma('application_id = 1234');
        db.exec('CREATE TABLE entries (x); CREATE TABLE households (x); CREATE TABLE settings (x); CREATE TABLE schema_migrations (x)');
        db.close();
      },
      "another program's database, application_id 1234",
    ],
  ];

  it.each(make)('%s: reads and writes alike', (_name, base, create, why) => {
    const file = path.join(dir, base);
    create(file);
    const before = state(file);
    const listing = fs.readdirSync(dir).sort();
    for (const args of [['status'], ['verify'], ['report', '--year', '2023'], [...collector, 'collect', '1-1-101', '500'], [...chair, 'household', 'add', '9-9-999', '--owner', '某人', '--area', '50']]) {
      const r = runOn(file, args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toBe(`error: ${file} is not a ledger (${why}); it was left untouched. Create a ledger with ledger init\n`);
      expect(r.stdout).toBe('');
    }
    expect(state(file)).toEqual(before);
    expect(fs.readdirSync(dir).sort()).toEqual(listing);
  });

  it('a path with no file: refused, and no file is created (only init creates a ledger)', () => {
    const file = path.join(dir, 'missing.db');
    for (const args of [['status'], [...collector, 'collect', '1-1-101', '500']]) {
      const r = runOn(file, args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^error: no ledger at ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. Create one with: ledger init`));
      expect(fs.existsSync(file)).toBe(false);
    }
  });
});

describe('Markdown and HTML reports escape HTML', () => {
  it('a payee named <script>alert(1)</script> is shown, never run', () => {
    const l = compound();
    l.ok([...collector, 'income', '1000', '--category', '停车费', '--date', '2023-07-01']);
    l.ok([...reimburser, 'spend', '10', '--category', '保洁', '--payee', '<script>alert(1)</script>', '--item', '<img src=x onerror=alert(2)>', '--approved-by', '张主任', '--date', '2023-07-02']);
    const period = ['--from', '2023-07-01', '--to', '2023-07-15'];
    const md = l.ok(['report', '--format', 'md', ...period]);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(md).not.toMatch(/<script|<img/i);
    const html = l.ok(['report', '--format', 'html', ...period]);
    expect(html).toMatch(/(&lt;|&#60;)script(&gt;|&#62;)alert\(1\)(&lt;|&#60;)\/script(&gt;|&#62;)/);
    expect(html).not.toMatch(/<script>alert|<img src=x/i);
    // The same through --out.
    const out = path.join(l.dir, 'report.md');
    l.ok(['report', '--format', 'md', ...period, '--out', out]);
    expect(fs.readFileSync(out, 'utf8')).toBe(md);
  });
});

describe('a paper voucher number is used once', () => {
  it('the second spend with --voucher 记-1 is refused naming it; once the first is voided, 记-1 may be used again', () => {
    const l = compound();
    l.ok([...collector, 'income', '1000', '--category', '停车费', '--date', '2023-07-01']);
    const spend = (payee: string) => [...reimburser, 'spend', '100', '--category', '保洁', '--payee', payee, '--item', '7月保洁', '--approved-by', '张主任', '--voucher', '记-1'];
    expect(l.json(spend('刘阿姨'))).toMatchObject({ number: 'E2023-0001', voucher: '记-1' });
    expectRefused(l, spend('刘阿姨'), 1, /^error: voucher 记-1 is already on another expense \(one voucher cannot be entered twice\)\n$/);
    expectRefused(l, spend('另一人'), 1, /voucher 记-1 is already on another expense/);
    l.ok([...reimburser, 'void', 'E2023-0001', '--reason', '录错', '--approved-by', '张主任']);
    expect(l.json(spend('刘阿姨'))).toMatchObject({ number: 'E2023-0002', voucher: '记-1' });
  });

  it('vouchers are numbered within their year: 记-1 of 2022 and 记-1 of 2023 are two vouchers', () => {
    const l = compound();
    l.ok([...collector, 'income', '1000', '--category', '停车费', '--date', '2022-12-01']);
    const spend = (date: string) => [...reimburser, 'spend', '100', '--category', '保洁', '--payee', '刘阿姨', '--item', '保洁', '--approved-by', '张主任', '--voucher', '记-1', '--date', date];
    expect(l.json(spend('2022-12-31'))).toMatchObject({ number: 'E2022-0001', voucher: '记-1' });
    expect(l.json(spend('2023-01-31'))).toMatchObject({ number: 'E2023-0001', voucher: '记-1' });
    expectRefused(l, spend('2023-02-28'), 1, /voucher 记-1 is already on another expense/);
  });
});

describe('import collections: duplicates', () => {
  const header = 'date,code,amount,method,receipt\n';

  it('two identical rows are refused, naming both lines; with --allow-duplicates both are imported', () => {
    const l = compound();
    const file = path.join(l.dir, 'dup.csv');
    fs.writeFileSync(file, `${header}2023-01-05,1-1-102,500,cash,\n2023-01-05,1-1-101,500,cash,\n2023-01-06,1-1-102,200,wechat,\n2023-01-05,1-1-101,500,cash,\n`);
    const r = expectRefused(l, [...collector, 'import', 'collections', file], 2, /dup\.csv has 1 bad row\(s\); nothing was imported/);
    expect(r.stderr).toBe(`error: ${file} has 1 bad row(s); nothing was imported\n${file}:5: identical to line 3 (if these are two payments, use --allow-duplicates)\n`);
    const done = l.json<{ receipt: string; household: string; amount_fen: number }[]>([...collector, 'import', 'collections', file, '--allow-duplicates']);
    expect(done.map((c) => [c.household, c.amount_fen])).toEqual([
      ['1-1-102', 50000],
      ['1-1-101', 50000],
      ['1-1-101', 50000],
      ['1-1-102', 20000],
    ]);
    expect(l.json(['verify'])).toMatchObject({ ok: true, balance_fen: 170000 });
  });

  it('a paper receipt number twice in the file, or already in the ledger, is refused naming the line', () => {
    const l = compound();
    const twice = path.join(l.dir, 'twice.csv');
    fs.writeFileSync(twice, `${header}2023-01-05,1-1-101,500,cash,A-1\n2023-01-06,1-1-102,300,cash,A-1\n`);
    const r = expectRefused(l, [...collector, 'import', 'collections', twice], 2, /twice\.csv has 1 bad row\(s\)/);
    expect(r.stderr.split('\n')[1]).toBe(`${twice}:3: paper receipt A-1 is also on line 2`);
    // Even with --allow-duplicates: two payments never share one paper receipt.
    fs.writeFileSync(twice, `${header}2023-01-05,1-1-101,500,cash,A-1\n2023-01-05,1-1-101,500,cash,A-1\n`);
    const r2 = expectRefused(l, [...collector, 'import', 'collections', twice, '--allow-duplicates'], 2, /twice\.csv has 1 bad row\(s\)/);
    expect(r2.stderr.split('\n')[1]).toBe(`${twice}:3: paper receipt A-1 is also on line 2`);

    const first = path.join(l.dir, 'first.csv');
    fs.writeFileSync(first, `${header}2023-01-05,1-1-101,500,cash,A-7\n`);
    l.ok([...collector, 'import', 'collections', first]);
    const again = path.join(l.dir, 'again.csv');
    fs.writeFileSync(again, `${header}2023-02-01,1-1-102,100,cash,B-1\n2023-02-02,1-1-102,100,cash,A-7\n`);
    const r3 = expectRefused(l, [...collector, 'import', 'collections', again], 2, /again\.csv has 1 bad row\(s\)/);
    expect(r3.stderr.split('\n')[1]).toBe(`${again}:3: paper receipt A-7 is already in the ledger`);
  });
});

describe('bad rows are listed up to 100', () => {
  it('150 bad rows: the first 100 as FILE:LINE, then how many more', () => {
    const l = compound();
    const file = path.join(l.dir, 'bad.csv');
    fs.writeFileSync(file, `date,code,amount\n${Array.from({ length: 150 }, (_, i) => `2023-01-05,1-1-101,abc${i}`).join('\n')}\n`);
    const r = expectRefused(l, [...collector, 'import', 'collections', file], 2, /bad\.csv has 150 bad row\(s\); nothing was imported/);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(102);
    expect(lines[0]).toBe(`error: ${file} has 150 bad row(s); nothing was imported`);
    expect(lines.slice(1, 101)).toEqual(
      Array.from({ length: 100 }, (_, i) => `${file}:${i + 2}: amount "abc${i}" is not a valid amount (more than 0, at most two decimals, e.g. 500 or 500.50)`),
    );
    expect(lines[101]).toBe('... and 50 more bad row(s)');
  });
});

describe('a write that finds the ledger busy waits for it', () => {
  it('collect waits while another process holds the write lock, says so on stderr, then gets the next receipt', async () => {
    const l = compound();
    expect(l.json([...collector, 'collect', '1-1-101', '500'])).toMatchObject({ receipt: 'R2023-0001' });
    const BUSY = 'the ledger is busy with another write; waiting for it (up to 5 minutes) ...\n';
    // Another process (this one) holds the write lock, as a long import would.
    const holder = new BetterSqlite3(l.db);
    holder.exec('BEGIN IMMEDIATE');
    let releasedAt = 0;
    let noticedAt = 0;
    const release = () => {
      if (releasedAt) return;
      holder.exec('ROLLBACK');
      holder.close();
      releasedAt = Date.now();
    };
    // Released 1.5 s after the waiting collect has said it waits (so however slow it is to
    // start, it has waited over a second, said so, and waited on); at the latest after 15 s.
    let timer = setTimeout(release, 15_000);
    const started = Date.now();
    try {
      const r = await runAsync(l, [...collector, '--json', 'collect', '1-1-102', '300'], (err) => {
        if (!noticedAt && err.includes(BUSY)) {
          noticedAt = Date.now();
          clearTimeout(timer);
          timer = setTimeout(release, 1500);
        }
      });
      const endedAt = Date.now();
      expect(r.stderr).toBe(BUSY);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ receipt: 'R2023-0002', household: '1-1-102' });
      // It finished only after the lock was released, having waited all along.
      expect(releasedAt).toBeGreaterThan(0);
      expect(endedAt).toBeGreaterThanOrEqual(releasedAt);
      expect(endedAt - started).toBeGreaterThanOrEqual(2500);
    } finally {
      clearTimeout(timer);
      release();
    }
    expect(l.json(['verify'])).toMatchObject({ ok: true, balance_fen: 80000 });
  });
});

describe('files written are owner-only, and a backup never overwrites', () => {
  const tempsIn = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));

  it('report --out and export --out make 0600 files (also over an existing 0644 file)', () => {
    const l = busyCompound();
    const md = path.join(l.dir, 'report.md');
    l.ok(['report', '--year', '2023', '--format', 'md', '--out', md]);
    expect(state(md).mode).toBe(0o600);
    const html = path.join(l.dir, 'report.html');
    fs.writeFileSync(html, 'old', { mode: 0o644 });
    fs.chmodSync(html, 0o644);
    l.ok(['report', '--year', '2023', '--format', 'html', '--out', html]);
    expect(state(html).mode).toBe(0o600);
    expect(fs.readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    const journal = path.join(l.dir, 'ledger.journal');
    l.ok(['export', '--format', 'hledger', '--out', journal]);
    expect(state(journal).mode).toBe(0o600);
    expect(fs.readFileSync(journal, 'utf8')).toBe(l.ok(['export', '--format', 'hledger']));
    expect(tempsIn(l.dir)).toEqual([]);
  });

  it('backup FILE onto an existing file is refused (exit 1) and leaves it as it was; a new backup is 0600', () => {
    const l = busyCompound();
    const target = path.join(l.dir, 'backup.db');
    fs.writeFileSync(target, 'an earlier backup, kept');
    const before = state(target);
    expectRefused(l, ['backup', target], 1, new RegExp(`^error: ${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} already exists; it is not overwritten\n$`));
    expect(state(target)).toEqual(before);
    const fresh = path.join(l.dir, 'backup-2.db');
    l.ok(['backup', fresh]);
    expect(state(fresh).mode).toBe(0o600);
    expect(tempsIn(l.dir)).toEqual([]);
  });
});
