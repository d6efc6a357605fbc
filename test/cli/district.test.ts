// The district on PostgreSQL: many compounds in one database, kept apart; several collectors
// writing at once without gaps; copies between engines with the same head; the street
// office's report; faults that leave nothing half-written. Runs in the postgres project only
// (vitest.config.mts), on the cluster the run started.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, SIGNING_ENV, TempLedger, psql, testDatabase } from '../helpers/run-ledger.js';

const ledgers: TempLedger[] = [];
afterAll(() => {
  for (const l of ledgers) l.cleanup();
});

/** A database holding two compounds, each with its committee and households. */
function district(): TempLedger {
  const l = new TempLedger();
  ledgers.push(l);
  for (const [name, chair, collector] of [
    ['甲小区', '张主任', '李会计'],
    ['乙小区', '钱主任', '孙会计'],
  ] as const) {
    l.ok(['init', '--name', name, '--chair', chair]);
    const c = ['--compound', name];
    l.ok([...c, '--by', chair, 'role', 'add', collector, 'collector']);
    l.ok([...c, '--by', chair, 'role', 'add', `${name}出纳`, 'reimburser']);
    l.ok([...c, '--by', chair, 'role', 'add', `${name}监督`, 'supervisor']);
    for (const code of ['1-1-101', '1-1-102', '1-1-103']) l.ok([...c, '--by', chair, 'household', 'add', code, '--owner', `${name}${code}`, '--area', '80']);
    l.ok([...c, '--by', chair, 'bill', '2023']);
  }
  return l;
}

