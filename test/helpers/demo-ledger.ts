import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, SIGNING_ENV, TempLedger } from './run-ledger.js';

/** The clock the demo compound is built and reported at. */
export const DEMO_NOW = '2023-07-15T10:00:00+08:00';

/** Everything the demo ledger is made from: the demo script, the fixtures, the schema, the built bundle. */
function inputsHash(): string {
  const h = createHash('sha256');
  const files = [
    'scripts/demo.mjs',
    'dist/ledger.cjs',
    ...fs.readdirSync(path.join(ROOT, 'fixtures'), { withFileTypes: true }).filter((f) => f.isFile()).map((f) => `fixtures/${f.name}`),
    ...fs.readdirSync(path.join(ROOT, 'schema'), { withFileTypes: true }).filter((f) => f.isFile()).map((f) => `schema/${f.name}`),
  ].sort();
  for (const f of files) h.update(f).update('\0').update(fs.readFileSync(path.join(ROOT, f))).update('\0');
  return h.update(DEMO_NOW).digest('hex').slice(0, 16);
}

/**
 * The demo compound (工行小区) exactly as `npm run demo` builds it: the demo script itself is
 * run, at the fixed clock DEMO_NOW, so golden files and notices follow the demo's steps. The
 * ledger is built once per set of inputs and kept in the system's temporary folder; every
 * caller gets its own copy in a fresh TempLedger.
 */
export function demoLedger(): TempLedger {
  const cache = path.join(os.tmpdir(), `ledger-demo-cache-${inputsHash()}.db`);
  if (!fs.existsSync(cache)) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts/demo.mjs')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, TZ: 'Asia/Shanghai', LANG: 'C', LEDGER_LANG: 'zh', LEDGER_NOW: DEMO_NOW, ...SIGNING_ENV },
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.status !== 0) throw new Error(`the demo failed (exit ${r.status}): ${r.stderr}\n${r.stdout.slice(-2000)}`);
    const m = /demo ledger: (.+\.db)\s*$/m.exec(r.stdout);
    if (!m) throw new Error('the demo did not say where its ledger is');
    const built = m[1]!.trim();
    // Copy then rename: another test file building at the same time never sees half a file.
    const temp = `${cache}.${process.pid}.tmp`;
    fs.copyFileSync(built, temp);
    fs.renameSync(temp, cache);
    fs.rmSync(path.dirname(built), { recursive: true, force: true });
    // Ledgers built from older inputs are of no more use.
    for (const f of fs.readdirSync(os.tmpdir())) {
      if (/^ledger-demo-cache-[0-9a-f]{16}\.db$/.test(f) && path.join(os.tmpdir(), f) !== cache) fs.rmSync(path.join(os.tmpdir(), f), { force: true });
    }
  }
  const l = new TempLedger(DEMO_NOW);
  fs.copyFileSync(cache, l.db);
  return l;
}
