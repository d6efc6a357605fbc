import { upgradeRegisters } from './sqlite/upgrade.js';
import fs from 'node:fs';
import path from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { sqliteConnection } from './sqlite/connection.js';
import { Kysely, SqliteDialect } from 'kysely';
import { InputError, RuleError, text } from '../domain/errors.js';
import type { Database } from './tables.js';
import { migrate, pendingMigrations, type Migration } from './sqlite/migrate.js';
import type { SqlDialect } from './dialect.js';
import { sqliteDialect } from './sqlite/dialect.js';
import { closePostgres, exec, type PgSession } from './postgres/connect.js';

/**
 * An open ledger: kysely over it, the engine's own handle (better-sqlite3's connection for
 * transactions and prepared hot paths, or the PostgreSQL session of db/postgres/), and the
 * SQL constructs that differ between the two.
 */
export interface LedgerDb {
  /** The file, or the PostgreSQL URL (without password) and compound, for messages. */
  readonly path: string;
  readonly engine: 'sqlite' | 'postgres';
  /** SQLite only. */
  readonly sqlite?: BetterSqlite3.Database;
  /** PostgreSQL only. */
  readonly pg?: PgSession;
  readonly db: Kysely<Database>;
  readonly sql: SqlDialect;
  /** Opened read-only: the file itself, or an in-memory copy of it (see `openForRead`). */
  readonly readonly?: boolean;
  /** Called once when a write has waited a second for another writer (see `inTransaction`). */
  readonly onWait?: () => void;
  /**
   * Called at the end of every write transaction that appended entries, before it commits,
   * with the seq the journal stood at when it began: the command's commit is signed there
   * (app/signing.ts). A throw rolls the whole command back.
   */
  beforeCommit?: (startSeq: number) => Promise<void>;
}

/**
 * Marks a SQLite file as a ledger (`PRAGMA application_id`, bytes 68-71 of the header): "LEDG".
 * `init` sets it; a write-open sets it on a ledger made before it existed (one that has the
 * ledger's tables). A file with neither (an empty file, another program's database) is refused
 * before anything is written to it.
 */
export const LEDGER_APPLICATION_ID = 0x4c454447;

/**
 * How long a write waits for another writer before giving up, in ms: a long import at the
 * office should not make a collection at the gate fail. After `WAIT_NOTICE_MS` the waiting
 * command says so on stderr.
 */
export const BUSY_TIMEOUT_MS = 300_000;
export const WAIT_NOTICE_MS = 1_000;

/** How much of a ledger file SQLite reads through a memory map (`PRAGMA mmap_size`): a district's whole file. */
const MMAP_BYTES = 268_435_456;

/**
 * A step run after the migrations on every ledger that was brought up to date: on a
 * write-open (after the file was migrated, `applied` possibly empty), and on the in-memory
 * copy a read-only open makes of an older ledger (`applied` not empty). It runs outside any
 * transaction and may write (to the file, or to the copy).
 */
export type AfterMigrate = (sqlite: BetterSqlite3.Database, info: { applied: readonly Migration[]; now: Date; inMemory: boolean }) => void;

// The ledger's own step: a ledger made before schema/0005 has its registers brought into the journal.
const afterMigrateHooks: AfterMigrate[] = [upgradeRegisters];

/** Adds a step every open runs after migrating (see `AfterMigrate`), for all opens from now on. */
export function addAfterMigrate(hook: AfterMigrate): void {
  afterMigrateHooks.push(hook);
}

export interface OpenOptions {
  /** Create a new ledger; refuses an existing file. */
  create?: boolean;
  now: Date;
  /** One more step after migrating, for this open only (besides those of `addAfterMigrate`). */
  afterMigrate?: AfterMigrate;
  /** Told when a write has been waiting a second for another writer. */
  onWait?: () => void;
}

