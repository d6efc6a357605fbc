import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { expect } from 'vitest';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'bin/ledger.js');
export const FIXTURES = path.join(ROOT, 'fixtures');

/**
 * Every person of a test ledger signs with this passphrase, given through the environment as a
 * script would (the `--by` person's, the approver's, and one chosen for a new key).
 */
export const PASSPHRASE = 'committee-pass-2023';
export const SIGNING_ENV = { LEDGER_PASSPHRASE: PASSPHRASE, LEDGER_APPROVER_PASSPHRASE: PASSPHRASE, LEDGER_NEW_PASSPHRASE: PASSPHRASE } as const;

/** The household codes of the demo compound (fixtures/households.csv), in file order. */
export const FIXTURE_CODES: readonly string[] = fs
  .readFileSync(path.join(FIXTURES, 'households.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',')[0]!);

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The engine the end-to-end tests run on: SQLite, or with LEDGER_TEST_ENGINE=postgres the
 * throwaway cluster test/helpers/pg-setup.ts started for this run (vitest.config.ts runs the
 * same files once per engine).
 */
export const ENGINE: 'sqlite' | 'postgres' = process.env.LEDGER_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
export const onPostgres = ENGINE === 'postgres';

interface TestCluster {
  base: string;
  bin: string;
  user: string;
  port: number;
}
const cluster = (): TestCluster => {
  const c = process.env.LEDGER_TEST_PG;
  if (!c) throw new Error('LEDGER_TEST_ENGINE=postgres needs the cluster of test/helpers/pg-setup.ts (run through vitest)');
  return JSON.parse(c) as TestCluster;
};
let databases = 0;

/** A new, empty database of the test cluster, by URL. */
export function testDatabase(): string {
  const c = cluster();
  const name = `t${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
  const r = spawnSync(path.join(c.bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(c.port), '-U', c.user, name], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`createdb: ${r.stderr}`);
  return `${c.base}/${name}`;
}

/** Runs SQL on a test database with psql, returning its output (unaligned, tuples only). */
export function psql(url: string, query: string): string {
  const c = cluster();
  const r = spawnSync(path.join(c.bin, 'psql'), ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', query], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
  return r.stdout;
}

/** A throwaway folder holding one ledger (a file, or a database of the test cluster), driven through the built `ledger` binary. */
export class TempLedger {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-'));
  readonly db = onPostgres ? testDatabase() : path.join(this.dir, 'test.db');

  constructor(
    /** The fixed clock every command runs at (LEDGER_NOW). */
    public now = '2023-07-15T10:00:00+08:00',
  ) {}

  /** The environment every command runs in: the fixed clock, in English (LANG=en_US), signing passphrases; `env` added. */
  env(env: Record<string, string> = {}): NodeJS.ProcessEnv {
    return { PATH: process.env.PATH, TZ: 'Asia/Shanghai', LANG: 'en_US.UTF-8', LEDGER_NOW: this.now, ...SIGNING_ENV, ...env };
  }

  /** Runs `ledger --db <db> ...args` at the fixed clock, in English (LANG=en_US) unless `--lang` or `env` says otherwise. */
  run(args: string[], env: Record<string, string> = {}): RunResult {
    const r = spawnSync(process.execPath, [BIN, '--db', this.db, ...args], { cwd: this.dir, encoding: 'utf8', env: this.env(env) });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  }

  /** Like run, but fails the test with the command's stderr unless it exits 0. */
  ok(args: string[], env?: Record<string, string>): string {
    const r = this.run(args, env);
    if (r.code !== 0) throw new Error(`ledger ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return r.stdout;
  }

  json<T = any>(args: string[]): T {
    return JSON.parse(this.ok([...args, '--json'])) as T;
  }

  /** Every row of every table, to compare a ledger before and after a refused command. */
  snapshot(): string {
    if (onPostgres) {
      const tables = psql(this.db, "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_schema LIKE 'ledger%' ORDER BY 1").trim().split('\n').filter(Boolean);
      return tables.map((t) => `${t} ${psql(this.db, `SELECT count(*) || ' ' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM ${t} x`).trim()}`).join('\n');
    }
    const db = new BetterSqlite3(this.db, { readonly: true });
    try {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
      return JSON.stringify(tables.map((t) => [t.name, db.prepare(`SELECT * FROM "${t.name}"`).all()]));
    } finally {
      db.close();
    }
  }

  /** A ledger with a chair, a collector and a reimburser, as most tests need. */
  static standard(now?: string): TempLedger {
    const l = new TempLedger(now);
    l.ok(['init', '--name', '测试小区', '--chair', '张主任']);
    l.ok(['--by', '张主任', 'role', 'add', '李会计', 'collector']);
    l.ok(['--by', '张主任', 'role', 'add', '王出纳', 'reimburser']);
    l.ok(['--by', '张主任', 'role', 'add', '赵监督', 'supervisor']);
    return l;
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Runs a command that must be refused: the exit code, an `error:` message matching
 * `message`, no stack trace, nothing on stdout, and the ledger exactly as it was.
 */
export function expectRefused(l: TempLedger, args: string[], code: 1 | 2, message: RegExp, env?: Record<string, string>): RunResult {
  const before = l.snapshot();
  const r = l.run(args, env);
  expect(r.stderr).toMatch(/^error: /);
  expect(r.stderr).toMatch(message);
  expect(r.code).toBe(code);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
  expect(l.snapshot()).toBe(before);
  return r;
}
