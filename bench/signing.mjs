#!/usr/bin/env node
// What signing costs (after `npm run build`): every write unlocks its signers' keys (scrypt,
// N = 2^15, r = 2, p = 1, src/app/keys.ts) and signs the commit's last hash (Ed25519). There is no
// switch to turn signing off, so the cost is shown two ways, side by side in one run, in
// alternating rounds (each round runs every case once, in turn; medians reported):
//
//   1. whole processes: the built CLI as shipped, against the same CLI with scrypt served from a
//      cache (a `-r` preload written into the temp folder: the first run derives the key and
//      stores it, later runs read it back). Both variants run with the preload, so they differ
//      only in the key derivation; the Ed25519 signature (well under a millisecond) is still made
//      and the ledger still verifies. Next to them: `node -e 0` and `ledger --help` (start-up).
//   2. in-process pieces: scrypt unlock of the collector's real sealed key (read from the ledger)
//      plus the Ed25519 signature of a hash, with node:crypto and the parameters of keys.ts; and
//      the command itself run in-process through dist's `main`, with node:crypto's scryptSync
//      and sign timed where the bundle calls them (how many calls, how long, share of the command).
//
// Cases: (a) one `ledger collect` on a ledger of ~10,000 households and ten years of bills and
// collections; (b) `ledger import collections` of the ~93,000 rows bench/generate.mjs writes
// (the same district as bench/run.mjs), on a fresh copy of the billed ledger each run.
//
//   node bench/signing.mjs [--rounds 11] [--households 10000] [--import-inproc 3] [--out bench/signing.md] [--no-write] [--keep]
//
// Writes (or replaces) the `## Signing cost` section of bench/signing.md.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const ROUNDS = Math.max(9, Number(opt('rounds', 11)));
const HOUSEHOLDS = Number(opt('households', 10000));
const IMPORT_INPROC = Number(opt('import-inproc', 3));
const OUT = path.resolve(opt('out', path.join(here, 'signing.md')));
const WRITE = !args.includes('--no-write');
const KEEP = args.includes('--keep');

const NOW = '2025-03-01T10:00:00+08:00';
const PASSPHRASE = 'signing-bench-2025';
const SCRYPT = { N: 2 ** 15, r: 2, p: 1 }; // src/app/keys.ts
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LEDGER_') && k !== 'LANG' && k !== 'LC_ALL' && !k.startsWith('SIGNING_BENCH_')));
const env = { ...cleanEnv, TZ: 'Asia/Shanghai', LANG: 'en_US.UTF-8', LEDGER_NOW: NOW, LEDGER_PASSPHRASE: PASSPHRASE, LEDGER_APPROVER_PASSPHRASE: PASSPHRASE, LEDGER_NEW_PASSPHRASE: PASSPHRASE };

const started = Date.now();
const log = (s) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${s}\n`);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const fmt = (x) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : x >= 10 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(1)} ms` : `${x.toFixed(3)} ms`);
const pct = (x) => `${(100 * x).toFixed(1)} %`;
const int = (n) => Math.round(n).toLocaleString('en');

// ---------------------------------------------------------------------------------------
// The CLI, copied into a temp folder (a rebuild by someone else during the run changes nothing).

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-signing-bench-'));
const cliDir = path.join(tmp, 'cli');
if (!fs.existsSync(path.join(root, 'dist/ledger.cjs'))) throw new Error('dist/ledger.cjs is missing: run npm run build first');
for (const d of ['bin', 'dist', 'schema']) fs.cpSync(path.join(root, d), path.join(cliDir, d), { recursive: true });
fs.symlinkSync(path.join(root, 'node_modules'), path.join(cliDir, 'node_modules'));
const BIN = path.join(cliDir, 'bin/ledger.js');
const BUNDLE = path.join(cliDir, 'dist/ledger.cjs');
const bundleSha = crypto.createHash('sha256').update(fs.readFileSync(BUNDLE)).digest('hex').slice(0, 12);

