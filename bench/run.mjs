#!/usr/bin/env node
// The district benchmark (`npm run bench`, after a build): builds a ledger of 10,000
// households over ten years through the tool's own commands, exports it as an hledger
// journal, and measures, side by side on the same machine and in alternating runs:
//
//   - `ledger report --half <last>H2 --json` against `hledger bal` and `ledger bal` over the
//     same half-year on the exported journal, and against bare `node -e 0`;
//   - a single `ledger collect` on the big ledger (start-up plus one transaction);
//   - `ledger --help` (start-up alone);
//   - `ledger import collections`: rows per second and peak memory (RSS) at three file sizes;
//   - the report, `arrears` and `status` on the district at 2, 5 and 10 years of history, as its
//     payment habits leave it and settled (the same rooms owing at the end, only the history longer).
//
// It writes bench/results.md: the machine, the figures (medians), the ratios against the
// targets, and the query plans the report, the arrears and a collection rely on.
//
//   node bench/run.mjs [--runs 15] [--import-runs 3] [--households 10000] [--reuse] [--out FILE] [--work DIR] [--no-csv] [--no-postgres]
//
// --reuse keeps the generated ledger of an earlier run (bench/.work) if its inputs are the same.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const require = createRequire(import.meta.url);
const { watchStatements } = require('./statements.cjs');
const BIN = path.join(root, 'bin/ledger.js');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const WORK = path.resolve(opt('work', path.join(here, '.work')));
const DATA = path.join(WORK, 'data');
const RUNS = Number(opt('runs', 15));
const IMPORT_RUNS = Number(opt('import-runs', 3));
const HOUSEHOLDS = Number(opt('households', 10000));
const REUSE = args.includes('--reuse');
const OUT = path.resolve(opt('out', path.join(here, 'results.md')));

// The fixed clock of the whole district: the last completed half-year is 2024H2.
const NOW = '2025-03-01T10:00:00+08:00';
const HALF = '2024H2';
const HALF_FROM = '2024-07-01';
const HALF_END_EXCLUSIVE = '2025-01-01';
const HALF_END = '2024-12-31';
// The half-year open on NOW (2025H1, two months in): reported from the lock's totals plus its own entries.
const OPEN_HALF = '2025H1';

