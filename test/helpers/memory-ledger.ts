import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from '../../src/db/migrate.js';
import type { LedgerDb } from '../../src/db/open-database.js';
import type { Database } from '../../src/db/tables.js';
import type { AppContext } from '../../src/app/context.js';
import { writeSettings } from '../../src/db/settings-repo.js';
import { addRole } from '../../src/db/roles-repo.js';

/** A fresh in-memory ledger built from the real `schema/` files, for in-process tests. */
export async function memoryLedger(now = new Date('2023-07-15T10:00:00+08:00')): Promise<AppContext> {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite, now);
  const ledger: LedgerDb = { path: ':memory:', sqlite, db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }) };
  await writeSettings(ledger, { name: '测试小区', defaultFeeFen: 50000, majorThresholdFen: 200000, followMajority: false });
  const stamp = { recorded_at: now.toISOString(), recorded_by: 'test' };
  await addRole(ledger, { person: '张主任', role: 'chair', ...stamp });
  await addRole(ledger, { person: '李会计', role: 'collector', ...stamp });
  await addRole(ledger, { person: '王出纳', role: 'reimburser', ...stamp });
  await addRole(ledger, { person: '赵监督', role: 'supervisor', ...stamp });
  return { ledger, by: '张主任', now };
}

/** The same context acting as someone else. */
export const as = (ctx: AppContext, by: string, now = ctx.now): AppContext => ({ ...ctx, by, now });
