#!/usr/bin/env node
// The district benchmark (`npm run bench`, after a build): builds a ledger of 10,000
// households over ten years through the tool's own commands, exports it as an hledger
// journal, and measures, side by side on the same machine and in alternating runs:
//
//   - `ledger report --half <last>H2 --json` against `hledger bal` and `ledger bal` over the
//     same half-year on the exported journal, and against bare `node -e 0`;
//   - a single `ledger collect` on the big ledger (start-up plus one transaction);
//   - `ledger --help` (start-up alone);
//   - `ledger import collections`: rows per second and peak memory (RSS) at three file sizes.
//
// It writes bench/results.md: the machine, the figures (medians), the ratios against the
// targets, and the query plans the report, the arrears and a collection rely on.
//
//   node bench/run.mjs [--runs 15] [--import-runs 3] [--households 10000] [--reuse] [--out FILE]
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
const BIN = path.join(root, 'bin/ledger.js');
const WORK = path.join(here, '.work');
const DATA = path.join(WORK, 'data');

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
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

/** The environment of every `ledger` run: fixed clock and zone, English, no stray LEDGER_* of the caller. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LEDGER_') && k !== 'LANG'));
const ledgerEnv = { ...cleanEnv, TZ: 'Asia/Shanghai', LANG: 'C', LEDGER_NOW: NOW };
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
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
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
    timeWithRss([process.execPath, BIN, '--db', big, '--by', collector, 'import', 'collections', path.join(DATA, 'collections.csv')], ledgerEnv),
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
  step('export --format hledger', () => ledger(big, ['export', '--format', 'hledger', '--out', journal]));
  step('export --format beancount', () => ledger(big, ['export', '--format', 'beancount', '--out', path.join(WORK, 'district.beancount')]));

  const counts = new (require('better-sqlite3'))(big, { readonly: true })
    .prepare('SELECT kind, COUNT(*) AS n FROM entries GROUP BY kind ORDER BY kind')
    .all();
  const build = {
    plan,
    steps,
    counts,
    importRun,
    files: { base, big, journal, dbSize: sizeOf(big), journalSize: sizeOf(journal), csvSize: sizeOf(path.join(DATA, 'collections.csv')) },
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
  const collectDb = path.join(WORK, 'collect.db');
  fs.copyFileSync(big, collectDb);
  const codes = fs
    .readFileSync(path.join(DATA, 'households.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(',')[0]);
  const hledger = ['hledger', '-f', journal, 'bal', '-b', HALF_FROM, '-e', HALF_END_EXCLUSIVE];
  const ledgerCli = ['ledger', '-f', journal, 'bal', '-b', HALF_FROM, '-e', HALF_END_EXCLUSIVE];
  const cases = [
    { key: 'node', label: 'node -e 0', argv: () => [process.execPath, '-e', '0'], env: ledgerEnv },
    { key: 'help', label: 'ledger --help', argv: () => [process.execPath, BIN, '--help'], env: ledgerEnv },
    { key: 'report', label: `ledger report --half ${HALF} --json`, argv: () => [process.execPath, BIN, '--db', big, 'report', '--half', HALF, '--json'], env: ledgerEnv },
    {
      key: 'collect',
      label: 'ledger collect CODE 500 --json',
      argv: (i) => [process.execPath, BIN, '--db', collectDb, '--by', build.plan.people.collector, 'collect', codes[(i * 37) % codes.length], '500', '--date', '2025-02-20', '--json'],
      env: ledgerEnv,
    },
    { key: 'arrears', label: 'ledger arrears --as-of 2024-12-31 --json', argv: () => [process.execPath, BIN, '--db', big, 'arrears', '--as-of', '2024-12-31', '--json'], env: ledgerEnv },
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
  return {
    report: { income: report.income_total_fen, expense: report.expense_total_fen, opening: report.opening_balance_fen, closing: report.closing_balance_fen, arrears: report.arrears },
    hledger: { income: -(fen('income') ?? 0), expense: fen('expenses') },
  };
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
      const r = timeWithRss([process.execPath, BIN, '--db', db, '--by', build.plan.people.collector, 'import', 'collections', s.file], ledgerEnv);
      runs[s.rows].push(r);
      log(`  import ${s.rows} rows: ${fmt(r.ms)}, ${(s.rows / (r.ms / 1000)).toFixed(0)} rows/s, peak RSS ${mib(r.rssKiB)}`);
    }
  }
  // The same file with --json: every record created is printed, streamed after the commit.
  fs.copyFileSync(build.files.base, db);
  const t = process.hrtime.bigint();
  const json = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, BIN, '--db', db, '--by', build.plan.people.collector, '--json', 'import', 'collections', sizes[2].file], {
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
      rssKiB: median(runs[s.rows].map((r) => r.rssKiB)),
      rssMax: Math.max(...runs[s.rows].map((r) => r.rssKiB)),
    })),
    jsonRun,
  };
}

// ---------------------------------------------------------------------------------------
// 4. Start-up: what the bundle costs before a command runs.

function startup() {
  const bundle = path.join(root, 'dist/ledger.cjs');
  const requireMs = [];
  for (let i = 0; i < RUNS; i++) {
    const out = execFileSync(process.execPath, ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(bundle)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`], { encoding: 'utf8' });
    requireMs.push(Number(out));
  }
  const chunks = fs.existsSync(path.join(root, 'dist')) ? fs.readdirSync(path.join(root, 'dist')).filter((f) => /\.c?js$/.test(f)) : [];
  return { requireMs: median(requireMs), bundleSize: sizeOf(bundle), files: chunks.length };
}

// ---------------------------------------------------------------------------------------
// 5. Query plans: the SQL that report, arrears and collect actually run, captured in-process.

async function queryPlans(build) {
  const Database = require('better-sqlite3');
  const seen = new Map();
  let current = '';
  const prepare = Database.prototype.prepare;
  Database.prototype.prepare = function (sql, ...rest) {
    const stmt = prepare.call(this, sql, ...rest);
    if (!/^\s*(SELECT|WITH)\b/i.test(sql)) return stmt;
    for (const m of ['all', 'get', 'iterate']) {
      const f = stmt[m];
      stmt[m] = function (...params) {
        const key = `${current}\u0000${sql}`;
        if (!seen.has(key)) seen.set(key, { command: current, sql, params, calls: 0 });
        seen.get(key).calls += 1;
        return f.apply(this, params);
      };
    }
    return stmt;
  };
  const { main } = require(path.join(root, 'dist/ledger.cjs'));
  const io = { stdout: () => {}, stderr: () => {}, stderrIsTty: false };
  const db = path.join(WORK, 'plans.db');
  fs.copyFileSync(build.files.big, db);
  const env = { ...ledgerEnv };
  for (const [label, argv] of [
    [`report --half ${HALF} --json`, ['--db', db, 'report', '--half', HALF, '--json']],
    ['arrears --as-of 2024-12-31', ['--db', db, 'arrears', '--as-of', '2024-12-31', '--json']],
    ['collect', ['--db', db, '--by', build.plan.people.collector, 'collect', firstCode(), '600', '--date', '2025-02-20', '--json']],
  ]) {
    current = label;
    const code = await main(argv, env, io, new Date(NOW));
    if (code !== 0) throw new Error(`in-process ${label} exited ${code}`);
  }
  Database.prototype.prepare = prepare;
  const ro = new Database(db, { readonly: true });
  const plans = [...seen.values()]
    .filter((q) => !/sqlite_master|schema_migrations/.test(q.sql))
    .map((q) => {
      let plan;
      try {
        plan = ro.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params).map((r) => r.detail);
      } catch (err) {
        plan = [`(could not explain: ${err.message})`];
      }
      return { ...q, plan, scans: plan.filter((p) => /^SCAN (entries|allocations)\b(?!.*COVERING INDEX)/.test(p)) };
    });
  ro.close();
  for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
  return plans;
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

function write({ m, m2, build, cmp, check, imp, start, plans }) {
  const c = Object.fromEntries(cmp.cases.map((x) => [x.key, x]));
  const ratio = (a, b) => a / b;
  const rows = (r) => r.map((x) => `| ${x.join(' | ')} |`).join('\n');
  const vsHledger = ratio(c.hledger.median, c.report.median);
  const vsLedger = ratio(c.ledgercli.median, c.report.median);
  const reportVsNode = ratio(c.report.median, c.node.median);
  const collectVsNode = ratio(c.collect.median, c.node.median);
  const big = imp.sizes.find((s) => s.rows === build.plan.counts.collections);
  const rate = (s) => s.rows / (s.ms / 1000);
  const minRate = Math.min(...imp.sizes.map(rate));
  const rssSpread = Math.max(...imp.sizes.map((s) => s.rssKiB)) - Math.min(...imp.sizes.map((s) => s.rssKiB));
  const ok = (b) => (b ? 'met' : '**not met**');
  const md = `# District benchmark

Generated by \`npm run bench\` (bench/run.mjs) on ${new Date().toISOString().slice(0, 10)}. Every figure is the **median of
${RUNS} alternating runs** (each round runs every command once, in turn), wall-clock time of the whole process as a user
would see it (start-up included), measured on the same machine in the same run.

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

Built by bench/generate.mjs (seed ${build.plan.seed}, deterministic) and entered through the tool's own commands:
${build.plan.households} households (20 compounds of 500), ${build.plan.years[0]}–${build.plan.years[1]}, fee 500 then 600 yuan;
about 95% of households pay each year (most during the year, 7% the next spring, 3% prepaying the next year in December),
monthly other income and monthly expenses (entered one by one with \`ledger income\` and \`ledger spend\`, the fund never below zero).

| kind | entries |
| --- | ---: |
${rows(build.counts.map((x) => [x.kind, x.n.toLocaleString('en')]))}

Ledger file ${build.files.dbSize}; exported hledger journal ${build.files.journalSize}; collections CSV ${build.files.csvSize}.

| building step | time |
| --- | ---: |
${rows(build.steps.map((s) => [s.name, fmt(s.ms)]))}

(\`spend\` and \`income\` are one process each: ${fmt(build.spendPerCommandMs)} per \`spend\` on the growing ledger.)

## Side by side (${HALF}, the last completed half-year)

| command | median | min | max |
| --- | ---: | ---: | ---: |
${rows(cmp.cases.map((x) => [`\`${x.label}\``, fmt(x.median), fmt(x.min), fmt(x.max)]))}

hledger and ledger-cli read the journal exported by \`ledger export --format hledger\` (cash basis), with \`-b ${HALF_FROM} -e ${HALF_END_EXCLUSIVE}\`
(their end date is exclusive): the same half-year as \`--half ${HALF}\`. Cross-check of that half-year: our report's income
${check.report.income} fen and expenses ${check.report.expense} fen; hledger's income ${check.hledger.income} fen and expenses
${check.hledger.expense} fen (${check.report.income === check.hledger.income && check.report.expense === check.hledger.expense ? 'equal' : '**they differ**'}).

| target | measured | |
| --- | --- | --- |
| report ≥ 20× faster than \`hledger bal\` | ${vsHledger.toFixed(1)}× | ${ok(vsHledger >= 20)} |
| report ≥ 3× faster than \`ledger bal\` | ${vsLedger.toFixed(1)}× | ${ok(vsLedger >= 3)} |
| report within 3× of \`node -e 0\` | ${reportVsNode.toFixed(2)}× | ${ok(reportVsNode <= 3)} |
| one collect within 3× of \`node -e 0\` | ${collectVsNode.toFixed(2)}× | ${ok(collectVsNode <= 3)} |
| import ≥ 50,000 rows/s | ${minRate.toFixed(0)} rows/s (slowest size) | ${ok(minRate >= 50000)} |
| import memory flat in the file's size | peak RSS ${imp.sizes.map((s) => mib(s.rssKiB)).join(' / ')} for ${imp.sizes.map((s) => `${(s.rows / 1000).toFixed(0)}k`).join(' / ')} rows | ${ok(rssSpread < 16 * 1024)} |

## Import throughput and memory

\`ledger import collections FILE\` into a copy of the billed ledger (10,000 households, ten years of charges), whole
process timed, median of ${IMPORT_RUNS} alternating runs; peak RSS from GNU time.

| rows | file | time | rows/s | peak RSS (median / max) |
| ---: | --- | ---: | ---: | ---: |
${rows(imp.sizes.map((s) => [s.rows.toLocaleString('en'), `${s.file} (${s.size})`, fmt(s.ms), rate(s).toFixed(0), `${mib(s.rssKiB)} / ${mib(s.rssMax)}`]))}

With \`--json\` (every collection created printed, streamed after the commit) the 200k-row import took ${fmt(imp.jsonRun.ms)}
with a peak RSS of ${mib(imp.jsonRun.rssKiB)} for ${(imp.jsonRun.bytes / 1024 / 1024).toFixed(0)} MiB of output.

## Start-up

The CLI ships as one esbuild bundle (dist/ledger.cjs, ${start.bundleSize}; better-sqlite3 left external). \`require\` of the bundle
takes ${fmt(start.requireMs)} (median); \`node -e 0\` ${fmt(c.node.median)}; \`ledger --help\` ${fmt(c.help.median)}.

## Query plans

The SELECTs that \`report\`, \`arrears\` and \`collect\` ran on the district ledger, captured in-process, with SQLite's
\`EXPLAIN QUERY PLAN\`. ${plans.some((p) => p.scans.length) ? '**Some read a table or index in full, see below.**' : 'None reads the entries or allocations table in full: every access is a SEARCH on an index, or a SCAN of a covering index.'}

${plans
  .map(
    (p) => `### ${p.command}${p.calls > 1 ? ` (run ${p.calls}×)` : ''}

\`\`\`sql
${p.sql.trim().replace(/\n\s*\n/g, '\n')}
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
log('imports ...');
const imp = imports(build);
log('start-up ...');
const start = startup();
log('query plans ...');
const plans = await queryPlans(build);
const m2 = machine();
write({ m, m2, build, cmp, check, imp, start, plans });
log(`wrote ${path.relative(process.cwd(), OUT)}`);
