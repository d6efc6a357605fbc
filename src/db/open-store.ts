/**
 * Opens the ledger `--db` names: a SQLite file (the embedded default) or a compound of a
 * PostgreSQL database (`postgres://...`, with `--compound`). Everything above this file sees a
 * `LedgerDb` and does not ask which.
 */
import { InputError, text } from '../domain/errors.js';
import { openForRead, openLedger, type LedgerDb } from './open-database.js';
import type { Kysely } from 'kysely';
import { displayUrl, isPostgresUrl, listCompounds, openPostgres, switchCompound, type PgSession } from './postgres/connect.js';
import type { Database } from './tables.js';
import { postgresDialect } from './postgres/dialect.js';

export interface StoreOptions {
  now: Date;
  /** The compound of a PostgreSQL database. */
  compound?: string;
  /** Any compound of a PostgreSQL database will do (the district report reads them all). */
  anyCompound?: boolean;
  onWait?: () => void;
}

async function postgresLedger(url: string, options: StoreOptions & { readonly: boolean; create?: string }): Promise<LedgerDb> {
  const { session, db } = await openPostgres(url, { compound: options.compound, now: options.now, readonly: options.readonly, create: options.create, anyCompound: options.anyCompound });
  return postgresHandle(url, session, db, options);
}

function postgresHandle(url: string, session: PgSession, db: Kysely<Database>, options: { readonly: boolean; onWait?: () => void }): LedgerDb {
  return {
    path: `${displayUrl(url)} · ${session.compound.name}`,
    engine: 'postgres',
    pg: session,
    db,
    sql: postgresDialect,
    readonly: options.readonly,
    onWait: options.onWait,
  };
}

/**
 * Every compound of the store, one after another (district report): a SQLite file holds one;
 * a PostgreSQL database each compound of its registry, over the one connection. A handle is
 * good until the next one is taken.
 */
export async function* eachCompound(ledger: LedgerDb): AsyncGenerator<LedgerDb> {
  const pg = ledger.pg;
  if (!pg) {
    yield ledger;
    return;
  }
  try {
    for (const c of await listCompounds(pg.client)) {
      const { session, db } = await switchCompound(pg, c);
      yield postgresHandle(pg.url, session, db, { readonly: ledger.readonly === true });
    }
  } finally {
    await switchCompound(pg, pg.compound);
  }
}

export async function openStoreForRead(db: string, options: StoreOptions): Promise<LedgerDb> {
  if (isPostgresUrl(db)) return postgresLedger(db, { ...options, readonly: true });
  return openForRead(db, { now: options.now });
}

export async function openStoreForWrite(db: string, options: StoreOptions): Promise<LedgerDb> {
  if (isPostgresUrl(db)) return postgresLedger(db, { ...options, readonly: false });
  return openLedger(db, { now: options.now, onWait: options.onWait });
}

/** `init`: a new SQLite file, or a new compound (named `name`) in a PostgreSQL database. */
export async function createStore(db: string, name: string, options: StoreOptions): Promise<LedgerDb> {
  if (isPostgresUrl(db)) {
    if (options.compound !== undefined && options.compound !== name) {
      throw new InputError(text(`--compound ${options.compound} 与 --name ${name} 不一致`, `--compound ${options.compound} and --name ${name} differ`));
    }
    return postgresLedger(db, { ...options, readonly: false, create: name });
  }
  return openLedger(db, { create: true, now: options.now });
}
