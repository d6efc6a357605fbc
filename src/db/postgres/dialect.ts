import { sql } from 'kysely';
import type { SqlDialect } from '../dialect.js';

export const postgresDialect: SqlDialect = {
  indexedBy: () => sql.raw(''),
  commaList: (expr) => sql<string | null>`string_agg((${expr})::text, ',')`,
  allocationsJson: (e) =>
    sql<string>`(SELECT COALESCE(json_agg(json_build_array(a.year, a.amount_fen)), '[]'::json)::text FROM allocations a WHERE a.entry_seq = ${sql.ref(`${e}.seq`)})`,
  jsonText: (column, key) => sql<string | null>`((${sql.ref(column)})::json ->> ${sql.lit(key)})`,
  isOneOf: (column, values) => sql<boolean>`${sql.ref(column)} = ANY(${[...values]}::text[])`,
  limit: (n) => sql.raw(n > 0 ? `LIMIT ${Math.floor(n)}` : ''),
};