function noLedger(file: string): InputError {
  return new InputError(
    text(
      `找不到账本 ${file}。新建账本：ledger init --name 小区名称 --chair 主任姓名（或用 --db 指定账本文件）`,
      `no ledger at ${file}. Create one with: ledger init --name NAME --chair NAME (or point --db at an existing ledger)`,
    ),
  );
}

function notALedger(file: string, why: string): InputError {
  return new InputError(
    text(`${file} 不是账本（${why}），未作任何改动。新建账本请用 ledger init`, `${file} is not a ledger (${why}); it was left untouched. Create a ledger with ledger init`),
  );
}

/** What the first bytes of a file say it is, read without SQLite (which could write to it). */
function headerOf(file: string): { wal: boolean } {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(100);
    const n = fs.readSync(fd, head, 0, 100, 0);
    if (n === 0) throw notALedger(file, 'empty file');
    if (n < 100 || head.toString('latin1', 0, 16) !== 'SQLite format 3\u0000') throw notALedger(file, 'not a SQLite database');
    return { wal: head[18] === 2 && head[19] === 2 };
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether a database without the mark holds the ledger's own tables (a ledger made before the mark). */
function hasLedgerTables(sqlite: BetterSqlite3.Database): boolean {
  const names = new Set(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  return ['schema_migrations', 'entries', 'households', 'settings'].every((t) => names.has(t));
}

/** Refuses, before any write, a file that is not a ledger. Returns whether it still needs the mark. */
function checkIdentity(file: string, sqlite: BetterSqlite3.Database): boolean {
  // Read through SQLite, not from the file's header: the mark may still be in the -wal file.
  const applicationId = sqlite.pragma('application_id', { simple: true }) as number;
  if (applicationId === LEDGER_APPLICATION_ID) return false;
  if (applicationId !== 0) throw notALedger(file, `another program's database, application_id ${applicationId}`);
  if (!hasLedgerTables(sqlite)) throw notALedger(file, "a SQLite database without the ledger's tables");
  return true;
}

function runAfterMigrate(sqlite: BetterSqlite3.Database, applied: readonly Migration[], now: Date, inMemory: boolean, extra?: AfterMigrate): void {
  for (const hook of [...afterMigrateHooks, ...(extra ? [extra] : [])]) hook(sqlite, { applied, now, inMemory });
}

/** A SQLite connection as a ledger handle. */
export function wrapSqlite(file: string, sqlite: BetterSqlite3.Database, extra: Partial<LedgerDb> = {}): LedgerDb {
  return { path: file, engine: 'sqlite', sqlite, sql: sqliteDialect, db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), ...extra };
}

/**
 * Opens a ledger file for writing (or, with `create`, creates one: only `init` does), sets the
 * pragmas and brings the schema up to date. A path with no ledger is refused with a hint on how
 * to create one; a file that is not a ledger is refused untouched.
 */
export function openLedger(file: string, options: OpenOptions): LedgerDb {
  const exists = fs.existsSync(file);
  if (options.create) {
    if (exists) {
      throw new RuleError(
        text(`${file} 已存在，不会覆盖。`, `${file} already exists; init never overwrites a ledger.`),
      );
    }
    // Created before SQLite opens it, so that the ledger (and the -wal/-shm files SQLite
    // gives the same mode) is readable by its owner only.
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } else if (!exists) {
    throw noLedger(file);
  }
  const header = options.create ? null : headerOf(file);

  let sqlite: BetterSqlite3.Database;
  let needsMark = options.create === true;
  try {
    sqlite = sqliteConnection(file, { fileMustExist: true });
  } catch (err) {
    throw new RuleError(
      text(`无法打开账本 ${file}：${(err as Error).message}`, `cannot open the ledger ${file}: ${(err as Error).message}`),
    );
  }
  try {
    if (header) needsMark = checkIdentity(file, sqlite);
    // WAL lets readers (reports) run while the collector writes; FULL keeps every committed
    // receipt on disk even if the power goes; the busy timeout makes a write wait for another
    // (up to minutes: see inTransaction) instead of failing.
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    // Reports sum years of history from covering indexes; reading the file through a memory
    // map spares a system call per page (bulk imports turn it off, see db/import-repo.ts).
    sqlite.pragma(`mmap_size = ${MMAP_BYTES}`);
    if (needsMark) sqlite.pragma(`application_id = ${LEDGER_APPLICATION_ID}`);
    const applied = migrate(sqlite, options.now);
    runAfterMigrate(sqlite, applied, options.now, false, options.afterMigrate);
  } catch (err) {
    sqlite.close();
    throw err;
  }
  return wrapSqlite(file, sqlite, { onWait: options.onWait });
}

/**
 * Opens a ledger for reading only (reports, notices, receipts, export, backup, verify): no
 * migration, no change of journal mode, no mark, nothing created beside a DELETE-mode file
 * such as a backup (a WAL-mode ledger shares its -wal/-shm files with the writers, as SQLite
 * needs to read it safely while they write); a file its owner made read-only is read as it is.
 *
 * An older ledger, whose schema has pending migrations, is not migrated: it is copied into
 * memory, and the copy is migrated (and given the `afterMigrate` steps) and read. A file that
 * is not a ledger is refused untouched, as by `openLedger`.
 */
export function openForRead(file: string, options: Omit<OpenOptions, 'create' | 'onWait'>): LedgerDb {
  if (!fs.existsSync(file)) throw noLedger(file);
  const header = headerOf(file);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = sqliteConnection(file, { readonly: true, fileMustExist: true });
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // As for writes (openLedger): a report reads thousands of pages it has not read before in
    // this process; through a memory map, each is not a system call of its own.
    sqlite.pragma(`mmap_size = ${MMAP_BYTES}`);
    sqlite.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
  } catch (err) {
    // A WAL-mode ledger in a folder its reader cannot write (no -shm can be made): read a copy.
    if (!header.wal) {
      throw new RuleError(text(`无法打开账本 ${file}：${(err as Error).message}`, `cannot open the ledger ${file}: ${(err as Error).message}`));
    }
    sqlite = inMemory(fs.readFileSync(file));
  }
  try {
    checkIdentity(file, sqlite);
    sqlite.pragma('foreign_keys = ON');
    if (pendingMigrations(sqlite).length > 0) {
      const copy = inMemory(sqlite.serialize());
      sqlite.close();
      sqlite = copy;
      const applied = migrate(sqlite, options.now);
      runAfterMigrate(sqlite, applied, options.now, true, options.afterMigrate);
    }
  } catch (err) {
    sqlite.close();
    throw err;
  }
  return wrapSqlite(file, sqlite, { readonly: true });
}

