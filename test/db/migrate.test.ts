import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, migrationsOf, type Migration } from '../../src/db/sqlite/migrate.js';
import { LedgerError } from '../../src/domain/errors.js';
import { billYear } from '../../src/app/billing.js';
import { collectFee } from '../../src/app/collections.js';
import type { AppContext } from '../../src/app/context.js';
import { registerHouseholds } from '../../src/app/households.js';
import { verifyLedger } from '../../src/app/integrity.js';
import { journalWriter } from '../../src/db/journal.js';
import { wrapSqlite } from '../../src/db/open-database.js';
import { appendRegister } from '../../src/db/register-repo.js';
import { expectedSqliteSchemaObjects, sqliteSchemaObjects } from '../../src/db/sqlite/schema-objects.js';
import { Projection } from '../../src/domain/projection.js';

const now = new Date('2023-07-15T10:00:00+08:00');
const fake = (version: number, sql: string): Migration => ({ version, name: `${String(version).padStart(4, '0')}_t.sql`, sql, sha256: `h${version}${sql.length}` });

describe('migrations', () => {
  it('applies the schema files in order and records them', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(db, now);
    const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as { version: number; name: string }[];
    expect(applied.map((a) => a.name)).toEqual(migrationsOf('sqlite').map((m) => m.name));
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

describe('schema/0007: an entry’s hash is not a UNIQUE key', () => {
  /** A ledger as the version before 0007 made it (schema 0001-0006), with a little history. */
  async function ledgerBefore0007(): Promise<AppContext> {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.pragma('foreign_keys = ON');
    migrate(sqlite, now, migrationsOf('sqlite').filter((m) => m.version <= 6));
    // Today's code, which writes this history, reads households' entries through schema/0010's
    // index: it is there while the history is written, and dropped after, as 0001-0006 had none.
    sqlite.exec(migrationsOf('sqlite').find((m) => m.version === 10)!.sql);
    const ledger = wrapSqlite(':memory:', sqlite);
    const meta = { date: '2000-01-01', recordedAt: now.toISOString(), recordedBy: '张主任', approvedBy: null };
    sqlite.transaction(() =>
      appendRegister(ledger, journalWriter(ledger), new Projection(), [
        { ...meta, kind: 'appointment', person: '张主任', role: 'chair' },
        { ...meta, kind: 'setting', key: 'name', value: '测试小区' },
        { ...meta, kind: 'appointment', person: '李会计', role: 'collector' },
        { ...meta, kind: 'appointment', person: '王出纳', role: 'reimburser' },
      ]),
    )();
    const ctx: AppContext = { ledger, by: '张主任', now };
    await registerHouseholds(ctx, [
      { code: '1-1-101', owner: '王五', areaCenti: 8650, phone: null, since: null },
      { code: '1-1-102', owner: '赵六', areaCenti: 9000, phone: null, since: null },
    ]);
    await billYear(ctx, 2022);
    await collectFee({ ...ctx, by: '李会计' }, { code: '1-1-101', amountFen: 60000, date: '2022-03-01', method: 'cash' });
    await collectFee({ ...ctx, by: '李会计' }, { code: '1-1-102', amountFen: 80000, date: '2022-04-01', method: 'wechat', paperReceipt: 'No.7' });
    sqlite.exec('DROP INDEX entries_register_households');
    return ctx;
  }
  const entriesOf = (sqlite: BetterSqlite3.Database) => sqlite.prepare('SELECT * FROM entries ORDER BY seq').all();
  const allocationsOf = (sqlite: BetterSqlite3.Database) => sqlite.prepare('SELECT * FROM allocations ORDER BY entry_seq, year').all();
  /** The columns of `entries` covered by a UNIQUE index (the constraint's own, or a created one). */
  const uniqueColumns = (sqlite: BetterSqlite3.Database) =>
    (sqlite.pragma('index_list(entries)') as { name: string; unique: number; partial: number }[])
      .filter((i) => i.unique && !i.partial)
      .map((i) => (sqlite.pragma(`index_info(${i.name})`) as { name: string }[]).map((c) => c.name).join(','))
      .sort();

  it('rebuilds entries with every row unchanged, the indexes and triggers as they were, and verify passes', async () => {
    const ctx = await ledgerBefore0007();
    const sqlite = ctx.ledger.sqlite!;
    const rows = entriesOf(sqlite);
    const allocations = allocationsOf(sqlite);
    const objects = (db: BetterSqlite3.Database) => sqliteSchemaObjects(db).filter((o) => o.type !== 'table' || o.name !== 'entries');
    const before = objects(sqlite);
    expect(uniqueColumns(sqlite)).toEqual(['hash', 'number']);

    expect(migrate(sqlite, now, migrationsOf('sqlite').filter((m) => m.version <= 7)).map((m) => m.name)).toEqual(['0007_hash_not_unique.sql']);
    expect(entriesOf(sqlite)).toEqual(rows);
    expect(allocationsOf(sqlite)).toEqual(allocations);
    expect(uniqueColumns(sqlite)).toEqual(['number']);
    // Every other object is exactly as before (the indexes and triggers on entries included).
    expect(objects(sqlite)).toEqual(before);
    // After the later files, the whole schema is what a new ledger gets.
    migrate(sqlite, now);
    expect(sqliteSchemaObjects(sqlite)).toEqual(expectedSqliteSchemaObjects(now));
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    const report = await verifyLedger(ctx.ledger, now);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    // The journal stays append-only.
    expect(() => sqlite.exec('UPDATE entries SET amount_fen = 1 WHERE seq = 1')).toThrow(/append-only/);
    expect(() => sqlite.exec('DELETE FROM entries WHERE seq = 1')).toThrow(/append-only/);
  });

  it('a repeated hash is still caught, by the chain', async () => {
    const ctx = await ledgerBefore0007();
    const sqlite = ctx.ledger.sqlite!;
    migrate(sqlite, now);
    // An entry copied behind the tool's back, hash and all, at the end of the journal.
    sqlite.exec(`INSERT INTO entries SELECT seq + 1000, kind, NULL, date, household, year, amount_fen, cash_fen, category, party, item, method,
      note, approved_by, ref, vote, rule, choice, end_date, target_seq, detail, recorded_at, recorded_by, prev_hash, hash
      FROM entries WHERE seq = (SELECT MAX(seq) FROM entries)`);
    const report = await verifyLedger(ctx.ledger, now);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.check)).toContain('chain');
  });
});
