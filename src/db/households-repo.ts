/**
 * The property register as the journal makes it (db/register-repo.ts): a unit with its owner
 * of record, as of a day. The rows here are views; the journal is the register.
 */
import type { IsoDate } from '../domain/dates.js';
import { currentOwner, livesInYear, onRegister, ownerKey, ownerOn, type Household } from '../domain/projection.js';
import type { LedgerDb } from './open-database.js';
import { loadProjection } from './register-repo.js';

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
  const h = (await loadProjection(ledger)).households.get(code);
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
