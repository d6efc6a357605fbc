/**
 * The PostgreSQL adapter: a district's database holding many compounds.
 *
 * Each compound is a schema of its own (`ledger_c1`, `ledger_c2` ...) holding the same tables
 * as a SQLite ledger (schema/postgres/), listed in `ledger.compounds` by name. A command talks
 * to one compound only: its connection's `search_path` is that schema, so no query of one
 * compound can see or write another's tables.
 *
 * One command is one connection (a CLI process does one thing at a time): kysely is given a
 * "pool" that always hands out that same client, so a transaction begun with BEGIN holds for
 * every query until COMMIT, and nothing idles it away. Entries appended in a transaction are
 * buffered and sent in multi-row INSERTs just before the next query (or the COMMIT), so a use
 * case reads its own writes and a 200,000-row import is a few hundred statements.
 */
import type pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { InputError, RuleError, text } from '../../domain/errors.js';
import type { Database } from '../tables.js';
import { applyPostgresMigrations } from './migrate.js';

/** Who keeps the list of compounds. */
export const REGISTRY_SCHEMA = 'ledger';

/** An entry waiting to be inserted: its column values (ENTRY_COLUMNS, prev_hash, hash) and allocations. */
export interface PendingEntry {
  values: unknown[];
  allocations: readonly { year: number; amountFen: number }[];
}

/** The state of one command's PostgreSQL session. */
export interface PgSession {
  readonly client: pg.Client;
  readonly url: string;
  readonly compound: { id: number; name: string; schema: string };
  /** Entries appended in this transaction and not sent yet (see `flush`). */
  pending: PendingEntry[];
  /** The journal's tail as the writer left it (seq, hash), while a transaction is open. */
  tail: { seq: number; hash: string } | null;
  inTransaction: boolean;
  readonly: boolean;
}

// bigint (COUNT, BIGINT columns) and numeric (SUM of bigint) come back as JS numbers, or are refused.
const toSafeNumber = (s: string): number => {
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new RuleError(text(`数值 ${s} 超出可精确表示的范围`, `the value ${s} is beyond what can be held exactly`));
  return n;
};

let loaded: typeof pg | undefined;
/** The pg driver, loaded when a PostgreSQL ledger is first opened: a SQLite command never pays for it. */
async function loadPg(): Promise<typeof pg> {
  if (!loaded) {
    loaded = (await import('pg')).default;
    loaded.types.setTypeParser(20, toSafeNumber);
    loaded.types.setTypeParser(1700, toSafeNumber);
  }
  return loaded;
}

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** The URL without its password, for messages. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

function connectionError(url: string, err: Error & { code?: string }): Error {
  const where = displayUrl(url);
  if (err.code === '3D000') return new InputError(text(`数据库不存在：${where}（${err.message}）`, `no such database: ${where} (${err.message})`));
  if (err.code === '28P01' || err.code === '28000') return new InputError(text(`无法登录数据库 ${where}：${err.message}`, `cannot log in to ${where}: ${err.message}`));
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || err.code === 'ETIMEDOUT' || err.code === 'EHOSTUNREACH') {
    return new RuleError(text(`连不上数据库服务器 ${where}（${err.code}），未作任何改动`, `cannot reach the database server at ${where} (${err.code}); nothing was changed`));
  }
  return new RuleError(text(`无法连接数据库 ${where}：${err.message}`, `cannot connect to ${where}: ${err.message}`));
}

/** A client for `url`, connected, or a one-line error. */
export async function connectClient(url: string): Promise<pg.Client> {
  let config: pg.ClientConfig;
  try {
    const u = new URL(url);
    if (!u.pathname || u.pathname === '/') throw new Error('no database');
    config = { connectionString: url, connectionTimeoutMillis: 10_000 };
  } catch {
    throw new InputError(
      text(`数据库地址无效：${displayUrl(url)}（应为 postgres://用户[:密码]@主机[:端口]/数据库）`, `not a valid database URL: ${displayUrl(url)} (expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE)`),
    );
  }
  const client = new (await loadPg()).Client(config);
  // A server that goes away mid-command: the query in flight fails; this keeps the process from crashing on the event.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    throw connectionError(url, err as Error);
  }
  return client;
}