function runAsync(l: TempLedger, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, '--db', l.db, ...args], {
      env: l.env(),
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('many compounds in one database', () => {
  it('each keeps its own journal, numbering, roles and keys; --compound is needed when there are several', () => {
    const l = district();
    const r = l.run(['status']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: the database holds 2 compounds; pick one with --compound: 乙小区, 甲小区/);
    expect(l.json(['--compound', '甲小区', '--by', '李会计', 'collect', '1-1-101', '500', '--date', '2023-02-01']).receipt).toBe('R2023-0001');
    expect(l.json(['--compound', '乙小区', '--by', '孙会计', 'collect', '1-1-101', '200', '--date', '2023-02-01']).receipt).toBe('R2023-0001');
    // The collector of one compound is nobody in the other.
    const cross = l.run(['--compound', '乙小区', '--by', '李会计', 'collect', '1-1-102', '500']);
    expect(cross.code).toBe(1);
    expect(cross.stderr).toMatch(/李会计 is not the collector/);
    const unknown = l.run(['--compound', '丙小区', 'status']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^error: there is no compound "丙小区" in postgres:\/\/.* \(there are: 乙小区, 甲小区\)/);
    const a = l.json(['--compound', '甲小区', 'arrears']);
    const b = l.json(['--compound', '乙小区', 'arrears']);
    expect([a.total_fen, b.total_fen]).toEqual([100000, 130000]);
    expect(l.json(['--compound', '甲小区', 'verify']).ok).toBe(true);
    expect(l.json(['--compound', '乙小区', 'verify']).ok).toBe(true);
    // Nothing of one compound in the other's tables.
    const schemas = psql(l.db, 'SELECT name, schema FROM ledger.compounds ORDER BY name').trim().split('\n').map((x) => x.split('|'));
    expect(schemas.map((s) => s[0])).toEqual(['乙小区', '甲小区']);
    const owners = psql(l.db, `SELECT count(*) FROM ${schemas[0]![1]}.entries WHERE detail LIKE '%甲小区%' OR recorded_by = '李会计'`).trim();
    expect(owners).toBe('0');
  });

  it('district report: one row per compound, each verified, with the district’s totals', () => {
    const l = district();
    l.ok(['--compound', '甲小区', '--by', '李会计', 'collect', '1-1-101', '500', '--date', '2023-02-01']);
    l.ok(['--compound', '乙小区', '--by', '孙会计', 'collect', '1-1-102', '300', '--date', '2023-03-01']);
    l.ok(['--compound', '乙小区', '--by', '乙小区出纳', 'spend', '100', '--category', '保洁', '--payee', '保洁员', '--item', '三月保洁', '--approved-by', '钱主任', '--date', '2023-03-31']);
    const r = l.json(['district', 'report', '--half', '2023H1']);
    expect(r.period).toEqual({ from: '2023-01-01', to: '2023-06-30', label: '2023H1' });
    expect(r.compounds).toEqual([
      // In the order of their names as the engine sorts text (byte by byte): 乙 U+4E59 before 甲 U+7532.
      { name: '乙小区', households: 3, billed_fen: 150000, collected_fen: 30000, opening_balance_fen: 0, income_total_fen: 30000, expense_total_fen: 10000, closing_balance_fen: 20000, arrears_fen: 120000, locked_through: null, verified: true },
      { name: '甲小区', households: 3, billed_fen: 150000, collected_fen: 50000, opening_balance_fen: 0, income_total_fen: 50000, expense_total_fen: 0, closing_balance_fen: 50000, arrears_fen: 100000, locked_through: null, verified: true },
    ]);
    expect(r.totals).toEqual({ households: 6, billed_fen: 300000, collected_fen: 80000, income_total_fen: 80000, expense_total_fen: 10000, closing_balance_fen: 70000, arrears_fen: 220000 });
    const table = l.ok(['district', 'report', '--half', '2023H1', '--lang', 'zh']);
    expect(table).toMatch(/甲小区 .*│\s+3 │\s+1,500.00 │\s+500.00 │/);
    expect(table).toMatch(/合计 .*│\s+6 │\s+3,000.00 │\s+800.00 │/);
    const csv = l.ok(['district', 'report', '--half', '2023H1', '--format', 'csv']);
    expect(csv.split('\r\n')[1]).toBe('乙小区,3,1500.00,300.00,0.00,300.00,100.00,200.00,1200.00,,yes');
  });
});

describe('several writers at once', () => {
  it('4 processes × 10 collections into one compound: consecutive receipts, one unbroken chain, nothing lost or doubled', async () => {
    const l = district();
    const c = ['--compound', '甲小区', '--by', '李会计'];
    const runs = await Promise.all(
      [0, 1, 2, 3].map(async (w) => {
        const out: string[] = [];
        for (let i = 0; i < 10; i++) {
          const r = await runAsync(l, [...c, 'collect', `1-1-10${(w % 3) + 1}`, '1', '--date', '2023-05-01', '--json']);
          expect(r.stderr).toBe('');
          out.push(JSON.parse(r.stdout).receipt);
        }
        return out;
      }),
    );
    const receipts = runs.flat().sort();
    expect(receipts).toEqual(Array.from({ length: 40 }, (_, i) => `R2023-${String(i + 1).padStart(4, '0')}`));
    const v = l.json(['--compound', '甲小区', 'verify']);
    expect(v.ok).toBe(true);
    expect(v.kinds.collection).toBe(40);
    expect(v.numbering).toContainEqual({ series: 'R2023', count: 40, first: 'R2023-0001', last: 'R2023-0040' });
  });
});

describe('copy --to between engines', () => {
  it('PostgreSQL -> SQLite file -> another PostgreSQL database: the same head, verified, the same report', () => {
    const l = district();
    l.ok(['--compound', '甲小区', '--by', '李会计', 'collect', '1-1-101', '800', '--date', '2023-02-01']);
    const head = l.json(['--compound', '甲小区', 'verify']).head;
    const file = path.join(l.dir, 'copy.db');
    const c = l.json(['--compound', '甲小区', 'copy', '--to', file]);
    expect(c).toMatchObject({ compound: '甲小区', head, verified: true });
    const onFile = spawnSync(process.execPath, [BIN, '--db', file, 'verify', '--json', '--expect', `${head.seq}:${head.code}`], { encoding: 'utf8', env: { PATH: process.env.PATH, LEDGER_NOW: l.now } });
    expect(onFile.status).toBe(0);
    expect(JSON.parse(onFile.stdout).head).toEqual(head);
    const other = testDatabase();
    const back = spawnSync(process.execPath, [BIN, '--db', file, 'copy', '--to', other, '--json'], { encoding: 'utf8', env: { PATH: process.env.PATH, LEDGER_NOW: l.now } });
    expect(back.status).toBe(0);
    expect(JSON.parse(back.stdout).head).toEqual(head);
    const report = (db: string) => JSON.parse(spawnSync(process.execPath, [BIN, '--db', db, 'report', '--year', '2023', '--json'], { encoding: 'utf8', env: { PATH: process.env.PATH, LEDGER_NOW: l.now } }).stdout);
    const a = l.json(['--compound', '甲小区', 'report', '--year', '2023']);
    expect(report(file)).toEqual(a);
    expect(report(other)).toEqual(a);
    // The copy is a ledger people can go on writing in, with the same keys and passphrases.
    const more = spawnSync(process.execPath, [BIN, '--db', other, '--by', '李会计', 'collect', '1-1-102', '500', '--json'], { encoding: 'utf8', env: { PATH: process.env.PATH, LEDGER_NOW: l.now, ...SIGNING_ENV } });
    expect(more.status).toBe(0);
    expect(JSON.parse(more.stdout).receipt).toBe('R2023-0002');
  });

  it('refuses a target that exists, leaving it as it was', () => {
    const l = district();
    const file = path.join(l.dir, 'exists.db');
    fs.writeFileSync(file, 'mine');
    const r = l.run(['--compound', '甲小区', 'copy', '--to', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already exists/);
    expect(fs.readFileSync(file, 'utf8')).toBe('mine');
    const again = l.run(['--compound', '甲小区', 'copy', '--to', l.db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a compound "甲小区"/);
  });
});

describe('faults: a clear one-line error, nothing half-written', () => {
  const run = (db: string, args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, '--db', db, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8', ...SIGNING_ENV } });
    return { code: r.status, stderr: r.stderr };
  };

  it('a wrong URL, a refused connection, a missing database', () => {
    const l = district();
    const u = new URL(l.db);
    const bad = run('postgres://', ['status']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringMatching(/^error: not a valid database URL: postgres:\/\/ \(expected postgres:\/\/USER\[:PASSWORD\]@HOST\[:PORT\]\/DATABASE\)\n$/)]);
    const refused = run(`postgres://${u.username}@127.0.0.1:1/x`, ['status']);
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringMatching(/^error: cannot reach the database server at postgres:\/\/.*127\.0\.0\.1:1\/x \(ECONNREFUSED\); nothing was changed\n$/)]);
    const missing = run(`${u.protocol}//${u.username}@${u.host}/no_such_db`, ['status']);
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/^error: no such database: .*no_such_db/)]);
    const password = run(`postgres://${u.username}:secret@127.0.0.1:1/x`, ['status']);
    expect(password.stderr).not.toMatch(/secret/);
  });

  it('a server connection cut mid-import: the import fails and nothing of it is written', async () => {
    const l = district();
    const before = l.snapshot();
    const csv = path.join(l.dir, 'big.csv');
    const lines = ['date,code,amount,method'];
    for (let i = 0; i < 60000; i++) lines.push(`2023-04-01,1-1-10${(i % 3) + 1},0.01,cash`);
    fs.writeFileSync(csv, `${lines.join('\n')}\n`);
    const importing = runAsync(l, ['--compound', '甲小区', '--by', '李会计', 'import', 'collections', csv, '--allow-duplicates']);
    // Wait until the import holds the compound's lock, then cut its connection.
    for (let i = 0; i < 200; i++) {
      const n = psql(l.db, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'").trim();
      if (n !== '0') break;
      await new Promise((r) => setTimeout(r, 25));
    }
    psql(l.db, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    const r = await importing;
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(l.snapshot()).toBe(before);
    expect(l.json(['--compound', '甲小区', 'verify']).ok).toBe(true);
  });

  it('the journal is append-only on the server too; an edit behind the tool’s back is named by verify', () => {
    const l = district();
    l.ok(['--compound', '甲小区', '--by', '李会计', 'collect', '1-1-101', '500', '--date', '2023-02-01']);
    const schema = psql(l.db, "SELECT schema FROM ledger.compounds WHERE name = '甲小区'").trim();
    expect(() => psql(l.db, `UPDATE ${schema}.entries SET amount_fen = 5 WHERE kind = 'collection'`)).toThrow(/append-only/);
    psql(l.db, `ALTER TABLE ${schema}.entries DISABLE TRIGGER entries_append_only; UPDATE ${schema}.entries SET amount_fen = 5, cash_fen = 5 WHERE kind = 'collection'`);
    const r = l.run(['--compound', '甲小区', 'verify', '--json']);
    expect(r.code).toBe(1);
    const problems = JSON.parse(r.stdout).problems.map((p: { text: { en: string } }) => p.text.en);
    expect(problems).toContainEqual(expect.stringMatching(/R2023-0001.*hash/));
    expect(problems).toContainEqual(expect.stringMatching(/trigger entries_append_only/));
  });
});