/** The environment of every `ledger` run: fixed clock and zone, English, no stray LEDGER_* of the caller. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LEDGER_') && k !== 'LANG'));
const BENCH_PASSPHRASE = 'district-bench-2025';
const ledgerEnv = { ...cleanEnv, TZ: 'Asia/Shanghai', LANG: 'en_US.UTF-8', LEDGER_NOW: NOW, LEDGER_PASSPHRASE: BENCH_PASSPHRASE, LEDGER_APPROVER_PASSPHRASE: BENCH_PASSPHRASE, LEDGER_NEW_PASSPHRASE: BENCH_PASSPHRASE };
// hledger and ledger-cli read LEDGER_FILE (and ledger-cli any LEDGER_<OPTION>) from the
// environment, so they run without ours.
const peerEnv = { ...cleanEnv, LANG: 'C.UTF-8' };

const log = (s) => process.stderr.write(`${s}\n`);

function ledger(db, argv, { by, allowFail = false } = {}) {
  const full = ['--db', db, ...(by ? ['--by', by] : []), ...argv];
  const r = spawnSync(process.execPath, [BIN, ...full], { env: ledgerEnv, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0 && !allowFail) throw new Error(`ledger ${full.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r;
}

/** Wall time (ms) of one run of argv, and its exit code; output discarded. */
function timeOnce(argv, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

/** Wall time and peak RSS (KiB, from GNU time) of one run. */
function timeWithRss(argv, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', ...argv], { env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, rssKiB: Number(r.stderr.trim().split('\n').pop()) };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
const sizeOf = (f) => `${(fs.statSync(f).size / 1024 / 1024).toFixed(1)} MiB`;

// ---------------------------------------------------------------------------------------
// 1. The district ledger, built through the tool's own commands.

function inputsKey() {
  const files = ['bench/generate.mjs', 'dist/ledger.cjs', ...fs.readdirSync(path.join(root, 'schema')).map((f) => `schema/${f}`)];
  return JSON.stringify({ HOUSEHOLDS, files: files.map((f) => [f, fs.statSync(path.join(root, f)).mtimeMs]) });
}

function buildLedgers() {
  const keyFile = path.join(WORK, 'key.json');
  const base = path.join(WORK, 'base.db');
  const big = path.join(WORK, 'district.db');
  const journal = path.join(WORK, 'district.journal');
  const key = inputsKey();
  if (REUSE && fs.existsSync(keyFile) && fs.readFileSync(keyFile, 'utf8') === key && fs.existsSync(big)) {
    log('reusing the ledger of an earlier run (bench/.work)');
    return JSON.parse(fs.readFileSync(path.join(WORK, 'build.json'), 'utf8'));
  }
  fs.rmSync(WORK, { recursive: true, force: true });
  fs.mkdirSync(WORK, { recursive: true });

  log(`generating a district of ${HOUSEHOLDS} households ...`);
  const plan = generate({ out: DATA, households: HOUSEHOLDS, today: NOW.slice(0, 10) });
  const { chair, collector, reimburser, supervisor } = plan.people;
  const steps = [];
  const step = (name, fn) => {
    const t = process.hrtime.bigint();
    const r = fn();
    steps.push({ name, ms: Number(process.hrtime.bigint() - t) / 1e6 });
    log(`  ${name}: ${fmt(steps.at(-1).ms)}`);
    return r;
  };

  step('init, roles', () => {
    ledger(base, ['init', '--name', '离石区城关街道', '--chair', chair, '--fee', '500', '--major-threshold', '1000000']);
    ledger(base, ['role', 'add', collector, 'collector'], { by: chair });
    ledger(base, ['role', 'add', reimburser, 'reimburser'], { by: chair });
    ledger(base, ['role', 'add', supervisor, 'supervisor'], { by: chair });
  });
  step(`household import (${HOUSEHOLDS} rows)`, () => ledger(base, ['household', 'import', path.join(DATA, 'households.csv')], { by: chair }));
  const years = Object.keys(plan.fees).map(Number);
  step(`fee set and bill, ${years.length} years`, () => {
    for (const y of years) {
      if (plan.fees[y] !== 50000) ledger(base, ['fee', 'set', String(y), String(plan.fees[y] / 100)], { by: chair });
      ledger(base, ['bill', String(y)], { by: chair });
    }
  });

  fs.copyFileSync(base, big);
  const importRun = step(`import collections (${plan.counts.collections} rows)`, () =>
    timeWithRss([process.execPath, BIN, '--db', big, '--by', collector, 'import', 'collections', path.join(DATA, 'collections.csv'), '--allow-duplicates'], ledgerEnv),
  );
  const income = JSON.parse(fs.readFileSync(path.join(DATA, 'income.json'), 'utf8'));
  step(`income, ${income.length} commands`, () => {
    for (const i of income) ledger(big, ['income', i.amount, '--category', i.category, '--from', i.from, '--date', i.date], { by: collector });
  });
  const expenses = JSON.parse(fs.readFileSync(path.join(DATA, 'expenses.json'), 'utf8'));
  step(`spend, ${expenses.length} commands`, () => {
    for (const e of expenses) {
      ledger(big, ['spend', e.amount, '--category', e.category, '--payee', e.payee, '--item', e.item, '--approved-by', supervisor, '--voucher', e.voucher, '--date', e.date], {
        by: reimburser,
      });
    }
  });
  // The committee locks a half-year once its disclosure is posted: lock stores the closed days' totals
  // (schema/0008), which reports start from. The unlocked ledger is kept to show the difference.
  const locked = path.join(WORK, 'locked.db');
  fs.copyFileSync(big, locked);
  step(`lock --through ${HALF_END}`, () => ledger(locked, ['lock', '--through', HALF_END], { by: chair }));
  step('export --format hledger', () => ledger(big, ['export', '--format', 'hledger', '--out', journal]));
  step('export --format beancount', () => ledger(big, ['export', '--format', 'beancount', '--out', path.join(WORK, 'district.beancount')]));
  // The committee's proof: every entry's chain, signature and rules replayed, the lock's totals added up again.
  step('verify --json (the locked ledger)', () => {
    const r = JSON.parse(ledger(locked, ['verify', '--json']).stdout);
    if (!r.ok) throw new Error(`verify found problems in the bench's ledger: ${JSON.stringify(r.problems.slice(0, 3))}`);
  });

  const counts = new (require('better-sqlite3'))(big, { readonly: true })
    .prepare('SELECT kind, COUNT(*) AS n FROM entries GROUP BY kind ORDER BY kind')
    .all();
  const build = {
    plan,
    steps,
    counts,
    importRun,
    files: { base, big, locked, journal, dbSize: sizeOf(big), journalSize: sizeOf(journal), csvSize: sizeOf(path.join(DATA, 'collections.csv')) },
  };
  build.spendPerCommandMs = steps.find((s) => s.name.startsWith('spend')).ms / expenses.length;
  fs.writeFileSync(path.join(WORK, 'build.json'), JSON.stringify(build, null, 2));
  fs.writeFileSync(keyFile, key);
  return build;
}

// ---------------------------------------------------------------------------------------
// 2. Side by side: the same half-year, alternating runs.

function compare(build) {
  const { big, journal } = build.files;
  const { locked } = build.files;
  const collectDb = path.join(WORK, 'collect.db');
  fs.copyFileSync(locked, collectDb);
  const codes = fs
    .readFileSync(path.join(DATA, 'households.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(',')[0]);
  // The floor under the locked report: the statements it runs, captured here, run by a plain script (bench/report-floor.cjs).
  const statements = path.join(WORK, 'report-statements.json');
  execFileSync(process.execPath, [path.join(here, 'report-floor.cjs'), '--capture', locked, HALF, NOW, statements], { env: ledgerEnv, stdio: ['ignore', 'ignore', 'inherit'] });
  const hledger = ['hledger', '-f', journal, 'bal', '-b', HALF_FROM, '-e', HALF_END_EXCLUSIVE];
  const ledgerCli = ['ledger', '-f', journal, 'bal', '-b', HALF_FROM, '-e', HALF_END_EXCLUSIVE];
  const cases = [
    { key: 'node', label: 'node -e 0', argv: () => [process.execPath, '-e', '0'], env: ledgerEnv },
    { key: 'help', label: 'ledger --help', argv: () => [process.execPath, BIN, '--help'], env: ledgerEnv },
    { key: 'report', label: `ledger report --half ${HALF} --json (locked)`, argv: () => [process.execPath, BIN, '--db', locked, 'report', '--half', HALF, '--json'], env: ledgerEnv },
    { key: 'reportFloor', label: `node bench/report-floor.cjs: the locked report's statements, plain better-sqlite3`, argv: () => [process.execPath, path.join(here, 'report-floor.cjs'), locked, statements], env: ledgerEnv },
    { key: 'reportOpen', label: `ledger report --half ${OPEN_HALF} --json (open)`, argv: () => [process.execPath, BIN, '--db', locked, 'report', '--half', OPEN_HALF, '--json'], env: ledgerEnv },
    { key: 'reportUnlocked', label: `ledger report --half ${HALF} --json (never locked)`, argv: () => [process.execPath, BIN, '--db', big, 'report', '--half', HALF, '--json'], env: ledgerEnv },
    {
      key: 'collect',
      label: 'ledger collect CODE 500 --json',
      argv: (i) => [process.execPath, BIN, '--db', collectDb, '--by', build.plan.people.collector, 'collect', codes[(i * 37) % codes.length], '500', '--date', '2025-02-20', '--json'],
      env: ledgerEnv,
    },
    // A write that a second person approves: both sign the commit.
    {
      key: 'spend',
      label: 'ledger spend 1 --approved-by SUPERVISOR --json',
      argv: () => [process.execPath, BIN, '--db', collectDb, '--by', build.plan.people.reimburser, 'spend', '1', '--category', '保洁', '--payee', '保洁公司', '--item', 'bench', '--approved-by', build.plan.people.supervisor, '--date', '2025-02-20', '--json'],
      env: ledgerEnv,
    },
    // What every signed write waits for: node, then one scrypt at the cost keys are sealed with (src/app/keys.ts).
    {
      key: 'scrypt',
      label: 'node: one scrypt, N = 2^15, r = 2',
      argv: () => [process.execPath, '-e', "require('node:crypto').scryptSync('passphrase', Buffer.alloc(16), 32, { N: 2 ** 15, r: 2, p: 1, maxmem: 2 ** 25 })"],
      env: ledgerEnv,
    },
    { key: 'arrears', label: 'ledger arrears --as-of 2024-12-31 --json', argv: () => [process.execPath, BIN, '--db', locked, 'arrears', '--as-of', '2024-12-31', '--json'], env: ledgerEnv },
    { key: 'status', label: 'ledger status --json', argv: () => [process.execPath, BIN, '--db', locked, 'status', '--json'], env: ledgerEnv },
    { key: 'hledger', label: `hledger bal -b ${HALF_FROM} -e ${HALF_END_EXCLUSIVE}`, argv: () => hledger, env: peerEnv },
    { key: 'ledgercli', label: `ledger-cli bal -b ${HALF_FROM} -e ${HALF_END_EXCLUSIVE}`, argv: () => ledgerCli, env: peerEnv },
  ];
  // One warm-up of each (page cache, lazy dyld), then RUNS rounds in turn.
  cases.forEach((c) => timeOnce(c.argv(0), c.env));
  const times = Object.fromEntries(cases.map((c) => [c.key, []]));
  for (let i = 1; i <= RUNS; i++) {
    for (const c of cases) times[c.key].push(timeOnce(c.argv(i), c.env));
    log(`  round ${i}/${RUNS}: ${cases.map((c) => `${c.key} ${fmt(times[c.key].at(-1))}`).join(', ')}`);
  }
  return { cases: cases.map((c) => ({ key: c.key, label: c.label, median: median(times[c.key]), min: Math.min(...times[c.key]), max: Math.max(...times[c.key]) })), times };
}

/** The half-year's income and expense totals as our report and hledger see them (they must agree). */
function crossCheck(build) {
  const report = JSON.parse(ledger(build.files.big, ['report', '--half', HALF, '--json']).stdout);
  const csv = execFileSync('hledger', ['-f', build.files.journal, 'bal', '-b', HALF_FROM, '-e', HALF_END_EXCLUSIVE, '-O', 'csv', '--depth', '1'], {
    env: peerEnv,
    encoding: 'utf8',
  });
  const fen = (account) => {
    const line = csv.split('\n').find((l) => l.startsWith(`"${account}"`));
    if (!line) return null;
    const amount = line.split('","')[1].replace(/[^0-9.-]/g, '');
    return Math.round(Number(amount) * 100);
  };
  const strip = (r) => JSON.stringify({ ...r, head: null, locked_through: null });
  const lockedReport = JSON.parse(ledger(build.files.locked, ['report', '--half', HALF, '--json']).stdout);
  return {
    sameLocked: strip(lockedReport) === strip(report),
    reportBytes: Buffer.byteLength(ledger(build.files.big, ['report', '--half', HALF, '--json']).stdout),
    report: { income: report.income_total_fen, expense: report.expense_total_fen, opening: report.opening_balance_fen, closing: report.closing_balance_fen, arrears: report.arrears },
    hledger: { income: -(fen('income') ?? 0), expense: fen('expenses') },
  };
}

// ---------------------------------------------------------------------------------------
// 2b. Independent of the ledger's age: the same district (households, payment habits) over the
// last 2, 5 and 10 years, fees only, each locked through the last half-year; the same commands
// timed in alternating rounds. Twice: as the habits leave it (more rooms owe something, over more
// years, the older the ledger: what the reports print grows with the age), and "settled", where
// every household paid each year before the last two in full (bench/generate.mjs
// `settledBefore`): the same rooms owe the same years at the end, over a longer history, so
// that only the history grows.

const AGES = [2, 5, 10];
/** The year from which the settled districts follow the habits: the 2-year district's first year. */
const SETTLED_FROM = 2025 - AGES[0];
/** The four commands timed on each ledger of the ages. */
const AGE_COMMANDS = ['report', 'open', 'arrears', 'status'];
/** The timing's key of `command` on the ledger `b` of the ages. */
const ageKey = (b, command) => `${b.settled ? 'settled-' : ''}${command}${b.years}`;

function ageLedger(years, settled) {
  const dir = path.join(WORK, settled ? `settled-${years}` : `age-${years}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const plan = generate({ out: dir, households: HOUSEHOLDS, from: 2025 - years, to: 2024, today: NOW.slice(0, 10), installments: [], settledBefore: settled ? SETTLED_FROM : undefined });
  const { chair, collector } = plan.people;
  const db = path.join(dir, 'ledger.db');
  const t = process.hrtime.bigint();
  ledger(db, ['init', '--name', '离石区城关街道', '--chair', chair, '--fee', '500', '--major-threshold', '1000000']);
  ledger(db, ['role', 'add', collector, 'collector'], { by: chair });
  ledger(db, ['household', 'import', path.join(dir, 'households.csv')], { by: chair });
  for (const y of Object.keys(plan.fees).map(Number)) {
    if (plan.fees[y] !== 50000) ledger(db, ['fee', 'set', String(y), String(plan.fees[y] / 100)], { by: chair });
    ledger(db, ['bill', String(y)], { by: chair });
  }
  ledger(db, ['import', 'collections', path.join(dir, 'collections.csv'), '--allow-duplicates'], { by: collector });
  ledger(db, ['lock', '--through', HALF_END], { by: chair });
  const reader = new (require('better-sqlite3'))(db, { readonly: true });
  const entries = reader.prepare('SELECT COUNT(*) FROM entries').pluck().get();
  // What the reports list: the rooms owing, and each one's years still owed (`year:amount` pairs).
  const owing = reader.prepare('SELECT household, owed FROM household_totals WHERE through = ? AND charged_fen > paid_fen ORDER BY household').raw().all(HALF_END);
  reader.close();
  // The rooms and the years they owe, without the amounts (the fee of a year depends on the district's first year).
  const owingYears = owing.map(([code, owed]) => `${code}:${owed.replace(/:-?\d+/g, '')}`).join('\n');
  const b = { years, settled, db, entries, owing: owing.length, owedYears: owing.reduce((n, [, o]) => n + o.split(',').length, 0), owingYears, size: sizeOf(db), buildMs: Number(process.hrtime.bigint() - t) / 1e6 };
  log(`  ${settled ? 'settled, ' : ''}${years} years: ${entries} entries, ${b.owing} rooms owing, ${sizeOf(db)}`);
  return b;
}

function ages() {
  const built = AGES.map((years) => ageLedger(years, false));
  // The settled district of 2 years is the 2-year one itself (nothing before its first year).
  const settled = [built[0], ...AGES.slice(1).map((years) => ageLedger(years, true))];
  // What the settled districts are for: the same rooms owing the same years, whatever the history.
  for (const b of settled.slice(1)) {
    if (b.owingYears !== built[0].owingYears) throw new Error(`settled, ${b.years} years: ${b.owing} rooms owing ${b.owedYears} years, not the ${built[0].owing} rooms and ${built[0].owedYears} years of ${built[0].years} years`);
  }
  const argvOf = {
    report: ['report', '--half', HALF, '--json'],
    open: ['report', '--half', OPEN_HALF, '--json'],
    arrears: ['arrears', '--as-of', HALF_END, '--json'],
    status: ['status', '--json'],
  };
  const cases = [{ key: 'node', argv: () => [process.execPath, '-e', '0'] }];
  for (const b of [...built, ...settled.slice(1)]) {
    for (const k of AGE_COMMANDS) cases.push({ key: ageKey(b, k), argv: () => [process.execPath, BIN, '--db', b.db, ...argvOf[k]] });
  }
  cases.forEach((c) => timeOnce(c.argv(), ledgerEnv));
  const times = Object.fromEntries(cases.map((c) => [c.key, []]));
  const rounds = Math.max(5, Math.ceil(RUNS / 2));
  for (let i = 1; i <= rounds; i++) {
    for (const c of cases) times[c.key].push(timeOnce(c.argv(), ledgerEnv));
    log(`  ages round ${i}/${rounds}`);
  }
  const med = Object.fromEntries(cases.map((c) => [c.key, median(times[c.key])]));
  return { built, settled, rounds, med };
}

// ---------------------------------------------------------------------------------------
// 3. Import throughput and memory at three file sizes, alternating.

function imports(build) {
  const sizes = [
    { rows: 50000, file: path.join(DATA, 'installments-50000.csv') },
    { rows: build.plan.counts.collections, file: path.join(DATA, 'collections.csv') },
    { rows: 200000, file: path.join(DATA, 'installments-200000.csv') },
  ];
  const runs = Object.fromEntries(sizes.map((s) => [s.rows, []]));
  const db = path.join(WORK, 'import.db');
  for (let i = 1; i <= IMPORT_RUNS; i++) {
    for (const s of sizes) {
      for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
      fs.copyFileSync(build.files.base, db);
      const r = timeWithRss([process.execPath, BIN, '--db', db, '--by', build.plan.people.collector, 'import', 'collections', s.file, '--allow-duplicates'], ledgerEnv);
      // The floor, right after: the rows this import wrote, written again by plain prepared statements.
      r.floor = JSON.parse(execFileSync(process.execPath, [path.join(here, 'import-floor.cjs'), db, build.files.base, path.join(WORK, 'import-floor.db')], { encoding: 'utf8' })).ms;
      runs[s.rows].push(r);
      log(`  import ${s.rows} rows: ${fmt(r.ms)}, ${(s.rows / (r.ms / 1000)).toFixed(0)} rows/s, peak RSS ${mib(r.rssKiB)}; the SQL alone ${fmt(r.floor)}`);
    }
  }
  // The same file with --json: every record created is printed, streamed after the commit.
  fs.copyFileSync(build.files.base, db);
  const t = process.hrtime.bigint();
  const json = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, '--db', db, '--by', build.plan.people.collector, '--json', 'import', 'collections', sizes[2].file, '--allow-duplicates'], {
    env: ledgerEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 30,
  });
  const jsonRun = { ms: Number(process.hrtime.bigint() - t) / 1e6, rssKiB: Number(String(json.stderr).trim().split('\n').pop()), bytes: json.stdout.length };
  for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  return {
    sizes: sizes.map((s) => ({
      rows: s.rows,
      file: path.basename(s.file),
      size: sizeOf(s.file),
      ms: median(runs[s.rows].map((r) => r.ms)),
      floorMs: median(runs[s.rows].map((r) => r.floor)),
      rssKiB: median(runs[s.rows].map((r) => r.rssKiB)),
      rssMax: Math.max(...runs[s.rows].map((r) => r.rssKiB)),
    })),
    jsonRun,
  };
}

// ---------------------------------------------------------------------------------------
// 4. Start-up: what the bundle costs before a command runs.

/**
 * The shipped bundle against the build it replaced (every command file imported eagerly, not
 * minified, zod with all its translations), built here into bench/.work/eager/: `--help`
 * (which that build answers by loading every command, and the shipped one from the help lines in
 * the bundle, src/cli/main.ts LEDGER_HELP_LINES) and `collect` (one command), alternating.
 */
async function startup() {
  const bundle = path.join(root, 'dist/ledger.cjs');
  // Inside the project, so that the eager bundle finds schema/ above it as the shipped one does.
  const eagerDir = path.join(here, '.eager');
  fs.mkdirSync(eagerDir, { recursive: true });
  const commands = fs.readdirSync(path.join(root, 'src/cli/commands')).filter((f) => f.endsWith('.ts'));
  const entry = path.join(eagerDir, 'entry.ts');
  fs.writeFileSync(
    entry,
    `${commands.map((f) => `import ${JSON.stringify(path.join(root, 'src/cli/commands', f))};`).join('\n')}\nexport { main } from ${JSON.stringify(path.join(root, 'src/cli/main.ts'))};\n`,
  );
  const esbuild = require('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile: path.join(eagerDir, 'ledger.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['better-sqlite3'],
    nodePaths: [path.join(root, 'node_modules')],
    logLevel: 'warning',
  });
  const eagerBin = path.join(eagerDir, 'bin.js');
  fs.writeFileSync(eagerBin, "require('./ledger.cjs').main(process.argv.slice(2)).then((c) => { process.exitCode = c; });\n");
  fs.mkdirSync(path.join(eagerDir, 'node_modules'), { recursive: true });
  const link = path.join(eagerDir, 'node_modules', 'better-sqlite3');
  if (!fs.existsSync(link)) fs.symlinkSync(path.join(root, 'node_modules', 'better-sqlite3'), link, 'dir');

  const billed = path.join(WORK, 'startup.db');
  for (const f of [billed, `${billed}-wal`, `${billed}-shm`]) fs.rmSync(f, { force: true });
  fs.copyFileSync(path.join(WORK, 'base.db'), billed);
  const codes = fs.readFileSync(path.join(DATA, 'households.csv'), 'utf8').split('\n').slice(1, 200).map((l) => l.split(',')[0]);
  const collector = JSON.parse(fs.readFileSync(path.join(DATA, 'plan.json'), 'utf8')).people.collector;
  const variants = [
    ['shipped', BIN],
    ['eager', eagerBin],
  ];
  const cases = variants.flatMap(([name, bin]) => [
    { key: `${name} help`, argv: () => [process.execPath, bin, '--help'] },
    { key: `${name} collect`, argv: (i) => [process.execPath, bin, '--db', billed, '--by', collector, 'collect', codes[i % codes.length], '1', '--date', '2025-02-20'] },
  ]);
  const times = Object.fromEntries(cases.map((c) => [c.key, []]));
  const requireMs = { shipped: [], eager: [], cached: [] };
  const loader = path.join(root, 'bin/load-bundle.js');
  for (let i = 0; i < RUNS; i++) {
    for (const c of cases) times[c.key].push(timeOnce(c.argv(i), ledgerEnv));
    // As bin/ledger.js loads it: with the V8 code cache the build wrote (dist/ledger.cache).
    const cached = execFileSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(loader)}).loadBundle();process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`], {
      encoding: 'utf8',
      env: cleanEnv,
    });
    requireMs.cached.push(Number(cached));
    for (const [name, file] of [['shipped', bundle], ['eager', path.join(eagerDir, 'ledger.cjs')]]) {
      const out = execFileSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`], {
        encoding: 'utf8',
      });
      requireMs[name].push(Number(out));
    }
  }
  return {
    bundleSize: sizeOf(bundle),
    eagerSize: sizeOf(path.join(eagerDir, 'ledger.cjs')),
    requireMs: median(requireMs.shipped),
    cachedMs: median(requireMs.cached),
    eagerRequireMs: median(requireMs.eager),
    cases: Object.fromEntries(cases.map((c) => [c.key, median(times[c.key])])),
  };
}

// ---------------------------------------------------------------------------------------
// 5. Query plans: the SQL that report, arrears and collect actually run, captured in-process.

async function queryPlans(build) {
  const Database = require('better-sqlite3');
  const seen = new Map();
  const totals = new Map();
  let current = '';
  // Every statement timed as it runs (bench/statements.cjs).
  const stopWatching = watchStatements((sql, params, run) => {
    const key = `${current}\u0000${sql}`;
    if (!seen.has(key)) seen.set(key, { command: current, sql, params, calls: 0, ms: 0, select: /^\s*(SELECT|WITH)\b/i.test(sql) });
    const q = seen.get(key);
    q.calls += 1;
    const t = process.hrtime.bigint();
    const r = run();
    q.ms += Number(process.hrtime.bigint() - t) / 1e6;
    return r;
  });
  const { main } = require(path.join(root, 'dist/ledger.cjs'));
  const io = { stdout: () => {}, stderr: () => {}, stderrIsTty: false };
  const db = path.join(WORK, 'plans.db');
  const importDb = path.join(WORK, 'plans-import.db');
  fs.copyFileSync(build.files.locked, db);
  fs.copyFileSync(build.files.base, importDb);
  const env = { ...ledgerEnv };
  const collector = build.plan.people.collector;
  for (const [label, argv] of [
    ['arrears --as-of 2024-12-31', ['--db', db, 'arrears', '--as-of', '2024-12-31', '--json']],
    [`report --half ${HALF} --json`, ['--db', db, 'report', '--half', HALF, '--json']],
    ['collect', ['--db', db, '--by', collector, 'collect', firstCode(), '600', '--date', '2025-02-20', '--json']],
    [`import collections (${build.plan.counts.collections} rows)`, ['--db', importDb, '--by', collector, 'import', 'collections', path.join(DATA, 'collections.csv'), '--allow-duplicates']],
  ]) {
    current = label;
    const t = process.hrtime.bigint();
    const code = await main(argv, env, io, new Date(NOW));
    totals.set(label, Number(process.hrtime.bigint() - t) / 1e6);
    if (code !== 0) throw new Error(`in-process ${label} exited ${code}`);
  }
  stopWatching();
  const ro = new Database(db, { readonly: true });
  const all = [...seen.values()].filter((q) => !/sqlite_master|schema_migrations/.test(q.sql));
  const plans = all
    .filter((q) => q.select && !q.command.startsWith('import'))
    .map((q) => {
      let plan;
      try {
        plan = ro.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params).map((r) => r.detail);
      } catch (err) {
        plan = [`(could not explain: ${err.message})`];
      }
      return {
        ...q,
        plan,
        // Reading a table row by row (not just its last row), or an index that does not cover the query.
        scans: /ORDER BY seq DESC LIMIT 1\s*$/.test(q.sql) ? [] : plan.filter((p) => /^SCAN (entries|allocations)\b(?!.*COVERING INDEX)/.test(p)),
        // An aggregate over every entry up to a day: a whole covering index, or its range from the start.
        wholeIndex: plan.some((p) => /^(SCAN (entries|allocations) USING COVERING INDEX \S+$|SEARCH (entries|allocations) USING COVERING INDEX \S+ \((date<\?|household>\?)\)$)/.test(p)),
      };
    });
  ro.close();
  for (const f of [db, `${db}-wal`, `${db}-shm`, importDb, `${importDb}-wal`, `${importDb}-shm`]) fs.rmSync(f, { force: true });
  const timing = [...totals].map(([command, ms]) => {
    const qs = all.filter((q) => q.command === command).sort((a, b) => b.ms - a.ms);
    return { command, ms, sqlMs: qs.reduce((a, q) => a + q.ms, 0), top: qs.slice(0, 4).map((q) => ({ sql: q.sql.replace(/\s+/g, ' ').trim(), calls: q.calls, ms: q.ms })) };
  });
  return { plans, timing };
}

function firstCode() {
  return fs.readFileSync(path.join(DATA, 'households.csv'), 'utf8').split('\n')[1].split(',')[0];
}

// ---------------------------------------------------------------------------------------
// 6. The machine and the write-up.

function machine() {
  const cpu = os.cpus();
  const version = (cmd, argv) => {
    try {
      return execFileSync(cmd, argv, { encoding: 'utf8', env: peerEnv }).split('\n')[0].trim();
    } catch {
      return 'not found';
    }
  };
  const Database = require('better-sqlite3');
  const mem = new Database(':memory:');
  const sqlite = mem.prepare('SELECT sqlite_version() AS v').get().v;
  mem.close();
  return {
    cpu: `${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    ram: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    sqlite,
    hledger: version('hledger', ['--version']),
    ledger: version('ledger', ['--version']),
    load: fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'n/a',
  };
}

function write({ m, m2, build, cmp, check, age, imp, start, q }) {
  const c = Object.fromEntries(cmp.cases.map((x) => [x.key, x]));
  const rows = (r) => r.map((x) => `| ${x.join(' | ')} |`).join('\n');
  const vsHledger = c.hledger.median / c.report.median;
  const vsLedger = c.ledgercli.median / c.report.median;
  const x = (key) => c[key].median / c.node.median;
  const reportVsNode = x('report');
  const collectVsNode = x('collect');
  const ageRatio = (key) => age.med[key] / age.med.node;
  // The ages' table of the ledgers `list` (2, 5 and 10 years): each command's time and ratio on each, and the largest ÷ smallest ratio.
  const ageLabel = { report: `\`report --half ${HALF}\` (locked)`, open: `\`report --half ${OPEN_HALF}\` (open)`, arrears: `\`arrears --as-of ${HALF_END}\``, status: '`status`' };
  const ageTable = (list) => {
    const lines = AGE_COMMANDS.map((k) => {
      const ratios = list.map((b) => ageRatio(ageKey(b, k)));
      return { spread: Math.max(...ratios) / Math.min(...ratios), cells: [ageLabel[k], ...list.map((b, i) => `${fmt(age.med[ageKey(b, k)])} (${ratios[i].toFixed(2)}×)`)] };
    });
    const head = `| | ${list.map((b) => `${b.years} years (${b.entries.toLocaleString('en')} entries, ${b.size}; ${b.owing.toLocaleString('en')} rooms owing ${b.owedYears.toLocaleString('en')} years)`).join(' | ')} | largest ÷ smallest |\n| --- | ${list.map(() => '---:').join(' | ')} | ---: |`;
    return { text: `${head}\n${rows(lines.map((l) => [...l.cells, l.spread.toFixed(2)]))}`, spread: Math.max(...lines.map((l) => l.spread)) };
  };
  const habits = ageTable(age.built);
  const settled = ageTable(age.settled);
  const rate = (s) => s.rows / (s.ms / 1000);
  const minRate = Math.min(...imp.sizes.map(rate));
  const rss = imp.sizes.map((s) => s.rssKiB);
  const rssSpread = Math.max(...rss) - Math.min(...rss);
  const ok = (b) => (b ? 'met' : '**not met**');
  const t = Object.fromEntries(q.timing.map((x) => [x.command.split(' ')[0], x]));
  const imported = q.timing.find((x) => x.command.startsWith('import'));
  const insert = imported.top.find((x) => /^insert into "?entries"? /i.test(x.sql)) ?? { ms: 0 };
  const perRow = (ms) => `${((ms * 1000) / build.plan.counts.collections).toFixed(1)} µs`;
  const topLines = (x) => x.top.map((y) => `  - ${fmt(y.ms)}${y.calls > 1 ? ` (${y.calls}×)` : ''}: \`${y.sql.slice(0, 110)}${y.sql.length > 110 ? '…' : ''}\``).join('\n');
  const whole = q.plans.filter((p) => p.wholeIndex && p.command.startsWith('report'));
  const md = `# District benchmark

Written by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}. Times are wall-clock times of whole
processes, as a user sees them (start-up included): the **median of ${RUNS} alternating runs** (each round runs every
command once, in turn), on one machine in one run.

## Machine

| | |
| --- | --- |
| CPU | ${m.cpu} |
| RAM | ${m.ram} |
| OS | ${m.os} |
| Node | ${m.node} (better-sqlite3, SQLite ${m.sqlite}) |
| hledger | ${m.hledger} |
| ledger-cli | ${m.ledger} |
| load average | ${m.load} before the measurements, ${m2.load} after |

## The district ledger

bench/generate.mjs (seed ${build.plan.seed}, deterministic) writes a district of ${build.plan.households.toLocaleString('en')} households
(20 compounds of 500) over ${build.plan.years[0]}–${build.plan.years[1]}, fee 500 yuan then 600 from ${build.plan.years[0] + 5}: about 95% of
households pay each year (85% during the year, 7% the next spring, 3% also prepaying the next year in December), monthly
other income, and monthly expenses sized so that the fund never goes below zero on any day. It is entered through the
tool's own commands: \`household import\`, \`fee set\`, \`bill\` for each year, one \`import collections\` of the whole
CSV, then ${build.plan.counts.income} \`ledger income\` and ${build.plan.counts.expenses} \`ledger spend\` commands, one process each.

| kind | entries |
| --- | ---: |
${rows(build.counts.map((x) => [x.kind, x.n.toLocaleString('en')]))}

Ledger file ${build.files.dbSize}; exported hledger journal ${build.files.journalSize}; collections CSV ${build.files.csvSize}.

| building step | time |
| --- | ---: |
${rows(build.steps.map((s) => [s.name, fmt(s.ms)]))}

## Side by side: the half-year ${HALF}

| command | median | min | max |
| --- | ---: | ---: | ---: |
${rows(cmp.cases.map((x) => [`\`${x.label}\``, fmt(x.median), fmt(x.min), fmt(x.max)]))}

hledger and ledger-cli read the journal written by \`ledger export --format hledger\` (cash basis) with
\`-b ${HALF_FROM} -e ${HALF_END_EXCLUSIVE}\` (their end date is exclusive): the same half-year as \`--half ${HALF}\`. The figures
agree: our report's income ${check.report.income} fen and expenses ${check.report.expense} fen; hledger's income
${check.hledger.income} fen and expenses ${check.hledger.expense} fen (${check.report.income === check.hledger.income && check.report.expense === check.hledger.expense ? 'equal' : '**they differ**'}).
\`collect\` runs on a copy of the district ledger, one new receipt per run; \`--help\` is start-up alone.

The locked report is the same JSON as the never-locked one but for the head: ${check.sameLocked ? 'yes' : '**no**'}.

| target (issue 15) | measured | |
| --- | --- | --- |
| \`report --half\` on a locked half-year ≤ 2.0× \`node -e 0\` | ${x('report').toFixed(2)}× (its statements by a plain better-sqlite3 script, bench/report-floor.cjs: ${x('reportFloor').toFixed(2)}×) | ${ok(x('report') <= 2.0)} |
| \`report --half\` on an open half-year ≤ 2.3× | ${x('reportOpen').toFixed(2)}× | ${ok(x('reportOpen') <= 2.3)} |
| \`arrears\` ≤ 2.0× | ${x('arrears').toFixed(2)}× | ${ok(x('arrears') <= 2.0)} |
| \`status\` ≤ 2.0× | ${x('status').toFixed(2)}× | ${ok(x('status') <= 2.0)} |
| \`collect\` ≤ 1.8× | ${collectVsNode.toFixed(2)}× (node with one scrypt of the signing key's cost alone: ${x('scrypt').toFixed(2)}×) | ${ok(collectVsNode <= 1.8)} |
| \`--help\` ≤ 1.4× | ${x('help').toFixed(2)}× | ${ok(x('help') <= 1.4)} |
| report ≥ 25× faster than \`hledger bal\` | ${vsHledger.toFixed(1)}× | ${ok(vsHledger >= 25)} |
| report ≥ 5× faster than \`ledger bal\` | ${vsLedger.toFixed(1)}× | ${ok(vsLedger >= 5)} |
| import ≥ 40,000 rows/s at 93k and 200k rows | ${imp.sizes.filter((z) => z.rows !== 50000).map((z) => `${rate(z).toFixed(0)}`).join(' / ')} rows/s (the SQL alone, side by side: ${imp.sizes.filter((z) => z.rows !== 50000).map((z) => `${(z.rows / (z.floorMs / 1000)).toFixed(0)}`).join(' / ')} rows/s) | ${ok(imp.sizes.filter((z) => z.rows !== 50000).every((z) => rate(z) >= 40000))} |
| import memory flat in the file's size | peak RSS ${imp.sizes.map((s) => mib(s.rssKiB)).join(' / ')} for ${imp.sizes.map((s) => `${(s.rows / 1000).toFixed(0)}k`).join(' / ')} rows | ${ok(rssSpread < 16 * 1024)} |
| the same ratio at 2, 5 and 10 years, the same rooms owing (only the history grows) | largest ÷ smallest ratio ${settled.spread.toFixed(2)} (below) | ${ok(settled.spread <= 1.15)} |
| the same ratio at 2, 5 and 10 years as the payment habits leave the district (rooms owing ${age.built.map((b) => b.owing.toLocaleString('en')).join(' → ')}) | largest ÷ smallest ratio ${habits.spread.toFixed(2)} (below) | ${ok(habits.spread <= 1.15)} |

## Independent of the ledger's age

The same district (${HOUSEHOLDS.toLocaleString('en')} households, bench/generate.mjs, same seed) over the last 2, 5 and 10 years, fees only
(\`household import\`, \`bill\` each year, one \`import collections\`), each locked through ${HALF_END}; medians of ${age.rounds}
alternating rounds of all the commands below (with \`node -e 0\`, ${fmt(age.med.node)}, as the base of the ratios).

**Settled: only the history grows.** Every household paid each year before ${SETTLED_FROM} in full within the year, and from
${SETTLED_FROM} on the payments follow the habits exactly as in the 2-year district (bench/generate.mjs \`settledBefore\`): the
same rooms owe the same years on ${HALF_END}, over 2, 5 or 10 years of entries. What the commands print is the same; how
long they take shows what the history alone costs.

${settled.text}

**As the payment habits leave the district.** The same habits over more years leave more rooms owing something, for more
years (5% of households skip a year's fee): every one of them is a line of the disclosure and of \`arrears\`, so what the
commands print grows with the age, and their time with it.

${habits.text}

## What limits the figures

Measured in-process on copies of the district ledger (bench/run.mjs \`queryPlans\`: every SQLite statement timed; the
first command also pays the lazy loading of its modules):

- **report** (${fmt(t.report.ms)} in-process, of which SQL ${fmt(t.report.sqlMs)}; its JSON is ${(check.reportBytes / 1024).toFixed(0)} KiB,
  most of it the ${check.report.arrears.households.toLocaleString('en')} rooms in arrears). The process adds \`node -e 0\` (${fmt(c.node.median)}) and
  loading the bundle (${fmt(start.cachedMs)} with its code cache). Slowest statements:
${topLines(t.report)}
  The half-year itself is read through entries_kind_date / entries_cash (SEARCH, the period's rows only). The answers
  that once took the whole history, the fund before the period and every household's charges and payments at its end,
  start from the totals \`lock\` stored for the last closed day (db/period-totals-repo.ts: one row per household) plus
  the entries after it${whole.length ? `; still over the history: ${whole.map((p) => `${fmt(p.ms)} in \`${p.sql.replace(/\s+/g, ' ').trim().slice(0, 60)}…\``).join('; ')}` : ''}.
  What remains is start-up (node, then the bundle), the owing rooms (their stored totals with the years each still
  owed, which \`lock\` kept beside them, schema/0012; \`arrears\` also takes each unit's owner of record from there, reading
  the register only for the units with an entry recorded after the lock or a transfer dated after its day), the units
  living here in the year (counted from the register's size and the stays of the units with a move-in day or an end),
  and building and printing the JSON. The same statements run by a plain better-sqlite3 script that makes the owing
  rooms and prints the JSON (bench/report-floor.cjs) take ${fmt(c.reportFloor.median)} as a process in the same rounds
  (${x('reportFloor').toFixed(2)}× \`node -e 0\`), against ${fmt(c.report.median)} for the report: the tool adds ${fmt(c.report.median - c.reportFloor.median)} (its bundle,
  the option checks, kysely, its own objects) to the floor under the statements it needs.
- **collect** (${fmt(t.collect.ms)} in-process, SQL ${fmt(t.collect.sqlMs)}): start-up, then the collector's key. The key is
  opened with scrypt at N = 2^15, r = 2 (the cost the signing issue set), on the thread pool. As a process, with the
  passphrase in \`$LEDGER_PASSPHRASE\`, the derivation starts before the CLI is loaded (bin/ledger.js runs
  src/cli/early-key.ts first: the key's salt read from the ledger, scrypt started, about 12 ms after node is up) and runs
  while the bundle loads and the command works; in process (these figures) it starts when the ledger is open. Node with
  that one scrypt alone, in the same rounds: ${fmt(c.scrypt.median)}
  (${x('scrypt').toFixed(2)}× \`node -e 0\`, ${fmt(c.scrypt.median - c.node.median)} more), against ${fmt(c.collect.median)} for \`collect\`.
- **spend** (${fmt(c.spend.median)}, ${x('spend').toFixed(2)}× \`node -e 0\`): as \`collect\`, with a second signature, the
  approver's; with \`$LEDGER_APPROVER_PASSPHRASE\` set, that key is set deriving before the CLI loads too, and the two
  scrypts run on the thread pool at once. The operator and approver are checked against the committee alone (who holds
  which role), not the register of units.
- **import** (${fmt(imported.ms)} in-process for ${build.plan.counts.collections.toLocaleString('en')} rows, SQL ${fmt(imported.sqlMs)}): the INSERT into
  \`entries\` takes ${fmt(insert.ms)} (${perRow(insert.ms)} a row), one prepared statement naming only a collection's columns
  (db/journal.ts \`bulkAppender\`). Each collection is a row of the table and of its indexes: \`number\` UNIQUE,
  entries_kind_date, entries_cash, entries_household_money, entries_one_charge_per_year and the other partial ones
  (their filters), plus its allocation rows, 32 to an INSERT; the \`hash\` is no longer a UNIQUE key (0007: the chain
  proves it) and the unused entries_register is gone (0008). Slowest statements:
${topLines(imported)}
  The rest is reading and checking each row (the field checks the zod schemas are made of, called directly), staging,
  allocating and hashing. The same rows written by plain prepared statements take ${fmt(imp.sizes.find((z) => z.rows === build.plan.counts.collections).floorMs)}
  from BEGIN to COMMIT (bench/import-floor.cjs, below).
- **hledger and ledger-cli** parse the whole ${build.files.journalSize} journal on every run, whatever the period.

## Import throughput and memory

\`ledger import collections FILE\` into a copy of the billed ledger (${build.plan.households.toLocaleString('en')} households, ten years of
charges), whole process timed, median of ${IMPORT_RUNS} alternating runs; peak RSS from GNU time.

| rows | file | time | rows/s | peak RSS (median / max) | the SQL alone (bench/import-floor.cjs) | import ÷ SQL alone |
| ---: | --- | ---: | ---: | ---: | ---: | ---: |
${rows(imp.sizes.map((s) => [s.rows.toLocaleString('en'), `${s.file} (${s.size})`, fmt(s.ms), rate(s).toFixed(0), `${mib(s.rssKiB)} / ${mib(s.rssMax)}`, `${fmt(s.floorMs)} (${(s.rows / (s.floorMs / 1000)).toFixed(0)} rows/s)`, (s.ms / s.floorMs).toFixed(2)]))}

**The SQL alone** is the floor under an import on this machine, measured right after each import in the same rounds
(bench/import-floor.cjs): the very rows the import wrote (its collections and their allocations, every column, the
hashes included) written again into a fresh copy of the billed ledger by plain better-sqlite3 prepared statements in
one transaction, with the ledger's pragmas (WAL, synchronous FULL, foreign keys, the import's 32 MiB cache), timed
from BEGIN to COMMIT: no node start-up, no reading, no checks, no hashing, no signing. What the import adds on top is
those, plus staging the file in date order.

With \`--json\` (every collection created, printed after the commit) the 200k-row import took ${fmt(imp.jsonRun.ms)}, peak RSS
${mib(imp.jsonRun.rssKiB)}, for ${(imp.jsonRun.bytes / 1024 / 1024).toFixed(0)} MiB of output.

How it stays flat: the CSV is streamed 128 KiB at a time (src/import/csv.ts \`csvSource\`) and each good row goes into a
TEMP staging table (this connection only, in a temporary file with a 2 MiB cache; db/sqlite/import-staging.ts); only
bad rows are kept, and if any row is bad the import stops with every \`FILE:LINE\` and nothing written. The journal is
then written from the staging table in date order (receipts numbered by date, the file's order within a day), 1,024
rows per read, in the same single transaction; each household's charges and payments are read once, when it first
appears. The ledger's page cache is
32 MiB during an import (a fixed ceiling, full well before 50k rows), and memory-mapped reads are off so that pages read
do not count as the import's memory. With \`--json\`, each record is kept in a second TEMP table and printed after the
commit, 64 KiB at a time, waiting for stdout to drain; without it, only counts and the first and last receipt are kept.
What the rows leave behind on the JS heap is collected as the import goes (src/cli/heap.ts, from its progress): a full
collection whenever V8's old generation has grown past twice what was alive after the last one, a few in a 200k-row
import, where V8 alone ran one in the whole import and let the heap grow with the file.
A progress line (\`read N rows\`, \`written N/M\`; for \`export --out\`, \`exported N transactions\`) goes to stderr
when stderr is a terminal.

## Start-up

The CLI is one esbuild bundle (dist/ledger.cjs, ${start.bundleSize}, with better-sqlite3's JavaScript; its addon stays in node_modules; scripts/build.mjs): each command's
file is loaded only when that command runs (\`COMMANDS\` in src/cli/main.ts; esbuild makes those \`import()\`s lazily
initialised modules), zod's translations of its own messages are left out, whitespace and syntax are minified (names
kept, source map beside it); pg and exceljs (with its zip and stream helpers) are bundled apart in dist/vendor/ and
loaded on first use; bin/load-bundle.js loads the bundle with a V8 code cache the build writes: the command's own for
report, arrears, status and collect (dist/cache/, each made from runs of that command on a small ledger the build
makes), else the general one (dist/ledger.cache, made from runs of \`help init\`, which registers every command, and
\`--help\`); \`ledger --help\` itself loads no command file, listing the commands from the lines the build took from
them (LEDGER_HELP_LINES in src/cli/main.ts); V8 ignores a cache that does not fit the node
binary, and the bundle is then compiled as before. Against the build it replaced (every command imported eagerly, not minified, all of zod;
${start.eagerSize}), built again in this run:

| | shipped | previous build |
| --- | ---: | ---: |
| loading the bundle with its code cache, as \`bin/ledger.js\` does | ${fmt(start.cachedMs)} | |
| \`require\` of the bundle (no code cache) | ${fmt(start.requireMs)} | ${fmt(start.eagerRequireMs)} |
| \`ledger --help\` (the previous build loads every command; the shipped one none) | ${fmt(start.cases['shipped help'])} | ${fmt(start.cases['eager help'])} |
| \`ledger collect\` on the billed ledger | ${fmt(start.cases['shipped collect'])} | ${fmt(start.cases['eager collect'])} |

\`node -e 0\`: ${fmt(c.node.median)}. What remains is reading the bundle and its cache, and initialising better-sqlite3, zod,
kysely and commander, which every command needs (flags are validated with zod, every query is built by kysely). A V8
start-up snapshot (\`node --snapshot-blob\`, the bundle run at build time with better-sqlite3's addon loaded only after
the snapshot is taken) was tried: it needs node started with the flag, i.e. a shell launcher in place of
\`bin/ledger.js\`, and it measured no faster (\`--help\` 88 ms against 81 ms, the locked report 163 ms against 160 ms,
collect 113 ms against 117 ms: the 7 MB snapshot takes as long to deserialise as the bundle with its code cache to
load); not done.

## Query plans

The SELECTs that \`arrears\`, \`report\` and \`collect\` ran on the district ledger, captured in-process, with SQLite's
\`EXPLAIN QUERY PLAN\`. ${q.plans.some((p) => p.scans.length) ? '**Some read a table row by row, see below.**' : 'None reads the entries or allocations table row by row: every access is a SEARCH on an index for the rows it needs or, for the whole-history aggregates, a covering index read from its start (`date<?`, `household>?`) without touching the table.'}

${q.plans
  .map(
    (p) => `### ${p.command}${p.calls > 1 ? ` (run ${p.calls}×)` : ''}, ${fmt(p.ms)}

\`\`\`sql
${p.sql.trim().replace(/\n\s*\n/g, '\n').replace(/\((\?, ){20,}\?\)/g, '(?, ?, …)')}
\`\`\`
\`\`\`
${p.plan.join('\n')}
\`\`\``,
  )
  .join('\n\n')}
