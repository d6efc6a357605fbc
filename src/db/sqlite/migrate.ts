import { nodeCrypto } from '../../domain/node-crypto.js';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { RuleError, text } from '../../domain/errors.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  sha256: string;
}

/** The `schema/` folder shipped with the package (next to `dist/` and `src/`). */
export function schemaDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'schema');
    if (fs.existsSync(path.join(candidate, '0001_ledger.sql'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`schema/ not found above ${__dirname}`);
}

/**
 * The migrations of both engines as the build read them from `schema/` (scripts/build.mjs puts
 * them into the bundle: every command checks its ledger's migrations, and reading a dozen files
 * and hashing them, node:crypto loaded for it, was 5 ms of every start). Undefined when run
 * from source: then they are read from the folder.
 */
declare const LEDGER_SCHEMA: { sqlite: Migration[]; postgres: Migration[] } | undefined;

/** The migrations of one engine: those the bundle holds, or `schema/` (`postgres`: `schema/postgres/`) read now. */
export function migrationsOf(engine: 'sqlite' | 'postgres'): Migration[] {
  if (typeof LEDGER_SCHEMA !== 'undefined') return LEDGER_SCHEMA[engine];
  return loadMigrations(engine === 'sqlite' ? schemaDir() : path.join(schemaDir(), 'postgres'));
}

/** `NNNN_name.sql` in `dir`, in order, with their SHA-256. */
export function loadMigrations(dir: string): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = fs.readFileSync(path.join(dir, f), 'utf8');
      return {
        version: Number(f.slice(0, 4)),
        name: f,
        sql,
        sha256: nodeCrypto().createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/**
 * The migrations this database has not seen yet, without writing anything. Refuses a database
 * whose applied migrations are not a prefix of the files on disk: it was written by another
 * version of the tool, or its schema was changed by hand.
 */
export function pendingMigrations(sqlite: BetterSqlite3.Database, migrations = migrationsOf('sqlite')): Migration[] {
  const table = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!table) return migrations;
  const applied = sqlite.prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version').all() as Migration[];
  applied.forEach((a, i) => {
    const m = migrations[i];
    if (!m || m.version !== a.version || m.name !== a.name || m.sha256 !== a.sha256) {
      throw new RuleError(
        text(
          `账本的结构版本（${a.name}）与本程序不符：它由另一版本的 ledger 写成，或被手工改动过。请使用相应版本的 ledger。`,
          `this ledger's schema (${a.name}) does not match this program: it was written by another version of ledger or changed by hand. Use the matching version of ledger.`,
        ),
      );
    }
  });
  return migrations.slice(applied.length);
}

/** Its text is compared by `verify` with the one every ledger was made with: keep it exactly. */
const MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`;

/**
 * Applies the migrations this database has not seen, in one transaction, and records them;
 * returns those applied (none: nothing was written). Refuses a mismatched database as
 * `pendingMigrations` does.
 */
export function migrate(sqlite: BetterSqlite3.Database, now: Date, migrations = migrationsOf('sqlite')): Migration[] {
  const pending = pendingMigrations(sqlite, migrations);
  if (pending.length === 0) return [];
  // A migration may rebuild a table others refer to (schema/0005 rebuilds `entries`), which
  // SQLite does with foreign keys off (https://sqlite.org/lang_altertable.html, "other kinds of
  // table schema changes"); they are checked before the transaction commits, and back on after.
  const foreignKeys = sqlite.pragma('foreign_keys', { simple: true }) as number;
  if (foreignKeys) sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite.transaction(() => {
      sqlite.exec(MIGRATIONS_TABLE);
      const record = sqlite.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
      for (const m of pending) {
        sqlite.exec(m.sql);
        record.run(m.version, m.name, m.sha256, now.toISOString());
      }
      const broken = sqlite.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`the migration leaves ${broken.length} broken reference(s); nothing was changed`);
    }).immediate();
  } finally {
    if (foreignKeys) sqlite.pragma('foreign_keys = ON');
  }
  return pending;
}
