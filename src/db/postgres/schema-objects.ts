/**
 * What verify compares on PostgreSQL: the compound's tables, indexes, triggers and functions as
 * the server's catalog has them, against the names schema/postgres/ creates. A trigger that was
 * dropped or disabled, or a guard function whose body was replaced, lets records be changed
 * behind the tool's back, and is named. (PostgreSQL rewrites definitions in its own words, so
 * functions are compared by body and the rest by name.)
 */
import type { SchemaObject } from '../verify-repo.js';
import type { PgSession } from './connect.js';
import { postgresMigrations } from './migrate.js';

export async function postgresSchemaObjects(session: PgSession): Promise<SchemaObject[]> {
  const r = await session.client.query(`
    SELECT 'table' AS type, c.relname AS name, c.relname AS tbl_name, NULL AS sql
      FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'
    UNION ALL
    SELECT 'index', i.relname, t.relname, NULL
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
     WHERE t.relnamespace = current_schema()::regnamespace AND NOT x.indisprimary AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid)
    UNION ALL
    SELECT 'trigger', g.tgname, t.relname, CASE WHEN g.tgenabled = 'D' THEN 'disabled' END
      FROM pg_trigger g JOIN pg_class t ON t.oid = g.tgrelid
     WHERE t.relnamespace = current_schema()::regnamespace AND NOT g.tgisinternal
    UNION ALL
    SELECT 'function', p.proname, '', regexp_replace(p.prosrc, '\\s+', ' ', 'g')
      FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace
    ORDER BY 1, 2`);
  return r.rows as SchemaObject[];
}

let expected: SchemaObject[] | null = null;

export function expectedPostgresSchemaObjects(): SchemaObject[] {
  if (expected) return expected;
  const out: SchemaObject[] = [{ type: 'table', name: 'schema_migrations', tbl_name: 'schema_migrations', sql: null }];
  for (const m of postgresMigrations()) {
    for (const t of m.sql.matchAll(/CREATE TABLE (\w+)/g)) out.push({ type: 'table', name: t[1]!, tbl_name: t[1]!, sql: null });
    for (const i of m.sql.matchAll(/CREATE (?:UNIQUE )?INDEX (\w+) ON (\w+)/g)) out.push({ type: 'index', name: i[1]!, tbl_name: i[2]!, sql: null });
    for (const g of m.sql.matchAll(/CREATE TRIGGER (\w+) BEFORE [\w ]+? ON (\w+)/g)) out.push({ type: 'trigger', name: g[1]!, tbl_name: g[2]!, sql: null });
    for (const f of m.sql.matchAll(/CREATE FUNCTION (\w+)\(\)[^$]*\$\$([\s\S]*?)\$\$/g)) out.push({ type: 'function', name: f[1]!, tbl_name: '', sql: f[2]!.replace(/\s+/g, ' ') });
    // A later migration may drop what an earlier one made.
    for (const d of m.sql.matchAll(/^DROP (INDEX|TRIGGER|TABLE) (\w+)/gm)) {
      const type = d[1]!.toLowerCase();
      const i = out.findIndex((o) => o.type === type && o.name === d[2]);
      if (i >= 0) out.splice(i, 1);
    }
  }
  expected = out.sort((a, b) => (a.type + a.name < b.type + b.name ? -1 : 1));
  return expected;
}