`;
  fs.writeFileSync(OUT, md);
}

// ---------------------------------------------------------------------------------------

const m = machine();
log(`machine: ${m.cpu}, load ${m.load}`);
const build = buildLedgers();
log('side by side ...');
const cmp = compare(build);
const check = crossCheck(build);
log('ages ...');
const age = ages();
log('imports ...');
const imp = imports(build);
log('start-up ...');
const start = await startup();
log('query plans ...');
const q = await queryPlans(build);
const m2 = machine();
write({ m, m2, build, cmp, check, age, imp, start, q });
log(`wrote ${path.relative(process.cwd(), OUT)}`);
// The big-CSV cases of issue 13 (bench/csv.mjs, ~6 min on 2 cores; also runnable alone) add their section to the same file.
if (!args.includes('--no-csv')) execFileSync(process.execPath, [path.join(here, 'csv.mjs'), '--out', OUT], { stdio: ['ignore', 'ignore', 'inherit'] });
// The district on PostgreSQL (bench/postgres.mjs, ~13 min on 2 cores; also runnable alone, writing bench/postgres.md):
// its section is appended to the same file.
if (!args.includes('--no-postgres')) {
  const { postgresBench } = await import('./postgres.mjs');
  const pgSection = await postgresBench({ log });
  fs.appendFileSync(OUT, `\n${pgSection.trimEnd()}\n`);
  log(`appended the PostgreSQL section to ${path.relative(process.cwd(), OUT)}`);
}
