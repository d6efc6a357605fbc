import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, FIXTURES, TempLedger, FIXTURE_CODES } from '../helpers/run-ledger.js';

/**
 * Faults, with real separate processes: two collectors at the same moment, and a bulk import
 * killed with SIGKILL half-way. Nothing may be lost, numbered twice or half-written.
 */

const chair = ['--by', '张主任'];
const collector = ['--by', '李会计'];
const ledgers: TempLedger[] = [];
afterAll(() => {
  for (const l of ledgers) l.cleanup();
});

const codes = FIXTURE_CODES;

function start(l: TempLedger, args: string[]) {
  const child = spawn(process.execPath, [BIN, '--db', l.db, ...args], {
    env: l.env(),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

function count(l: TempLedger, where = '1'): number {
  const db = new BetterSqlite3(l.db, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM entries WHERE ${where}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function ledgerWithHouseholds(): TempLedger {
  const l = TempLedger.standard();
  ledgers.push(l);
  l.ok([...chair, 'household', 'import', path.join(FIXTURES, 'households.csv')]);
  l.ok([...chair, 'bill', '2022']);
  return l;
}

describe('two collectors at the same moment', () => {
  it('2 × 20 parallel collect processes get distinct, consecutive receipts and nothing is lost', async () => {
    const l = ledgerWithHouseholds();
    // Two collectors (at two gates), twenty payments each, all started at once.
    l.ok([...chair, 'role', 'add', '周收费', 'collector']);
    const gates = [
      { by: '李会计', codes: codes.slice(0, 20) },
      { by: '周收费', codes: codes.slice(20, 40) },
    ];
    const runs = gates.flatMap((g) => g.codes.map((code) => start(l, ['--by', g.by, '--json', 'collect', code, '500', '--date', '2022-07-01']).done));
    const results = await Promise.all(runs);
    expect(results.map((r) => [r.code, r.stderr.replace(/^the ledger is busy with another write; waiting for it \(up to 5 minutes\) \.\.\.\n/, "")])).toEqual(results.map(() => [0, ""]));
    const receipts = results.map((r) => JSON.parse(r.stdout).receipt as string).sort();
    expect(receipts).toEqual(Array.from({ length: 40 }, (_, i) => `R2022-${String(i + 1).padStart(4, '0')}`));
    expect(count(l, "kind = 'collection'")).toBe(40);
    const v = l.json(['verify']);
    expect(v).toMatchObject({ ok: true, balance_fen: 40 * 50000 });
    expect(v.numbering).toEqual([{ series: 'R2022', count: 40, first: 'R2022-0001', last: 'R2022-0040' }]);
  });
});

describe('a bulk import killed half-way', () => {
  const ROWS = 50_000;

  function bigCsv(l: TempLedger): string {
    const file = path.join(l.dir, 'big.csv');
    const lines = ['date,code,amount,method'];
    for (let i = 0; i < ROWS; i++) {
      const day = new Date(Date.UTC(2022, 0, 1 + (i % 365))).toISOString().slice(0, 10);
      lines.push(`${day},${codes[i % codes.length]},${(i % 500) + 1},cash`);
    }
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  }

  /** Starts the import and SIGKILLs it once its uncommitted work has reached `walBytes` in the WAL. */
  async function killMidway(l: TempLedger, file: string, walBytes: number) {
    const run = start(l, [...collector, 'import', 'collections', file]);
    let killedAt = -1;
    const poll = setInterval(() => {
      let size = 0;
      try {
        size = fs.statSync(`${l.db}-wal`).size;
      } catch {
        // not there yet
      }
      if (size >= walBytes && killedAt < 0) {
        killedAt = size;
        run.child.kill('SIGKILL');
      }
    }, 2);
    const r = await run.done;
    clearInterval(poll);
    return { ...r, killedAt };
  }

  it('leaves none of it when killed mid-way, all of it when left to finish; verify passes each time', async () => {
    const l = ledgerWithHouseholds();
    const file = bigCsv(l);
    const before = count(l);
    const snapshot = l.snapshot();

    for (const walBytes of [256 * 1024, 4 * 1024 * 1024]) {
      const r = await killMidway(l, file, walBytes);
      expect(r.signal, `killed at ${r.killedAt} bytes of WAL`).toBe('SIGKILL');
      // The next command recovers the ledger from the WAL: not one row of the import is in it.
      expect(l.json(['verify'])).toMatchObject({ ok: true, entries: before });
      expect(count(l)).toBe(before);
      expect(l.snapshot()).toBe(snapshot);
    }

    const done = await start(l, [...collector, 'import', 'collections', file]).done;
    expect(done.code).toBe(0);
    expect(count(l)).toBe(before + ROWS);
    const v = l.json(['verify']);
    expect(v).toMatchObject({ ok: true, entries: before + ROWS });
    expect(v.numbering).toEqual([{ series: 'R2022', count: ROWS, first: 'R2022-0001', last: 'R2022-50000' }]);
  }, 180_000);
});
