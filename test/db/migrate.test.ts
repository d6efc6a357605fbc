import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate, type Migration } from '../../src/db/sqlite/migrate.js';
import { LedgerError } from '../../src/domain/errors.js';

const now = new Date('2023-07-15T10:00:00+08:00');
const fake = (version: number, sql: string): Migration => ({ version, name: `${String(version).padStart(4, '0')}_t.sql`, sql, sha256: `h${version}${sql.length}` });

describe('migrations', () => {
  it('applies the schema files in order and records them', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, now);
    const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
    expect(applied.map((a) => a.name)).toEqual(loadMigrations().map((m) => m.name));
    expect(applied[0]).toEqual({ version: 1, name: '0001_ledger.sql' });
    // Opening again applies nothing new.
    migrate(db, now);
    expect(db.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: applied.length });
  });

  it('applies only what is pending, in one transaction', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, now, [fake(1, 'CREATE TABLE a (x)')]);
    migrate(db, now, [fake(1, 'CREATE TABLE a (x)'), fake(2, 'CREATE TABLE b (x)')]);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name IN ('a','b')").get()).toEqual({ n: 2 });
    // A failing migration leaves nothing of itself or of the ones before it in the batch.
    expect(() => migrate(db, now, [fake(1, 'CREATE TABLE a (x)'), fake(2, 'CREATE TABLE b (x)'), fake(3, 'CREATE TABLE c (x)'), fake(4, 'SYNTAX ERROR')])).toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'c'").get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT max(version) AS v FROM schema_migrations').get()).toEqual({ v: 2 });
  });

  it.each([
    ['a migration unknown to this program (a newer ledger)', [fake(1, 'CREATE TABLE a (x)')]],
    ['a changed migration file', [{ ...fake(1, 'CREATE TABLE a (x)'), sha256: 'other' }, fake(2, 'CREATE TABLE b (x)')]],
    ['migrations out of order', [fake(2, 'CREATE TABLE b (x)'), fake(1, 'CREATE TABLE a (x)')]],
  ])('refuses %s', (_name, files) => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, now, [fake(1, 'CREATE TABLE a (x)'), fake(2, 'CREATE TABLE b (x)')]);
    let error: unknown;
    try {
      migrate(db, now, files as Migration[]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LedgerError);
    expect((error as LedgerError).exitCode).toBe(1);
    expect((error as LedgerError).text.en).toMatch(/does not match this program/);
  });
});
