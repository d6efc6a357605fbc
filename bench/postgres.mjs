#!/usr/bin/env node
// The district on PostgreSQL (`npm run build && node bench/postgres.mjs`; bench/run.mjs calls
// `postgresBench()` at its end and appends the section to bench/results.md). In one run, on a
// throwaway cluster (scripts/pg-cluster.mjs), whole `ledger` processes, side by side:
//
//   1. a district of 50 compounds x 500 households x 5 years (2020-2024) in ONE database, built
//      through the CLI (init, roles, household import, bill per year, one import collections per
//      compound, a few income and spend commands): the time of each step;
//   2. `report --half 2024H2 --json` of one compound on PostgreSQL beside the same compound copied
//      to a SQLite file (`copy --to FILE`), `node -e 0`, and `district report` on both (50
//      compounds against 1): medians of alternating rounds, absolute and per compound;
//   3. 4 processes x 50 `collect` at once into one compound (beside 1 process x 50): wall time,
//      collections per second, and whether the receipts are distinct and gapless (verify);
//   4. `import collections` of 93,110 rows (10,000 households, 2015-2024) into a billed compound
//      on PostgreSQL beside the same import into SQLite: time and rows per second.
//
// It writes bench/postgres.md and returns the same markdown. The data come from
// bench/generate.mjs (seed 1). The CLI is copied into a temporary folder first, so that a rebuild
// during the run cannot change what is measured. The cluster is stopped at the end, also on error.
//
//   node bench/postgres.mjs [--rounds 9] [--collect-rounds 5] [--import-rounds 7] [--compounds 50]
//                           [--out bench/postgres.md] [--keep]
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCluster } from '../scripts/pg-cluster.mjs';
import { generate } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const require = createRequire(import.meta.url);

// The fixed clock: the last completed half-year is 2024H2, as in bench/run.mjs.
const NOW = '2025-03-01T10:00:00+08:00';
const TODAY = NOW.slice(0, 10);
const HALF = '2024H2';
const HALF_END = '2024-12-31';
const PASSPHRASE = 'district-bench-2025';
const PER_COMPOUND = 500; // bench/generate.mjs puts 500 households in each compound
const WRITERS = 4;
const PER_WRITER = 50;

