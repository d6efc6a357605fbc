import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { InputError, RuleError, text } from '../domain/errors.js';
import type { Database } from './tables.js';
import { migrate } from './migrate.js';

/** An open ledger: the raw connection (for transactions and prepared hot paths) and kysely. */
export interface LedgerDb {
  readonly path: string;
  readonly sqlite: BetterSqlite3.Database;
  readonly db: Kysely<Database>;
}

export interface OpenOptions {
  /** Create a new ledger; refuses an existing file. */
  create?: boolean;
  now: Date;
}

/**
 * Opens (or creates) a ledger file, sets the pragmas and brings the schema up to date.
 * A path with no ledger is refused with a hint on how to create one.
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
    throw new InputError(
      text(
        `找不到账本 ${file}。新建账本：ledger init --name 小区名称 --chair 主任姓名（或用 --db 指定账本文件）`,
        `no ledger at ${file}. Create one with: ledger init --name NAME --chair NAME (or point --db at an existing ledger)`,
      ),
    );
  }

  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file, { fileMustExist: true });
    // WAL lets readers (reports) run while the collector writes; FULL keeps every committed
    // receipt on disk even if the power goes; the busy timeout makes two people collecting
    // at once wait for each other instead of failing.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 10000');
    // Reports sum years of history from covering indexes; reading the file through a memory
    // map spares a system call per page (bulk imports turn it off, see db/import-repo.ts).
    sqlite.pragma('mmap_size = 268435456');
  } catch (err) {
    throw new RuleError(
      text(`无法打开账本 ${file}：${(err as Error).message}`, `cannot open the ledger ${file}: ${(err as Error).message}`),
    );
  }
  try {
    migrate(sqlite, options.now);
  } catch (err) {
    sqlite.close();
    throw err;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { path: file, sqlite, db };
}

export function closeLedger(ledger: LedgerDb): void {
  if (ledger.sqlite.open) ledger.sqlite.close();
}

/**
 * Runs `work` as one write transaction. BEGIN IMMEDIATE takes the write lock up front, so
 * two collectors at the same moment are serialised and each sees the other's receipt
 * number. A throw rolls everything back: a refused command writes nothing.
 */
export async function inTransaction<T>(ledger: LedgerDb, work: () => Promise<T> | T): Promise<T> {
  ledger.sqlite.exec('BEGIN IMMEDIATE');
  try {
    const result = await work();
    ledger.sqlite.exec('COMMIT');
    return result;
  } catch (err) {
    if (ledger.sqlite.inTransaction) ledger.sqlite.exec('ROLLBACK');
    throw err;
  }
}