// The preload: counts scryptSync calls, and with SIGNING_BENCH_MODE=cached serves them from a file.
const PRELOAD = path.join(tmp, 'scrypt-preload.cjs');
const CACHE = path.join(tmp, 'scrypt-cache.json');
fs.writeFileSync(
  PRELOAD,
  `'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const mode = process.env.SIGNING_BENCH_MODE || 'count';
const cacheFile = process.env.SIGNING_BENCH_CACHE;
const statsFile = process.env.SIGNING_BENCH_STATS;
const stats = { mode, calls: 0, hits: 0 };
let cache = null;
const original = crypto.scryptSync;
crypto.scryptSync = function scryptSync(password, salt, keylen, options) {
  stats.calls += 1;
  if (mode !== 'cached') return original.call(this, password, salt, keylen, options);
  if (cache === null) cache = fs.existsSync(cacheFile) ? JSON.parse(fs.readFileSync(cacheFile, 'utf8')) : {};
  const key = crypto.createHash('sha256').update(JSON.stringify([String(password), Buffer.from(salt).toString('base64'), keylen, options && options.N, options && options.r, options && options.p])).digest('hex');
  if (cache[key]) { stats.hits += 1; return Buffer.from(cache[key], 'base64'); }
  const out = original.call(this, password, salt, keylen, options);
  cache[key] = out.toString('base64');
  fs.writeFileSync(cacheFile, JSON.stringify(cache));
  return out;
};
if (statsFile) process.on('exit', () => fs.appendFileSync(statsFile, JSON.stringify(stats) + '\\n'));
`,
);
const STATS = path.join(tmp, 'scrypt-stats.jsonl');

