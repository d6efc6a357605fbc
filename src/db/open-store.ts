/**
 * Opens the ledger `--db` names: a SQLite file (the embedded default) or a compound of a
 * PostgreSQL database (`postgres://...`, with `--compound`). Everything above this file sees a
 * `LedgerDb` and does not ask which.
 */
import { InputError, text } from '../domain/errors.js';
import { openForRead, openLedger, type LedgerDb } from './open-database.js';
import { displayUrl, isPostgresUrl, openPostgres } from './postgres/connect.js';
import { postgresDialect } from './postgres/dialect.js';

export interface StoreOptions {
  now: Date;
  /** The compound of a PostgreSQL database. */
  compound?: string;
  onWait?: () => void;
}

async function postgresLedger(url: string, options: StoreOptions & { readonly: boolean; create?: string }): Promise<LedgerDb> {
  const { session, db } = await openPostgres(url, { compound: options.compound, now: options.now, readonly: options.readonly, create: options.create });
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
