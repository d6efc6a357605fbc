/**
 * The property register as the journal makes it (db/register-repo.ts): a unit with its owner
 * of record, as of a day. The rows here are views; the journal is the register.
 */
import type { IsoDate } from '../domain/dates.js';
import { currentOwner, livesInYear, onRegister, ownerKey, ownerOn, type Household } from '../domain/projection.js';
import type { LedgerDb } from './open-database.js';
import { loadHousehold, loadProjection } from './register-repo.js';

/** A unit and its owner (of `asOf`, else the current one). */
export interface HouseholdRow {
  code: string;
  owner: string;
  owner_id: string | null;
  /** Who the owner is when counting heads: the name, or name and id for namesakes (projection.ownerKey). */
  owner_key: string;
  area_centi: number;
  phone: string | null;
  since: string | null;
  ended: IsoDate | null;
  registered_on: IsoDate;
}

export function householdRow(h: Household, asOf?: IsoDate): HouseholdRow {
  const o = asOf ? ownerOn(h, asOf) : currentOwner(h);
  return { code: h.code, owner: o.name, owner_id: o.ownerId, owner_key: ownerKey(o), area_centi: h.areaCenti, phone: o.phone, since: h.since, ended: h.ended, registered_on: h.registeredOn };
}

export async function findHousehold(ledger: LedgerDb, code: string): Promise<HouseholdRow | undefined> {
  const h = await loadHousehold(ledger, code);
  return h ? householdRow(h) : undefined;
}

/** Every unit ever registered (ended ones too, with `ended`); with `asOf`, those on the register that day. */
export async function listHouseholds(ledger: LedgerDb, asOf?: IsoDate): Promise<HouseholdRow[]> {
  const all = (await loadProjection(ledger)).householdList();
  return (asOf ? all.filter((h) => onRegister(h, asOf)) : all).map((h) => householdRow(h, asOf));
}

export async function householdCodes(ledger: LedgerDb): Promise<Set<string>> {
  return new Set((await loadProjection(ledger)).households.keys());
}

/** Households living in the compound at some time in `year`. */
export async function householdsLivingIn(ledger: LedgerDb, year: number): Promise<HouseholdRow[]> {
  return (await loadProjection(ledger))
    .householdList()
    .filter((h) => livesInYear(h, year))
    .map((h) => householdRow(h));
}

/** A unit as a `household` entry registered it: its code and the owner it was registered to. */
export interface RegisteredOwner {
  code: string;
  owner: string;
  ownerId: string | null;
}

/**
 * The units registered by the journal's `household` entries after `afterSeq` (an import's own,
 * inside its transaction), one row at a time in owner-name order, so that the units registered
 * to one name come one after another (the namesake warning reads them in one pass, holding one
 * name's units at a time). `name`: only owners whose name holds (`has`) or lacks (`lacks`) `mark`.
 * Nothing else may be read from the ledger until the rows have all been read.
 */
export async function* registeredSince(ledger: LedgerDb, afterSeq: number, name: { has: string } | { lacks: string }): AsyncGenerator<RegisteredOwner> {
  const pattern = `%${'has' in name ? name.has : name.lacks}%`;
  const query = ledger.db
    .selectFrom('entries')
    .select(['household', 'party', 'detail'])
    .where('seq', '>', afterSeq)
    .where('kind', '=', 'household')
    .where('party', 'has' in name ? 'like' : 'not like', pattern)
    .orderBy('party')
    .orderBy('household');
  // SQLite hands the rows over one at a time (its sort spills to a temporary file); kysely
  // streams from PostgreSQL only through pg-cursor, which the ledger does not set up: there
  // the rows are read in one go.
  const rows = ledger.engine === 'sqlite' ? query.stream(256) : await query.execute();
  for await (const row of rows) {
    // As entry-codec.ts reads a `household` entry: the owner in `party`, the owner id in `detail`.
    const ownerId = (JSON.parse(row.detail ?? '{}') as { owner_id?: string | null }).owner_id ?? null;
    yield { code: row.household!, owner: row.party!, ownerId };
  }
}