function ledger(db, argv, by) {
  const full = ['--db', db, ...(by ? ['--by', by] : []), ...argv];
  const r = spawnSync(process.execPath, [BIN, ...full], { env, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`ledger ${full.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout;
}

/** Wall time (ms) of one process; output discarded. */
function timeOnce(argv, extraEnv = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { env: { ...env, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const t = ms(t0);
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return t;
}

const copyDb = (from, to) => {
  for (const s of ['', '-wal', '-shm']) fs.rmSync(to + s, { force: true });
  fs.copyFileSync(from, to);
};

// ---------------------------------------------------------------------------------------
// 1. The district: 10,000 households, ten years billed (as bench/run.mjs builds it).

const data = path.join(tmp, 'data');
log(`generating a district of ${HOUSEHOLDS} households ...`);
const plan = generate({ out: data, households: HOUSEHOLDS, today: NOW.slice(0, 10), installments: [] });
const { chair, collector, reimburser, supervisor } = plan.people;
const base = path.join(tmp, 'base.db');
const buildSteps = [];
const step = (name, fn) => {
  const t0 = process.hrtime.bigint();
  fn();
  buildSteps.push({ name, ms: ms(t0) });
  log(`  ${name}: ${fmt(buildSteps.at(-1).ms)}`);
};
step('init, roles', () => {
  ledger(base, ['init', '--name', '离石区城关街道', '--chair', chair, '--fee', '500', '--major-threshold', '1000000']);
  ledger(base, ['role', 'add', collector, 'collector'], chair);
  ledger(base, ['role', 'add', reimburser, 'reimburser'], chair);
  ledger(base, ['role', 'add', supervisor, 'supervisor'], chair);
});
step(`household import (${HOUSEHOLDS} rows)`, () => ledger(base, ['household', 'import', path.join(data, 'households.csv')], chair));
step(`fee set and bill, ${Object.keys(plan.fees).length} years`, () => {
  for (const [y, fen] of Object.entries(plan.fees)) {
    if (fen !== 50000) ledger(base, ['fee', 'set', y, String(fen / 100)], chair);
    ledger(base, ['bill', y], chair);
  }
});
const csv = path.join(data, 'collections.csv');
const ROWS = plan.counts.collections;
// The ledger `collect` runs on: the billed district with its ten years of collections imported.
const collected = path.join(tmp, 'collected.db');
copyDb(base, collected);
step(`import collections (${ROWS} rows), for the collect ledger`, () => ledger(collected, ['import', 'collections', csv, '--allow-duplicates'], collector));
const collectDb = path.join(tmp, 'collect.db');
copyDb(collected, collectDb);
const importDb = path.join(tmp, 'import.db');

const codes = fs.readFileSync(path.join(data, 'households.csv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0]);
let collectN = 0;
const collectArgv = () => [process.execPath, '-r', PRELOAD, BIN, '--db', collectDb, '--by', collector, 'collect', codes[(collectN++ * 37) % codes.length], '500', '--date', '2025-02-20', '--json'];
const importArgv = () => [process.execPath, '-r', PRELOAD, BIN, '--db', importDb, '--by', collector, 'import', 'collections', csv, '--allow-duplicates'];
const variantEnv = (mode) => ({ SIGNING_BENCH_MODE: mode, SIGNING_BENCH_CACHE: CACHE, SIGNING_BENCH_STATS: STATS });

// The collector's sealed key, as the ledger holds it (for the in-process unlock + sign).
const Database = require(path.join(cliDir, 'node_modules/better-sqlite3'));
const sealedOf = (db, person) => {
  const d = new Database(db, { readonly: true });
  try {
    const row = d.prepare("SELECT detail FROM entries WHERE kind = 'key' AND party = ? ORDER BY seq DESC LIMIT 1").get(person);
    return JSON.parse(row.detail).sealed;
  } finally {
    d.close();
  }
};
const sealed = sealedOf(base, collector);
const sqliteVersion = (() => {
  const d = new Database(':memory:');
  const v = d.prepare('SELECT sqlite_version() AS v').get().v;
  d.close();
  return v;
})();

/** scrypt unlock of the sealed key + Ed25519 signature of a 32-byte hash, as keys.ts does them. */
function unlockAndSign() {
  const t0 = process.hrtime.bigint();
  const derived = crypto.scryptSync(PASSPHRASE.normalize('NFC'), Buffer.from(sealed.salt, 'base64'), 32, { N: sealed.N, r: sealed.r, p: sealed.p, maxmem: 256 * sealed.N * sealed.r });
  const decipher = crypto.createDecipheriv('aes-256-gcm', derived, Buffer.from(sealed.iv, 'base64'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  const der = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
  const key = crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const t1 = process.hrtime.bigint();
  crypto.sign(null, crypto.randomBytes(32), key);
  const t2 = process.hrtime.bigint();
  return { unlock: Number(t1 - t0) / 1e6, sign: Number(t2 - t1) / 1e6 };
}
if (sealed.N !== SCRYPT.N || sealed.r !== SCRYPT.r || sealed.p !== SCRYPT.p) log(`note: the ledger's key uses N=${sealed.N} r=${sealed.r} p=${sealed.p}, not keys.ts's ${JSON.stringify(SCRYPT)}`);

// In-process: dist's main with node:crypto's scryptSync and sign timed where the bundle calls them.
const { main } = require(BUNDLE);
const spent = { scrypt: 0, scryptCalls: 0, sign: 0, signCalls: 0 };
for (const [name, key, calls] of [['scryptSync', 'scrypt', 'scryptCalls'], ['sign', 'sign', 'signCalls']]) {
  const original = crypto[name];
  crypto[name] = function (...a) {
    const t0 = process.hrtime.bigint();
    try {
      return original.apply(this, a);
    } finally {
      spent[key] += ms(t0);
      spent[calls] += 1;
    }
  };
}
const quietIo = { stdout: () => {}, stderr: () => {}, stderrIsTty: false };
async function inProcess(argv) {
  Object.assign(spent, { scrypt: 0, scryptCalls: 0, sign: 0, signCalls: 0 });
  const t0 = process.hrtime.bigint();
  const code = await main(argv, env, quietIo, new Date(NOW));
  const total = ms(t0);
  if (code !== 0) throw new Error(`in-process ${argv.join(' ')} exited ${code}`);
  return { total, ...spent };
}

// ---------------------------------------------------------------------------------------
// 2. Side by side, alternating rounds.

const loadBefore = os.loadavg();
log('warm-up (fills the scrypt cache of the cached variant) ...');
fs.rmSync(STATS, { force: true });
timeOnce([process.execPath, '-e', '0']);
timeOnce([process.execPath, BIN, '--help']);
timeOnce(collectArgv(), variantEnv('count'));
timeOnce(collectArgv(), variantEnv('cached'));
copyDb(base, importDb);
timeOnce(importArgv(), variantEnv('cached'));
unlockAndSign();
fs.rmSync(STATS, { force: true });

const T = { node: [], help: [], collect: [], collectCached: [], unlock: [], sign: [], import: [], importCached: [], inCollect: [] };
for (let i = 1; i <= ROUNDS; i++) {
  const signedFirst = i % 2 === 1; // the two variants swap places every round
  T.node.push(timeOnce([process.execPath, '-e', '0']));
  T.help.push(timeOnce([process.execPath, BIN, '--help']));
  for (const mode of signedFirst ? ['count', 'cached'] : ['cached', 'count']) T[mode === 'count' ? 'collect' : 'collectCached'].push(timeOnce(collectArgv(), variantEnv(mode)));
  const u = unlockAndSign();
  T.unlock.push(u.unlock);
  T.sign.push(u.sign);
  T.inCollect.push(await inProcess(['--db', collectDb, '--by', collector, 'collect', codes[(collectN++ * 37) % codes.length], '500', '--date', '2025-02-20', '--json']));
  for (const mode of signedFirst ? ['count', 'cached'] : ['cached', 'count']) {
    copyDb(base, importDb);
    T[mode === 'count' ? 'import' : 'importCached'].push(timeOnce(importArgv(), variantEnv(mode)));
  }
  log(
    `  round ${i}/${ROUNDS}: node ${fmt(T.node.at(-1))}, help ${fmt(T.help.at(-1))}, collect ${fmt(T.collect.at(-1))} / cached ${fmt(T.collectCached.at(-1))}, unlock+sign ${fmt(u.unlock + u.sign)}, import ${fmt(T.import.at(-1))} / cached ${fmt(T.importCached.at(-1))}`,
  );
}
// The preload's own counts: every run derived (or, cached, was served) exactly its signers' keys.
const stats = fs.readFileSync(STATS, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const countRuns = stats.filter((s) => s.mode === 'count');
const cachedRuns = stats.filter((s) => s.mode === 'cached');
const scryptPerRun = [...new Set(countRuns.map((s) => s.calls))];
if (cachedRuns.some((s) => s.hits !== s.calls)) throw new Error('a cached run derived a key itself: the comparison would be wrong');

log(`in-process imports (${IMPORT_INPROC}) ...`);
const inImport = [];
for (let i = 0; i < IMPORT_INPROC; i++) {
  copyDb(base, importDb);
  inImport.push(await inProcess(['--db', importDb, '--by', collector, 'import', 'collections', csv, '--allow-duplicates']));
}
// The ledgers still verify (the cached variant signs with the same key).
const verified = JSON.parse(ledger(collectDb, ['verify', '--json'])).ok && JSON.parse(ledger(importDb, ['verify', '--json'])).ok;
if (!verified) throw new Error('a measured ledger does not verify');
const loadAfter = os.loadavg();

// ---------------------------------------------------------------------------------------
// 3. The write-up.

const M = Object.fromEntries(Object.entries(T).filter(([k]) => k !== 'inCollect').map(([k, v]) => [k, median(v)]));
const inC = { total: median(T.inCollect.map((r) => r.total)), scrypt: median(T.inCollect.map((r) => r.scrypt)), sign: median(T.inCollect.map((r) => r.sign)), calls: T.inCollect[0].scryptCalls, signs: T.inCollect[0].signCalls };
const inI = { total: median(inImport.map((r) => r.total)), scrypt: median(inImport.map((r) => r.scrypt)), sign: median(inImport.map((r) => r.sign)), calls: inImport[0]?.scryptCalls, signs: inImport[0]?.signCalls };
const unlockSign = M.unlock + M.sign;
const range = (xs) => `${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))}`;
const quantile = (xs, q) => {
  const v = [...xs].sort((a, b) => a - b);
  const i = (v.length - 1) * q;
  return v[Math.floor(i)] + (v[Math.ceil(i)] - v[Math.floor(i)]) * (i - Math.floor(i));
};
const iqr = (xs) => quantile(xs, 0.75) - quantile(xs, 0.25);
// The two variants of a round ran back to back: their difference, round by round, is steadier than a difference of medians.
const paired = (a, b) => median(a.map((x, i) => x - b[i]));
const dCollect = paired(T.collect, T.collectCached);
const dImport = paired(T.import, T.importCached);
const noise = { collect: Math.max(iqr(T.collect), iqr(T.collectCached)), import: Math.max(iqr(T.import), iqr(T.importCached)) };
const busy = Math.max(loadBefore[0], loadAfter[0]) > os.cpus().length;
const verdict = (d, n) => (Math.abs(d) < n / 2 ? `within the noise of these runs (IQR ${fmt(n)})` : `outside the noise of these runs (IQR ${fmt(n)})`);
const cpu = os.cpus();
const md = `## Signing cost

Written by \`node bench/signing.mjs\` on ${new Date().toISOString().slice(0, 10)} (bundle ${bundleSha}). Wall-clock times of whole
processes unless marked in-process; **medians of ${ROUNDS} alternating rounds** (each round runs every case once, in turn; the
signed and the unsigned-key variant swap places every round), one machine, one run.

| machine | |
| --- | --- |
| CPU | ${cpu[0]?.model.trim()} × ${cpu.length} |
| RAM | ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB |
| OS | ${os.type()} ${os.release()} |
| Node | ${process.version} (better-sqlite3, SQLite ${sqliteVersion}) |
| load average | ${loadBefore.map((x) => x.toFixed(2)).join(' ')} before, ${loadAfter.map((x) => x.toFixed(2)).join(' ')} after |
${busy ? `\n**The machine was busy with other work during this run** (load average above its ${os.cpus().length} CPUs): whole-process times\nspread widely, so read the in-process rows for the cost of signing and re-run on a quiet machine for the process figures.\n` : ''}
The ledger: bench/generate.mjs (seed 1), ${int(HOUSEHOLDS)} households, ${Object.keys(plan.fees).length} years billed (${buildSteps.map((s) => `${s.name} ${fmt(s.ms)}`).join('; ')}).
\`collect\` runs on it with its ${int(ROWS)} collections imported; \`import collections\` imports those ${int(ROWS)} rows into a fresh
copy of the billed ledger each time, with \`--allow-duplicates\` (the generated file has households paying the same
amount twice on one day, e.g. two years' fees; without the flag the import refuses them as duplicates).

There is **no switch that turns signing off**: every write command's commit is signed (src/cli/runtime.ts installs
\`signCommit\` whenever passphrases are available, and \`main\` always provides them). So "without signing" is measured
as the same CLI with its key derivation served from a cache: a \`node -r\` preload (written by the script into its temp
folder) replaces \`crypto.scryptSync\` — the first run derives the key and stores it, every later run reads it back.
Both variants run with the preload (the signed one only counts the calls), so they differ in the key derivation alone;
the AES-GCM unseal and the Ed25519 signature are still made, and both ledgers verify. Each command here unlocked
${scryptPerRun.join(' or ')} key (the collector's: one scrypt per signer per command; \`spend\`, \`void\`, \`refund\` and waivers
also unlock the approver's, so twice this cost).

### (a) One \`collect\`

| | median | range |
| --- | ---: | ---: |
| \`node -e 0\` | ${fmt(M.node)} | ${range(T.node)} |
| \`ledger --help\` (start-up) | ${fmt(M.help)} | ${range(T.help)} |
| \`ledger collect CODE 500 --json\`, signed (as shipped) | **${fmt(M.collect)}** | ${range(T.collect)} |
| the same, scrypt served from the cache | **${fmt(M.collectCached)}** | ${range(T.collectCached)} |
| difference, median of the rounds' paired differences | ${fmt(dCollect)} (${pct(dCollect / M.collect)}), ${verdict(dCollect, noise.collect)} | |
| in-process: scrypt unlock of the collector's sealed key (N=2^15, r=2, p=1, 8 MiB) | ${fmt(M.unlock)} | ${range(T.unlock)} |
| in-process: Ed25519 signature of the commit hash | ${fmt(M.sign)} | ${range(T.sign)} |
| unlock + sign, share of the whole collect process | ${fmt(unlockSign)} (${pct(unlockSign / M.collect)}) | |
| collect process less \`node -e 0\` (what the tool itself takes) | ${fmt(M.collect - M.node)}; signing ${pct(unlockSign / (M.collect - M.node))} of it | |

Inside a collect run in-process through dist's \`main\` (node:crypto timed where the bundle calls it; ${ROUNDS} runs):
${inC.calls} scrypt call(s) taking ${fmt(inC.scrypt)}, ${inC.signs} signature(s) taking ${fmt(inC.sign)}, of ${fmt(inC.total)} for the
whole command (${pct((inC.scrypt + inC.sign) / inC.total)}).

### (b) \`import collections\`, ${int(ROWS)} rows

| | median | rows/s | range |
| --- | ---: | ---: | ---: |
| signed (as shipped) | **${fmt(M.import)}** | ${int(ROWS / (M.import / 1000))} | ${range(T.import)} |
| scrypt served from the cache | **${fmt(M.importCached)}** | ${int(ROWS / (M.importCached / 1000))} | ${range(T.importCached)} |
| difference, median of the rounds' paired differences | ${fmt(dImport)} (${pct(dImport / M.import)}) | | ${verdict(dImport, noise.import)} |
| unlock + sign (from (a)), share of the import | ${fmt(unlockSign)} (${pct(unlockSign / M.import)}) | | |

In-process (${IMPORT_INPROC} runs): ${inI.calls} scrypt call(s) taking ${fmt(inI.scrypt)}, ${inI.signs} signature(s) taking ${fmt(inI.sign)}, of ${fmt(inI.total)}
for the whole import (${pct((inI.scrypt + inI.sign) / inI.total)}). One signature covers the whole commit, so the cost does not grow
with the rows: about ${fmt(unlockSign)} per command, whatever it imports, far below what whole-process runs of
~${fmt(M.import)} can resolve; the in-process figures are the direct measurement.

What the figures say: signing costs each write one key derivation per signer, ${fmt(unlockSign)} here (in-process,
in a collect: ${fmt(inC.scrypt + inC.sign)}) — about ${pct(unlockSign / M.collect)} of a single \`collect\` process (the rest is Node
start-up, loading the bundle and opening the ledger: \`ledger --help\` alone takes ${fmt(M.help)}) and ${pct(unlockSign / M.import)} of a
${int(ROWS)}-row import. The Ed25519 signature itself is negligible (${fmt(M.sign)}).

Reproduce: \`npm run build && node bench/signing.mjs\` (options: \`--rounds N\` (at least 9), \`--households N\`,
\`--import-inproc N\`, \`--no-write\`, \`--keep\` to keep the temp folder with its ledgers and the preload).
`;

process.stdout.write(`${md}\n`);
if (WRITE) {
  const heading = '## Signing cost';
  const old = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  const lines = old.split('\n');
  const start = lines.findIndex((l) => l.trim() === heading);
  let out;
  if (start < 0) out = `${old ? `${old.trimEnd()}\n\n` : '# Signing benchmark\n\n'}${md}`;
  else {
    let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    if (end < 0) end = lines.length;
    out = [...lines.slice(0, start), ...md.trimEnd().split('\n'), ...(end < lines.length ? ['', ...lines.slice(end)] : [''])].join('\n');
  }
  fs.writeFileSync(OUT, out);
  log(`wrote ${path.relative(process.cwd(), OUT)}`);
}
if (KEEP) log(`kept ${tmp}`);
else fs.rmSync(tmp, { recursive: true, force: true });