/**
 * A database in memory holding `image` (a whole database file). The header is marked as a
 * rollback-journal database first: an in-memory database cannot be in WAL mode.
 */
function inMemory(image: Buffer): BetterSqlite3.Database {
  if (image.length >= 100 && image[18] === 2) {
    image[18] = 1;
    image[19] = 1;
  }
  const sqlite = sqliteConnection(image);
  sqlite.pragma('foreign_keys = ON');
  return sqlite;
}

export async function closeLedger(ledger: LedgerDb): Promise<void> {
  if (ledger.sqlite?.open) ledger.sqlite.close();
  if (ledger.pg) await closePostgres(ledger.pg);
}

/**
 * Runs `work` on one consistent snapshot of the ledger, reading only (verify): a read
 * transaction on SQLite, REPEATABLE READ on PostgreSQL.
 */
export async function inSnapshot<T>(ledger: LedgerDb, work: () => Promise<T>): Promise<T> {
  if (ledger.pg) {
    await exec(ledger.pg, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      return await work();
    } finally {
      await exec(ledger.pg, 'COMMIT').catch(() => undefined);
    }
  }
  const sqlite = sqliteOf(ledger);
  sqlite.exec('BEGIN');
  try {
    return await work();
  } finally {
    if (sqlite.inTransaction) sqlite.exec('COMMIT');
  }
}