export const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function ensureRegistry(client: pg.Client): Promise<void> {
  // Several `init`s at once on a new database: one makes the registry, the others wait for it.
  await client.query(`SELECT pg_advisory_xact_lock(${0x4c454447})`);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${REGISTRY_SCHEMA}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${REGISTRY_SCHEMA}.compounds (
    id         SERIAL PRIMARY KEY,
    name       TEXT COLLATE "C" NOT NULL UNIQUE,
    schema     TEXT COLLATE "C" NOT NULL UNIQUE,
    created_at TEXT COLLATE "C" NOT NULL
  )`);
}

export interface CompoundRow {
  id: number;
  name: string;
  schema: string;
}

/** The compounds of the database, by name (none when the database has no ledger yet). */
export async function listCompounds(client: pg.Client): Promise<CompoundRow[]> {
  const has = await client.query(`SELECT to_regclass('${REGISTRY_SCHEMA}.compounds') AS t`);
  if (!has.rows[0]?.t) return [];
  const r = await client.query(`SELECT id, name, schema FROM ${REGISTRY_SCHEMA}.compounds ORDER BY name`);
  return r.rows as CompoundRow[];
}

/** The compound `--compound` names, or the only one; a clear error otherwise. */
async function pickCompound(client: pg.Client, url: string, wanted: string | undefined, any = false): Promise<CompoundRow> {
  const all = await listCompounds(client);
  if (any && wanted === undefined && all.length > 0) return all[0]!;
  if (wanted !== undefined) {
    const found = all.find((c) => c.name === wanted);
    if (found) return found;
    const names = all.map((c) => c.name).join('、');
    throw new InputError(
      text(
        `数据库 ${displayUrl(url)} 中没有小区“${wanted}”${names ? `（现有：${names}）` : ''}。新建请用 ledger init --name ${wanted}`,
        `there is no compound "${wanted}" in ${displayUrl(url)}${names ? ` (there are: ${all.map((c) => c.name).join(', ')})` : ''}. Add one with ledger init --name ${wanted}`,
      ),
    );
  }
  if (all.length === 1) return all[0]!;
  if (all.length === 0) {
    throw new InputError(text(`数据库 ${displayUrl(url)} 中还没有账本。新建：ledger init --name 小区名称 --chair 主任姓名`, `there is no ledger in ${displayUrl(url)} yet. Create one with: ledger init --name NAME --chair NAME`));
  }
  throw new InputError(
    text(`数据库中有 ${all.length} 个小区，请用 --compound 指定其一：${all.map((c) => c.name).join('、')}`, `the database holds ${all.length} compounds; pick one with --compound: ${all.map((c) => c.name).join(', ')}`),
  );
}

/**
 * Adds a compound (`init`): its row in the registry and its schema with the tables, in one
 * transaction of its own (the first entries then follow in the command's transaction).
 */
async function createCompound(client: pg.Client, name: string, now: Date): Promise<CompoundRow> {
  await client.query('BEGIN');
  try {
    await ensureRegistry(client);
    const exists = await client.query(`SELECT 1 FROM ${REGISTRY_SCHEMA}.compounds WHERE name = $1`, [name]);
    if (exists.rowCount) throw new RuleError(text(`数据库中已有小区“${name}”，不会覆盖。`, `the database already holds a compound "${name}"; init never overwrites a ledger.`));
    const id = (await client.query(`SELECT nextval(pg_get_serial_sequence('${REGISTRY_SCHEMA}.compounds', 'id')) AS id`)).rows[0].id as number;
    const schema = `ledger_c${id}`;
    await client.query(`INSERT INTO ${REGISTRY_SCHEMA}.compounds (id, name, schema, created_at) VALUES ($1, $2, $3, $4)`, [id, name, schema, now.toISOString()]);
    await client.query(`CREATE SCHEMA ${quoteIdent(schema)}`);
    await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
    await applyPostgresMigrations(client, now);
    await client.query('COMMIT');
    return { id, name, schema };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Removes a compound that `init` added and could not finish (its schema holds no committed entry). */
export async function discardCompound(session: PgSession): Promise<void> {
  await session.client.query('ROLLBACK').catch(() => undefined);
  await session.client.query('BEGIN');
  await session.client.query(`DROP SCHEMA ${quoteIdent(session.compound.schema)} CASCADE`);
  await session.client.query(`DELETE FROM ${REGISTRY_SCHEMA}.compounds WHERE id = $1`, [session.compound.id]);
  await session.client.query('COMMIT');
}

export interface PgOpenOptions {
  compound: string | undefined;
  now: Date;
  readonly: boolean;
  /** `init --name NAME`: add the compound. */
  create?: string;
  /** Any compound will do (district report goes through all of them). */
  anyCompound?: boolean;
}

/** Connects and picks (or, for init, adds) the compound; reads get a read-only session. */
export async function openPostgres(url: string, options: PgOpenOptions): Promise<{ session: PgSession; db: Kysely<Database> }> {
  const client = await connectClient(url);
  try {
    const compound = options.create !== undefined ? await createCompound(client, options.create, options.now) : await pickCompound(client, url, options.compound, options.anyCompound);
    await client.query(`SET search_path TO ${quoteIdent(compound.schema)}`);
    if (options.readonly) await client.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    else await applyPostgresMigrations(client, options.now);
    const session: PgSession = { client, url, compound, pending: [], tail: null, inTransaction: false, readonly: options.readonly };
    return { session, db: kyselyFor(session) };
  } catch (err) {
    await client.end().catch(() => undefined);
    throw err;
  }
}

/**
 * The same connection turned to another compound of the database (district report): from now
 * on its queries see that compound's tables only. Use one at a time.
 */
export async function switchCompound(session: PgSession, compound: CompoundRow): Promise<{ session: PgSession; db: Kysely<Database> }> {
  await session.client.query(`SET search_path TO ${quoteIdent(compound.schema)}`);
  const other: PgSession = { ...session, compound, pending: [], tail: null, inTransaction: false };
  return { session: other, db: kyselyFor(other) };
}

const ENTRY_INSERT_COLUMNS = 25;
const ROWS_PER_INSERT = 1000;

/** Sends the buffered entries (and their allocations) in multi-row INSERTs. */
export async function flushPending(session: PgSession): Promise<void> {
  while (session.pending.length > 0) {
    const batch = session.pending.splice(0, ROWS_PER_INSERT);
    const params: unknown[] = [];
    const rows = batch.map((e) => {
      const start = params.length;
      params.push(...e.values);
      return `(${e.values.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    if (batch[0]!.values.length !== ENTRY_INSERT_COLUMNS) throw new Error('journal entry of the wrong shape');
    await session.client.query(`INSERT INTO entries VALUES ${rows.join(', ')}`, params);
    const allocs: unknown[] = [];
    for (const e of batch) for (const a of e.allocations) allocs.push(e.values[0], a.year, a.amountFen);
    for (let i = 0; i < allocs.length; i += 3 * 5000) {
      const chunk = allocs.slice(i, i + 3 * 5000);
      const values = Array.from({ length: chunk.length / 3 }, (_, j) => `($${3 * j + 1}, $${3 * j + 2}, $${3 * j + 3})`);
      await session.client.query(`INSERT INTO allocations (entry_seq, year, amount_fen) VALUES ${values.join(', ')}`, chunk);
    }
  }
}

/** kysely over the session's one client; every query first sends what is buffered. */
function kyselyFor(session: PgSession): Kysely<Database> {
  const client = session.client;
  const query = (async (...args: unknown[]) => {
    if (session.pending.length > 0) await flushPending(session);
    return (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
  }) as unknown as pg.PoolClient['query'];
  const poolClient = { query, release: () => undefined } as unknown as pg.PoolClient;
  const pool = { connect: async () => poolClient, end: async () => undefined } as unknown as pg.Pool;
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Runs a statement of ours (BEGIN, COMMIT ...) on the session, after what is buffered. */
export async function exec(session: PgSession, statement: string, params: unknown[] = []): Promise<pg.QueryResult> {
  if (session.pending.length > 0) await flushPending(session);
  return session.client.query(statement, params);
}

export async function closePostgres(session: PgSession): Promise<void> {
  await session.client.end().catch(() => undefined);
}
