import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { migrate } from '../../src/db/sqlite/migrate.js';
import { wrapSqlite, type LedgerDb } from '../../src/db/open-database.js';
import type { Database } from '../../src/db/tables.js';
import type { AppContext } from '../../src/app/context.js';
import { journalWriter } from '../../src/db/journal.js';
import { appendRegister } from '../../src/db/register-repo.js';
import { Projection } from '../../src/domain/projection.js';
import type { Role } from '../../src/domain/roles.js';

/** A fresh in-memory ledger built from the real `schema/` files, for in-process tests. */
export async function memoryLedger(now = new Date('2023-07-15T10:00:00+08:00')): Promise<AppContext> {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.pragma('foreign_keys = ON');
  migrate(sqlite, now);
  const ledger: LedgerDb = wrapSqlite(':memory:', sqlite);
  // The committee in office from long before any date a test uses.
  const meta = { date: '2000-01-01', recordedAt: now.toISOString(), recordedBy: '张主任', approvedBy: null };
  const people: [string, Role][] = [['张主任', 'chair'], ['李会计', 'collector'], ['王出纳', 'reimburser'], ['赵监督', 'supervisor']];
  sqlite.transaction(() =>
    appendRegister(ledger, journalWriter(ledger), new Projection(), [
      ...people.slice(0, 1).map(([person, role]) => ({ ...meta, kind: 'appointment' as const, person, role })),
      { ...meta, kind: 'setting', key: 'name', value: '测试小区' },
      ...people.slice(1).map(([person, role]) => ({ ...meta, kind: 'appointment' as const, person, role })),
    ]),
  )();
  return { ledger, by: '张主任', now };
}

/** The same context acting as someone else. */
export const as = (ctx: AppContext, by: string, now = ctx.now): AppContext => ({ ...ctx, by, now });
