/**
 * The schema of a compound on PostgreSQL: schema/postgres/NNNN_name.sql applied in order inside
 * the compound's schema (the session's search_path), each recorded with its sha256 as the
 * SQLite migrations are (db/migrate.ts). A compound whose recorded migrations are not a prefix
 * of the files was written by another version, and is refused.
 */
import type pg from 'pg';
import { RuleError, text } from '../../domain/errors.js';
import { migrationsOf, type Migration } from '../sqlite/migrate.js';

export const postgresMigrations = (): Migration[] => migrationsOf('postgres');

export async function applyPostgresMigrations(client: pg.Client, now: Date): Promise<Migration[]> {
  const migrations = postgresMigrations();
  const has = await client.query(`SELECT to_regclass('schema_migrations') AS t`);
  if (!has.rows[0]?.t) {
    await client.query(`CREATE TABLE schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT COLLATE "C" NOT NULL,
      sha256     TEXT COLLATE "C" NOT NULL,
      applied_at TEXT COLLATE "C" NOT NULL
    )`);
  }
  const applied = (await client.query('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')).rows as Migration[];
  applied.forEach((a, i) => {
    const m = migrations[i];
    if (!m || m.version !== a.version || m.name !== a.name || m.sha256 !== a.sha256) {
      throw new RuleError(
        text(
          `账本的结构版本（${a.name}）与本程序不符：它由另一版本的 ledger 写成，或被手工改动过。`,
          `this ledger's schema (${a.name}) does not match this program: it was written by another version of ledger or changed by hand.`,
        ),
      );
    }
  });
  const pending = migrations.slice(applied.length);
  for (const m of pending) {
    await client.query(m.sql);
    await client.query('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES ($1, $2, $3, $4)', [m.version, m.name, m.sha256, now.toISOString()]);
  }
  return pending;
}