/** The better-sqlite3 connection of a SQLite ledger (for what only SQLite has). */
export function sqliteOf(ledger: LedgerDb): BetterSqlite3.Database {
  if (!ledger.sqlite) throw new Error(`${ledger.path}: a SQLite ledger was expected`);
  return ledger.sqlite;
}

/**
 * Takes the write lock (BEGIN IMMEDIATE). Another writer holding it is waited for, up to
 * `BUSY_TIMEOUT_MS`; after the first second `onWait` is told, so the person at the gate sees
 * that the ledger is busy rather than a frozen terminal. (SQLite waits inside the call, so
 * the wait is done in two steps: one second, then the rest.)
 */
export function beginImmediate(ledger: LedgerDb): void {
  const sqlite = sqliteOf(ledger);
  if (!ledger.onWait) {
    sqlite.exec('BEGIN IMMEDIATE');
    return;
  }
  sqlite.pragma(`busy_timeout = ${WAIT_NOTICE_MS}`);
  try {
    sqlite.exec('BEGIN IMMEDIATE');
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== 'SQLITE_BUSY') throw err;
    ledger.onWait();
  } finally {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
  sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS - WAIT_NOTICE_MS}`);
  try {
    sqlite.exec('BEGIN IMMEDIATE');
  } finally {
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * Runs `work` as one write transaction. BEGIN IMMEDIATE takes the write lock up front, so
 * two collectors at the same moment are serialised and each sees the other's receipt
 * number. A throw rolls everything back: a refused command writes nothing.
 */
const headSeqOf = (sqlite: BetterSqlite3.Database): number => (sqlite.prepare('SELECT MAX(seq) FROM entries').pluck().get() as number | null) ?? 0;

export async function inTransaction<T>(ledger: LedgerDb, work: () => Promise<T> | T): Promise<T> {
  if (ledger.pg) return inPostgresTransaction(ledger, ledger.pg, work);
  const sqlite = sqliteOf(ledger);
  beginImmediate(ledger);
  try {
    const start = ledger.beforeCommit ? headSeqOf(sqlite) : 0;
    const result = await work();
    if (ledger.beforeCommit && headSeqOf(sqlite) > start) await ledger.beforeCommit(start);
    sqlite.exec('COMMIT');
    return result;
  } catch (err) {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
    throw err;
  }
}

/**
 * The same on PostgreSQL: the compound's row in the registry is locked (SELECT ... FOR UPDATE)
 * for the whole transaction, so writers of one compound take turns (in arrival order, none
 * starved) and each sees the journal's tail as the one before left it: consecutive seq and
 * receipt numbers, one unbroken chain. Writers of different compounds do not wait for each
 * other. A connection that drops or a process that is killed leaves the transaction
 * uncommitted, and the server rolls it back.
 */
async function inPostgresTransaction<T>(ledger: LedgerDb, session: PgSession, work: () => Promise<T> | T): Promise<T> {
  if (session.inTransaction) return work();
  await exec(session, 'BEGIN');
  session.inTransaction = true;
  try {
    const waited = setTimeout(() => ledger.onWait?.(), WAIT_NOTICE_MS);
    try {
      await exec(session, 'SELECT id FROM ledger.compounds WHERE id = $1 FOR UPDATE', [session.compound.id]);
    } finally {
      clearTimeout(waited);
    }
    const tail = (await exec(session, 'SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1')).rows[0] as { seq: number; hash: string } | undefined;
    session.tail = tail ? { seq: Number(tail.seq), hash: tail.hash } : null;
    const start = session.tail?.seq ?? 0;
    const result = await work();
    if (ledger.beforeCommit && (session.tail?.seq ?? 0) > start) await ledger.beforeCommit(start);
    await exec(session, 'COMMIT');
    return result;
  } catch (err) {
    session.pending = [];
    await session.client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    session.inTransaction = false;
    session.tail = null;
  }
}