const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LEDGER_') && k !== 'LANG' && k !== 'LC_ALL'));
const ENV_SHOWN = { TZ: 'Asia/Shanghai', LANG: 'en_US.UTF-8', LEDGER_NOW: NOW, LEDGER_PASSPHRASE: PASSPHRASE, LEDGER_APPROVER_PASSPHRASE: PASSPHRASE, LEDGER_NEW_PASSPHRASE: PASSPHRASE };
const ledgerEnv = { ...cleanEnv, ...ENV_SHOWN };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (!n) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`);
const num = (n) => Math.round(n).toLocaleString('en');
const rows = (r) => r.map((x) => `| ${x.join(' | ')} |`).join('\n');
const elapsedMs = (t) => Number(process.hrtime.bigint() - t) / 1e6;
const q = (s) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${String(s).replace(/'/g, `'\\''`)}'`);

/** A command line a person can paste to see a failure again (the environment it ran with, the repo's CLI). */
function repro(argv) {
  const env = Object.entries(ENV_SHOWN).map(([k, v]) => `${k}=${q(v)}`).join(' ');
  return `${env} node bin/ledger.js ${argv.map(q).join(' ')}`;
}

class LedgerFailure extends Error {
  constructor(argv, r) {
    super(`ledger exited ${r.status ?? r.signal}:\n  ${repro(argv)}\nstderr:\n${String(r.stderr).trimEnd()}`);
    this.argv = argv;
    this.stderr = String(r.stderr);
    this.status = r.status;
  }
}

/** The CLI copied into `dir` (bin, dist, schema; node_modules linked), so a rebuild by someone else does not change the run. */
function snapshotCli(dir) {
  if (!fs.existsSync(path.join(root, 'dist/ledger.cjs'))) throw new Error('dist/ledger.cjs is missing: run `npm run build` first');
  const cli = path.join(dir, 'cli');
  for (const d of ['bin', 'dist', 'schema']) fs.cpSync(path.join(root, d), path.join(cli, d), { recursive: true });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(cli, 'node_modules'));
  return { bin: path.join(cli, 'bin/ledger.js'), built: fs.statSync(path.join(root, 'dist/ledger.cjs')).mtime.toISOString().replace(/\.\d+Z$/, 'Z') };
}

/** Splits a generated CSV (first column or second column a household code `COMPOUND-b-u-fr`) by compound. */
function splitByCompound(file, column) {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trimEnd().split('\n');
  const by = new Map();
  for (const line of lines) {
    const code = line.split(',')[column];
    const compound = code.slice(0, code.indexOf('-'));
    if (!by.has(compound)) by.set(compound, []);
    by.get(compound).push(line);
  }
  return { header, by };
}

export async function postgresBench({
  rounds = 9,
  collectRounds = 5,
  importRounds = 7,
  compounds: compoundCount = 50,
  out = path.join(here, 'postgres.md'),
  keep = false,
  log = (s) => process.stderr.write(`${s}\n`),
} = {}) {
  const started = process.hrtime.bigint();
  const say = (s) => log(`[${(elapsedMs(started) / 1000).toFixed(0).padStart(4)} s] ${s}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-pgbench-'));
  const cli = snapshotCli(work);
  const BIN = cli.bin;
  const loadBefore = loadavg();

  /** Runs `ledger ARGV` to the end; throws LedgerFailure (the command and its stderr) unless it exits 0. */
  const ledger = (argv, { allowFail = false } = {}) => {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, ...argv], { env: ledgerEnv, encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = elapsedMs(t);
    if (r.status !== 0 && !allowFail) throw new LedgerFailure(argv, r);
    return { ...r, ms };
  };
  /** Wall time of one whole process, output discarded (stderr kept for a failure). */
  const timeOnce = (cmd, argv) => {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, argv, { env: ledgerEnv, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    const ms = elapsedMs(t);
    if (r.status !== 0) {
      if (cmd === process.execPath && argv[0] === BIN) throw new LedgerFailure(argv.slice(1), r);
      throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
    }
    return ms;
  };
  /** Like ledger(), in the background: resolves to {status, stdout, stderr, ms}. */
  const ledgerAsync = (argv) =>
    new Promise((resolve) => {
      const t = process.hrtime.bigint();
      const p = spawn(process.execPath, [BIN, ...argv], { env: ledgerEnv });
      let stdout = '';
      let stderr = '';
      p.stdout.on('data', (d) => (stdout += d));
      p.stderr.on('data', (d) => (stderr += d));
      p.on('close', (status, signal) => resolve({ argv, status, signal, stdout, stderr, ms: elapsedMs(t) }));
    });

  say(`work folder ${work}; starting a PostgreSQL cluster`);
  const cluster = await startCluster();
  const stopOnSignal = (sig) => {
    log(`${sig}: stopping the cluster`);
    cluster.stop().finally(() => {
      if (!keep) fs.rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  };
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  const pgTool = (tool, argv) => execFileSync(path.join(cluster.bin, tool), argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const psql = (url, sql) => pgTool('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql]).trim();
  const pgUser = new URL(cluster.url).username;
  const pgArgs = ['-h', '127.0.0.1', '-p', String(cluster.port), '-U', pgUser];

  try {
    const m = machine(cluster, psql, loadBefore);
    say(`PostgreSQL ${m.postgres}; ${m.cpu}`);

    // -------------------------------------------------------------------------------------
    // 1. The district, in one database, through the CLI.
    say(`generating ${compoundCount} compounds x ${PER_COMPOUND} households, 2020-2024 ...`);
    const plan = generate({ out: path.join(work, 'district'), households: compoundCount * PER_COMPOUND, from: 2020, to: 2024, installments: [], today: TODAY });
    // Other income and expenses sized for one compound of 500 (the generator scales them by households).
    const one = generate({ out: path.join(work, 'one'), households: PER_COMPOUND, from: 2020, to: 2024, installments: [], today: TODAY });
    const inHalf = (x) => x.date >= '2024-07-01' && x.date <= '2024-12-31';
    const income = JSON.parse(fs.readFileSync(path.join(work, 'one', 'income.json'), 'utf8')).filter(inHalf).slice(-2);
    const expenses = JSON.parse(fs.readFileSync(path.join(work, 'one', 'expenses.json'), 'utf8')).filter(inHalf).slice(-3);
    const { chair, collector, reimburser, supervisor } = plan.people;
    const hh = splitByCompound(path.join(work, 'district', 'households.csv'), 0);
    const cl = splitByCompound(path.join(work, 'district', 'collections.csv'), 1);
    const names = [...hh.by.keys()];
    if (names.length !== compoundCount) throw new Error(`expected ${compoundCount} compounds in the generated register, found ${names.length}`);
    const csvDir = path.join(work, 'csv');
    fs.mkdirSync(csvDir);
    for (const [i, name] of names.entries()) {
      fs.writeFileSync(path.join(csvDir, `households-${i}.csv`), `${hh.header}\n${hh.by.get(name).join('\n')}\n`);
      fs.writeFileSync(path.join(csvDir, `collections-${i}.csv`), `${cl.header}\n${(cl.by.get(name) ?? []).join('\n')}\n`);
    }
    const years = Object.keys(plan.fees).map(Number);
    const fee = plan.fees[years[0]];

    const district = cluster.createDatabase('district');
    const steps = new Map();
    const step = (label, argv) => {
      const r = ledger(argv);
      if (!steps.has(label)) steps.set(label, []);
      steps.get(label).push(r.ms);
      return r;
    };
    const buildStart = process.hrtime.bigint();
    for (const [i, name] of names.entries()) {
      const db = ['--db', district, '--compound', name];
      step('init', ['--db', district, 'init', '--name', name, '--chair', chair, '--fee', String(fee / 100), '--major-threshold', '1000000']);
      for (const [who, role] of [
        [collector, 'collector'],
        [reimburser, 'reimburser'],
        [supervisor, 'supervisor'],
      ]) {
        step('role add (3)', [...db, '--by', chair, 'role', 'add', who, role]);
      }
      step(`household import (${PER_COMPOUND} rows)`, [...db, '--by', chair, 'household', 'import', path.join(csvDir, `households-${i}.csv`)]);
      for (const y of years) {
        if (plan.fees[y] !== fee) step('fee set', [...db, '--by', chair, 'fee', 'set', String(y), String(plan.fees[y] / 100)]);
        step(`bill (${years.length} years)`, [...db, '--by', chair, 'bill', String(y)]);
      }
      step(`import collections (~${num(plan.counts.collections / compoundCount)} rows)`, [...db, '--by', collector, 'import', 'collections', path.join(csvDir, `collections-${i}.csv`), '--allow-duplicates']);
      for (const x of income) step(`income (${income.length})`, [...db, '--by', collector, 'income', x.amount, '--category', x.category, '--from', x.from, '--date', x.date]);
      for (const e of expenses) {
        step(`spend (${expenses.length})`, [...db, '--by', reimburser, 'spend', e.amount, '--category', e.category, '--payee', e.payee, '--item', e.item, '--approved-by', supervisor, '--voucher', e.voucher, '--date', e.date]);
      }
      if ((i + 1) % 10 === 0 || i === names.length - 1) say(`  built ${i + 1}/${names.length} compounds`);
    }
    const buildMs = elapsedMs(buildStart);
    const build = {
      ms: buildMs,
      steps: [...steps].map(([label, ms]) => ({ label, processes: ms.length, total: ms.reduce((a, b) => a + b, 0), median: median(ms) })),
      dbSize: psql(district, 'SELECT pg_size_pretty(pg_database_size(current_database()))'),
      rows: plan.counts.collections,
    };

    // -------------------------------------------------------------------------------------
    // 2. Reads side by side: one compound on PostgreSQL and on SQLite; the district report.
    const target = names[0];
    // The half-year is locked once its disclosure is posted, as a committee does: lock stores the
    // closed days' totals (schema/0008), which the reports start from; the copy adds them up again.
    say(`lock --through ${HALF_END} (compound ${target}) ...`);
    ledger(['--db', district, '--compound', target, '--by', chair, 'lock', '--through', HALF_END]);
    const file = path.join(work, 'one-compound.db');
    say(`copy --to ${path.basename(file)} (compound ${target}) ...`);
    const copy = ledger(['--db', district, '--compound', target, 'copy', '--to', file, '--json']);
    const copied = JSON.parse(copy.stdout);
    const pgReport = JSON.parse(ledger(['--db', district, '--compound', target, 'report', '--half', HALF, '--json']).stdout);
    const sqliteReport = JSON.parse(ledger(['--db', file, 'report', '--half', HALF, '--json']).stdout);
    const sameReport = JSON.stringify(pgReport) === JSON.stringify(sqliteReport);
    const pgDistrict = JSON.parse(ledger(['--db', district, 'district', 'report', '--half', HALF, '--json']).stdout);
    const sqliteDistrict = JSON.parse(ledger(['--db', file, 'district', 'report', '--half', HALF, '--json']).stdout);
    const pgRow = pgDistrict.compounds.find((c) => c.name === target);
    const sameRow = JSON.stringify(pgRow) === JSON.stringify(sqliteDistrict.compounds[0]);
    const allVerified = pgDistrict.compounds.length === compoundCount && pgDistrict.compounds.every((c) => c.verified === true);
    const verifyOne = JSON.parse(ledger(['--db', district, '--compound', target, 'verify', '--json']).stdout);

    const reads = [
      { key: 'node', label: '`node -e 0`', argv: () => [process.execPath, '-e', '0'], compounds: 0 },
      { key: 'pgReport', label: `\`report --half ${HALF} --json\`, PostgreSQL (1 of ${compoundCount} compounds)`, argv: () => [process.execPath, BIN, '--db', district, '--compound', target, 'report', '--half', HALF, '--json'], compounds: 1 },
      { key: 'sqliteReport', label: `\`report --half ${HALF} --json\`, SQLite file (the same compound)`, argv: () => [process.execPath, BIN, '--db', file, 'report', '--half', HALF, '--json'], compounds: 1 },
      { key: 'pgDistrict', label: `\`district report --half ${HALF} --json\`, PostgreSQL (${compoundCount} compounds)`, argv: () => [process.execPath, BIN, '--db', district, 'district', 'report', '--half', HALF, '--json'], compounds: compoundCount },
      { key: 'sqliteDistrict', label: `\`district report --half ${HALF} --json\`, SQLite file (1 compound)`, argv: () => [process.execPath, BIN, '--db', file, 'district', 'report', '--half', HALF, '--json'], compounds: 1 },
    ];
    say(`reads: ${rounds} alternating rounds ...`);
    for (const c of reads) timeOnce(c.argv()[0], c.argv().slice(1)); // warm-up
    const readTimes = Object.fromEntries(reads.map((c) => [c.key, []]));
    for (let i = 1; i <= rounds; i++) {
      for (const c of reads) readTimes[c.key].push(timeOnce(c.argv()[0], c.argv().slice(1)));
      say(`  round ${i}/${rounds}: ${reads.map((c) => `${c.key} ${fmt(readTimes[c.key].at(-1))}`).join(', ')}`);
    }
    const readStats = Object.fromEntries(reads.map((c) => [c.key, { ...c, median: median(readTimes[c.key]), min: Math.min(...readTimes[c.key]), max: Math.max(...readTimes[c.key]) }]));

    // -------------------------------------------------------------------------------------
    // 3. Several writers at once into one compound (the last one: the reads above are untouched).
    const busy = names.at(-1);
    const busyIndex = names.length - 1;
    const codes = hh.by.get(busy).map((l) => l.split(',')[0]);
    const cdb = ['--db', district, '--compound', busy, '--by', collector];
    const series = `R${TODAY.slice(0, 4)}`;
    const seriesOf = (v) => v.numbering.find((n) => n.series === series) ?? { series, count: 0, first: null, last: null };
    const before = seriesOf(JSON.parse(ledger(['--db', district, '--compound', busy, 'verify', '--json']).stdout));
    const collectArgv = (w, i) => [...cdb, 'collect', codes[(w * PER_WRITER + i) % codes.length], '1', '--date', TODAY, '--json'];
    const writerRounds = [];
    const failures = [];
    say(`writers: ${collectRounds} rounds of ${WRITERS} x ${PER_WRITER} at once and 1 x ${PER_WRITER} ...`);
    for (let r = 1; r <= collectRounds; r++) {
      for (const writers of [WRITERS, 1]) {
        const t = process.hrtime.bigint();
        const results = await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            const done = [];
            for (let i = 0; i < PER_WRITER; i++) done.push(await ledgerAsync(collectArgv(w, i)));
            return done;
          }),
        );
        const wall = elapsedMs(t);
        const all = results.flat();
        const bad = all.filter((x) => x.status !== 0 || x.stderr !== '');
        for (const x of bad) failures.push(x);
        const receipts = all.filter((x) => x.status === 0).map((x) => JSON.parse(x.stdout).receipt);
        const n = receipts.map((x) => Number(x.split('-')[1])).sort((a, b) => a - b);
        const consecutive = n.length > 0 && n.every((x, k) => x === n[0] + k);
        writerRounds.push({ writers, wall, processes: all.length, ok: all.length - bad.length, distinct: new Set(receipts).size, consecutive, perProcess: median(all.map((x) => x.ms)), first: receipts.length ? `${series}-${String(n[0]).padStart(4, '0')}` : null });
        say(`  round ${r}, ${writers} x ${PER_WRITER}: ${fmt(wall)}, ${(all.length / (wall / 1000)).toFixed(1)}/s, ${bad.length} failed, ${new Set(receipts).size} distinct, ${consecutive ? 'consecutive' : 'NOT consecutive'}`);
      }
    }
    const afterVerify = JSON.parse(ledger(['--db', district, '--compound', busy, 'verify', '--json'], { allowFail: true }).stdout);
    const after = seriesOf(afterVerify);
    const written = writerRounds.reduce((a, w) => a + w.ok, 0);
    const lastNumber = after.last ? Number(after.last.split('-')[1]) : 0;
    const writersCheck = {
      verifyOk: afterVerify.ok === true,
      count: after.count,
      expected: before.count + written,
      gapless: after.count === lastNumber && (after.count === 0 || after.first === `${series}-0001`),
      allDistinct: writerRounds.every((w) => w.distinct === w.ok),
      allConsecutive: writerRounds.every((w) => w.consecutive),
      failures: failures.length,
      collectionKinds: afterVerify.kinds?.collection,
    };
    writersCheck.pass = writersCheck.verifyOk && writersCheck.gapless && writersCheck.allDistinct && writersCheck.allConsecutive && writersCheck.failures === 0 && writersCheck.count === writersCheck.expected;
    const writerStats = [WRITERS, 1].map((writers) => {
      const rs = writerRounds.filter((w) => w.writers === writers);
      const wall = median(rs.map((w) => w.wall));
      return { writers, rounds: rs.length, processes: writers * PER_WRITER, wall, min: Math.min(...rs.map((w) => w.wall)), max: Math.max(...rs.map((w) => w.wall)), rate: (writers * PER_WRITER) / (wall / 1000), perProcess: median(rs.map((w) => w.perProcess)) };
    });

    // -------------------------------------------------------------------------------------
    // 4. A big import: 10,000 households, ten years, 93k collections, PostgreSQL beside SQLite.
    say('generating the import data (10,000 households, 2015-2024) ...');
    const big = generate({ out: path.join(work, 'big'), households: 10000, from: 2015, to: 2024, installments: [], today: TODAY });
    const bigCsv = path.join(work, 'big', 'collections.csv');
    const importName = '城关街道';
    const baseDb = cluster.createDatabase('import_base');
    const baseFile = path.join(work, 'import-base.db');
    const baseSteps = [];
    for (const [engine, db] of [
      ['PostgreSQL', ['--db', baseDb, '--compound', importName]],
      ['SQLite', ['--db', baseFile]],
    ]) {
      const t = process.hrtime.bigint();
      ledger([db[0], db[1], 'init', '--name', importName, '--chair', chair, '--fee', '500']);
      ledger([...db, '--by', chair, 'role', 'add', collector, 'collector']);
      const hImport = ledger([...db, '--by', chair, 'household', 'import', path.join(work, 'big', 'households.csv')]);
      let billMs = 0;
      for (const y of Object.keys(big.fees).map(Number)) {
        if (big.fees[y] !== 50000) billMs += ledger([...db, '--by', chair, 'fee', 'set', String(y), String(big.fees[y] / 100)]).ms;
        billMs += ledger([...db, '--by', chair, 'bill', String(y)]).ms;
      }
      baseSteps.push({ engine, total: elapsedMs(t), householdImport: hImport.ms, bill: billMs });
      say(`  billed base on ${engine}: ${fmt(elapsedMs(t))}`);
    }
    const importTimes = { PostgreSQL: [], SQLite: [] };
    const rss = { PostgreSQL: [], SQLite: [] };
    const gnuTime = fs.existsSync('/usr/bin/time');
    let importCheck = null;
    say(`imports: ${importRounds} alternating rounds of ${num(big.counts.collections)} rows ...`);
    for (let r = 1; r <= importRounds; r++) {
      // PostgreSQL: a fresh copy of the billed database (CREATE DATABASE ... TEMPLATE, not timed).
      const dbName = `import_${r}`;
      pgTool('createdb', [...pgArgs, '-T', 'import_base', dbName]);
      const url = `${baseDb.slice(0, baseDb.lastIndexOf('/'))}/${dbName}`;
      const file = path.join(work, `import-${r}.db`);
      fs.copyFileSync(baseFile, file);
      for (const [engine, db] of [
        ['PostgreSQL', ['--db', url, '--compound', importName]],
        ['SQLite', ['--db', file]],
      ]) {
        const argv = [...db, '--by', collector, 'import', 'collections', bigCsv, '--allow-duplicates'];
        const cmd = gnuTime ? ['/usr/bin/time', '-f', '%M', process.execPath, BIN, ...argv] : [process.execPath, BIN, ...argv];
        const t = process.hrtime.bigint();
        const res = spawnSync(cmd[0], cmd.slice(1), { env: ledgerEnv, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
        const ms = elapsedMs(t);
        if (res.status !== 0) throw new LedgerFailure(argv, res);
        importTimes[engine].push(ms);
        if (gnuTime) rss[engine].push(Number(res.stderr.trim().split('\n').pop()));
      }
      say(`  round ${r}/${importRounds}: PostgreSQL ${fmt(importTimes.PostgreSQL.at(-1))}, SQLite ${fmt(importTimes.SQLite.at(-1))}`);
      if (r === 1) {
        const vPg = JSON.parse(ledger(['--db', url, '--compound', importName, 'verify', '--json'], { allowFail: true }).stdout);
        const vSq = JSON.parse(ledger(['--db', file, 'verify', '--json'], { allowFail: true }).stdout);
        const rPg = JSON.parse(ledger(['--db', url, '--compound', importName, 'report', '--year', '2024', '--json']).stdout);
        const rSq = JSON.parse(ledger(['--db', file, 'report', '--year', '2024', '--json']).stdout);
        importCheck = { pgOk: vPg.ok, sqliteOk: vSq.ok, pgCollections: vPg.kinds?.collection, sqliteCollections: vSq.kinds?.collection, sameReport: sameApartFromHeadCode(rPg, rSq), headSeq: [rPg.head?.seq, rSq.head?.seq] };
      }
      pgTool('dropdb', [...pgArgs, dbName]);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    }
    const importStats = ['PostgreSQL', 'SQLite'].map((engine) => {
      const ms = median(importTimes[engine]);
      return { engine, ms, min: Math.min(...importTimes[engine]), max: Math.max(...importTimes[engine]), rate: big.counts.collections / (ms / 1000), rssKiB: rss[engine].length ? median(rss[engine]) : null };
    });

    // -------------------------------------------------------------------------------------
    const runtimeMs = elapsedMs(started);
    const md = write({
      m: { ...m, loadAfter: loadavg() },
      cli,
      opts: { rounds, collectRounds, importRounds, compoundCount },
      plan,
      income,
      expenses,
      build,
      copy: { ms: copy.ms, ...copied },
      target,
      busy,
      reads: readStats,
      checks: { sameReport, sameRow, allVerified, verifyOne: verifyOne.ok, entries: Object.values(verifyOne.kinds ?? {}).reduce((a, b) => a + b, 0), totals: pgDistrict.totals },
      writers: { stats: writerStats, check: writersCheck, before, after, failures, series },
      imports: { rows: big.counts.collections, households: big.households, stats: importStats, base: baseSteps, check: importCheck, gnuTime },
      runtimeMs,
    });
    fs.writeFileSync(out, md);
    say(`wrote ${path.relative(process.cwd(), out)}; runtime ${fmt(runtimeMs)}`);
    if (failures.length) {
      log(`\n${failures.length} collect process(es) failed; the first:\n  ${repro(failures[0].argv)}\nexit ${failures[0].status}, stderr:\n${failures[0].stderr}`);
    }
    return md;
  } finally {
    process.off('SIGINT', stopOnSignal);
    process.off('SIGTERM', stopOnSignal);
    await cluster.stop();
    if (!keep) fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Two reports of ledgers built apart by the same commands: equal but for the head's check code
 * (each ledger has its own random signing keys, and the chain hashes the signatures).
 */
function sameApartFromHeadCode(a, b) {
  const strip = (r) => JSON.stringify({ ...r, head: r.head ? { ...r.head, code: undefined } : r.head });
  return strip(a) === strip(b);
}

function loadavg() {
  return fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'n/a';
}

function machine(cluster, psql, load) {
  const cpu = os.cpus();
  const Database = require('better-sqlite3');
  const mem = new Database(':memory:');
  const sqlite = mem.prepare('SELECT sqlite_version() AS v').get().v;
  mem.close();
  const setting = (name) => psql(cluster.url, `SHOW ${name}`);
  return {
    date: new Date().toISOString().slice(0, 10),
    cpu: `${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`,
    ram: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    sqlite,
    postgres: psql(cluster.url, 'SHOW server_version'),
    pgSettings: ['fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_connections'].map((s) => `${s}=${setting(s)}`).join(', '),
    load,
  };
}

function write({ m, cli, opts, plan, income, expenses, build, copy, target, busy, reads, checks, writers, imports, runtimeMs }) {
  const r = reads;
  const x = (ms) => `${(ms / r.node.median).toFixed(1)}×`;
  const yes = (b) => (b ? 'yes' : '**no**');
  const perCompound = (c) => (c.compounds ? fmt(c.median / c.compounds) : '');
  const [w4, w1] = writers.stats;
  const reduced = [];
  if (opts.rounds < 9) reduced.push(`the reads ran ${opts.rounds} rounds, not 9`);
  if (opts.importRounds < 9) reduced.push(`the import ran ${opts.importRounds} alternating rounds, not 9 (each is two whole imports and a copy of the billed database)`);
  if (opts.collectRounds < 9) reduced.push(`the writers ran ${opts.collectRounds} rounds (each ${WRITERS * PER_WRITER + PER_WRITER} processes), not 9, to stay within ~15 minutes on 2 cores; within a round every one of the ${WRITERS * PER_WRITER} processes is timed too`);
  const wc = writers.check;
  return `## PostgreSQL: a district in one database

Written by \`node bench/postgres.mjs\` (also the end of \`npm run bench\`) on ${m.date}, in ${fmt(runtimeMs)}. Wall-clock times
of whole \`ledger\` processes (start-up included), medians of alternating rounds on one machine in one run: each round
runs every case once, in turn. ${reduced.length ? `Rounds reduced: ${reduced.join('; ')}.` : ''}

| | |
| --- | --- |
| CPU | ${m.cpu} |
| RAM | ${m.ram} |
| OS | ${m.os} |
| Node | ${m.node} (better-sqlite3, SQLite ${m.sqlite}) |
| PostgreSQL | ${m.postgres}, a throwaway cluster on 127.0.0.1 (scripts/pg-cluster.mjs): ${m.pgSettings} |
| CLI | dist/ledger.cjs built ${cli.built}, copied aside for the run |
| load average | ${m.load} before, ${m.loadAfter} after |
${Number(m.load.split(' ')[0]) > 0.5 || Number(m.loadAfter.split(' ')[0]) > 0.5 ? `
The load average shows other work on the machine during the run (it is shared): absolute times carry that noise; the
alternating rounds spread it evenly over the cases compared.
` : ''}
The cluster runs with \`fsync=off\`, \`synchronous_commit=off\` and \`full_page_writes=off\` (a test cluster, as the
test suite uses): a commit does not wait for the disk, so PostgreSQL's write times here are a floor for a server that
keeps its data safe. The SQLite ledger files run with the tool's own settings.

### 1. The district: ${opts.compoundCount} compounds in one database, built through the CLI

bench/generate.mjs (seed ${plan.seed}) writes ${num(plan.households)} households in compounds of ${PER_COMPOUND} over ${plan.years[0]}–${plan.years[1]}
(fee ${plan.fees[plan.years[0]] / 100} yuan a year) and ${num(plan.counts.collections)} collections; they are split by compound and entered compound by
compound, one process per command: \`init --name NAME --chair … --major-threshold 1000000\` (as bench/run.mjs; no
expense here needs an owners' vote), 3 × \`role add\`, \`household import\`, \`bill\` for each year,
one \`import collections --allow-duplicates\`, then ${income.length} \`income\` and ${expenses.length} \`spend\` commands (${HALF}, sized for one compound).

| step | processes | total | median per process | per compound |
| --- | ---: | ---: | ---: | ---: |
${rows(build.steps.map((s) => [s.label, s.processes, fmt(s.total), fmt(s.median), fmt(s.total / opts.compoundCount)]))}
| **all** | ${build.steps.reduce((a, s) => a + s.processes, 0)} | **${fmt(build.ms)}** | | ${fmt(build.ms / opts.compoundCount)} |

Database size afterwards: ${build.dbSize}. One compound (${target}) holds ${num(checks.entries)} journal entries. District totals for ${HALF}:
${num(checks.totals.households)} households, collected ${num(checks.totals.collected_fen / 100)} yuan, closing balance ${num(checks.totals.closing_balance_fen / 100)} yuan,
arrears ${num(checks.totals.arrears_fen / 100)} yuan.

### 2. Reads: one compound on PostgreSQL and on SQLite; the district report

\`${target}\` was locked through ${HALF_END} (\`lock\` stores the closed days' totals, which its reports start from; the other
compounds were not locked) and copied to a SQLite file with \`copy --to FILE\`, which adds the totals up again there (${fmt(copy.ms)}, ${num(copy.entries)} entries, ${num(copy.signatures)} signatures, verified: ${yes(copy.verified)}).
Median of ${opts.rounds} alternating rounds (after one warm-up of each):

| command | median | min | max | per compound | × \`node -e 0\` |
| --- | ---: | ---: | ---: | ---: | ---: |
${rows(Object.values(r).map((c) => [c.label, fmt(c.median), fmt(c.min), fmt(c.max), perCompound(c), c.key === 'node' ? '1.0×' : x(c.median)]))}

- The half-year report of ${target} is the same JSON on both engines: ${yes(checks.sameReport)}; its row of the district report is the same
  on both: ${yes(checks.sameRow)}; the PostgreSQL district report lists ${opts.compoundCount} compounds, every one verified: ${yes(checks.allVerified)}.
- PostgreSQL against SQLite, one compound: report ${(r.pgReport.median / r.sqliteReport.median).toFixed(2)}×; the district report of ${opts.compoundCount} compounds
  costs ${fmt(r.pgDistrict.median)}, ${fmt(r.pgDistrict.median / opts.compoundCount)} a compound (${fmt((r.pgDistrict.median - r.node.median) / opts.compoundCount)} without \`node -e 0\`), against ${fmt(r.sqliteDistrict.median)} for the one compound on SQLite.

### 3. Writers at once: ${WRITERS} processes × ${PER_WRITER} \`collect\` into one compound

Into \`${busy}\` (PostgreSQL): each writer runs its ${PER_WRITER} \`collect CODE 1 --date ${TODAY} --json\` one after another, the ${WRITERS}
writers in parallel; beside it, 1 writer × ${PER_WRITER}. ${opts.collectRounds} alternating rounds; wall time from the first start to the last exit.

| writers | processes | wall time (median) | min | max | collections/s | median per process |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows(writers.stats.map((s) => [`${s.writers} × ${PER_WRITER}`, s.processes, fmt(s.wall), fmt(s.min), fmt(s.max), s.rate.toFixed(1), fmt(s.perProcess)]))}

${WRITERS} writers give ${(w4.rate / w1.rate).toFixed(2)}× the throughput of one on ${m.cpu.split(' × ').pop()} cores. Writers of one compound take turns on
its registry row (\`SELECT … FOR UPDATE\`, src/db/open-database.ts), held to the commit; the commit's signature
(src/app/signing.ts \`signCommit\`, run as \`beforeCommit\`) unseals the recorder's key with scrypt (~0.08 s) inside that
transaction, so that part of every collect is serialised too.

| check (after all rounds) | result |
| --- | --- |
| every process exited 0 with nothing on stderr | ${wc.failures === 0 ? 'yes' : `**no: ${wc.failures} failed**`} |
| receipts of each round distinct | ${yes(wc.allDistinct)} |
| receipts of each round consecutive | ${yes(wc.allConsecutive)} |
| \`verify --json\` ok | ${yes(wc.verifyOk)} |
| ${writers.series} numbering: count = last number, from ${writers.series}-0001 (gapless) | ${yes(wc.gapless)} (${writers.after.count} receipts, ${writers.after.first} … ${writers.after.last}) |
| ${writers.series} count = before (${writers.before.count}) + collections written | ${yes(wc.count === wc.expected)} (${wc.count} = ${wc.expected}) |
| **all** | **${wc.pass ? 'PASS' : 'FAIL'}** |
${writers.failures.length ? `\nFirst failure: \`${repro(writers.failures[0].argv)}\` exited ${writers.failures[0].status}:\n\n\`\`\`\n${writers.failures[0].stderr.trimEnd()}\n\`\`\`\n` : ''}
### 4. \`import collections\` of ${num(imports.rows)} rows, PostgreSQL beside SQLite

bench/generate.mjs (seed 1, ${num(imports.households)} households in one compound, 2015–2024, the file bench/run.mjs imports). Each round
imports the file with \`--allow-duplicates\` into a fresh copy of the billed compound: on PostgreSQL a database made by
\`createdb -T\` from the billed one, on SQLite a copy of the billed file (copies not timed). ${opts.importRounds} alternating rounds.

| engine | median | min | max | rows/s | peak RSS (median) |
| --- | ---: | ---: | ---: | ---: | ---: |
${rows(imports.stats.map((s) => [s.engine, fmt(s.ms), fmt(s.min), fmt(s.max), num(s.rate), s.rssKiB ? `${(s.rssKiB / 1024).toFixed(0)} MiB` : 'n/a']))}

PostgreSQL/SQLite: ${(imports.stats[0].ms / imports.stats[1].ms).toFixed(2)}×. After the first round: verify ok on PostgreSQL ${yes(imports.check?.pgOk)} (${num(imports.check?.pgCollections ?? 0)} collections),
on SQLite ${yes(imports.check?.sqliteOk)} (${num(imports.check?.sqliteCollections ?? 0)}); \`report --year 2024 --json\` the same on both (head seq ${imports.check?.headSeq?.join(' / ')}; the head's check code differs, as
each ledger has its own signing keys): ${yes(imports.check?.sameReport)}.

Building the billed compound once (init, role, \`household import\` of ${num(imports.households)}, \`fee set\` and \`bill\` for 10 years):

| engine | household import | fee set + bill, 10 years | all |
| --- | ---: | ---: | ---: |
${rows(imports.base.map((b) => [b.engine, fmt(b.householdImport), fmt(b.bill), fmt(b.total)]))}

### How to reproduce

\`\`\`sh
apt-get install postgresql   # initdb, pg_ctl, createdb, psql (Debian's /usr/lib/postgresql/NN/bin)
npm ci && npm run build
node bench/postgres.mjs                 # ~${Math.ceil(runtimeMs / 60000)} min here; writes bench/postgres.md
node bench/postgres.mjs --rounds ${opts.rounds} --collect-rounds ${opts.collectRounds} --import-rounds ${opts.importRounds} --compounds ${opts.compoundCount} --keep
\`\`\`

It starts its own cluster (as root, the server runs as \`postgres\`), works in a temporary folder (\`--keep\` leaves it)
and stops the cluster at the end, also on error or Ctrl-C. A command that fails stops the run with the command line
(fixed clock and passphrases as above) and its stderr.
`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  try {
    await postgresBench({
      rounds: Number(opt('rounds', 9)),
      collectRounds: Number(opt('collect-rounds', 5)),
      importRounds: Number(opt('import-rounds', 7)),
      compounds: Number(opt('compounds', 50)),
      out: path.resolve(opt('out', path.join(here, 'postgres.md'))),
      keep: args.includes('--keep'),
    });
  } catch (err) {
    process.stderr.write(`\n${err instanceof LedgerFailure ? err.message : err.stack}\n`);
    process.exitCode = 1;
  }
}
