import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { manyRows, manyValues } from '../../src/db/many-rows.js';
import { wrapSqlite } from '../../src/db/open-database.js';

describe('manyRows: rows read as arrays and shaped here, as kysely gives them', () => {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.exec(`CREATE TABLE t (code TEXT, fen INTEGER, note TEXT);
    INSERT INTO t VALUES ('工行-1-1-101', 50000, NULL), ('工行-1-1-102', -1, '退费'), ('b', 0, '');`);
  const ledger = wrapSqlite(':memory:', sqlite);

  it('gives the same rows, under the names the query gives its columns, nulls and all', async () => {
    const query = sql<{ household: string; owed: number; note: string | null }>`SELECT code AS household, fen * 2 AS owed, note FROM t ORDER BY code`.compile(ledger.db);
    const viaKysely = (await ledger.db.executeQuery(query)).rows;
    const rows = await manyRows(ledger, query);
    expect(rows).toEqual(viaKysely);
    expect(rows).toEqual([
      { household: 'b', owed: 0, note: '' },
      { household: '工行-1-1-101', owed: 100000, note: null },
      { household: '工行-1-1-102', owed: -2, note: '退费' },
    ]);
    expect(Object.keys(rows[0]!)).toEqual(['household', 'owed', 'note']);
  });

  it('binds the parameters and gives nothing for no rows', async () => {
    const q = (min: number) => ledger.db.selectFrom('t' as never).select(['code' as never]).where('fen' as never, '>', min as never).compile();
    expect(await manyRows(ledger, q(0))).toEqual([{ code: '工行-1-1-101' }]);
    expect(await manyRows(ledger, q(1e9))).toEqual([]);
    expect(await manyValues(ledger, sql<{ code: string }>`SELECT code FROM t WHERE fen >= ${0} ORDER BY code`.compile(ledger.db))).toEqual(['b', '工行-1-1-101']);
  });
});
