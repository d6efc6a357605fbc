import { sql } from 'kysely';
import type { SqlDialect } from '../dialect.js';

export const sqliteDialect: SqlDialect = {
  // SQLite has no statistics on a ledger it has never ANALYZEd, so the covering index is named (schema/0004).
  indexedBy: (index) => sql.raw(`INDEXED BY ${index}`),
  commaList: (expr) => sql<string | null>`group_concat(${expr})`,
  allocationsJson: (e) => sql<string>`(SELECT json_group_array(json_array(a.year, a.amount_fen)) FROM allocations a WHERE a.entry_seq = ${sql.ref(`${e}.seq`)})`,
  jsonText: (column, key) => sql<string | null>`json_extract(${sql.ref(column)}, ${sql.lit(`$.${key}`)})`,
  isOneOf: (column, values) => sql<boolean>`${sql.ref(column)} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`,
  limit: (n) => sql.raw(`LIMIT ${n > 0 ? Math.floor(n) : -1}`),
};
