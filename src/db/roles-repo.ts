/** Who holds which role, as the journal makes it (appointments, role ends, handovers). */
import type { IsoDate } from '../domain/dates.js';
import type { Role } from '../domain/roles.js';
import type { LedgerDb } from './open-database.js';
import { loadCommittee } from './register-repo.js';

export async function rolesOf(ledger: LedgerDb, person: string, date: IsoDate): Promise<Role[]> {
  return (await loadCommittee(ledger)).rolesOn(person, date);
}

/** `role list --json`: every tenure (or those in force on `asOf`), `to` null while it lasts. */
export async function listRoles(ledger: LedgerDb, asOf?: IsoDate): Promise<{ name: string; role: Role; from: IsoDate; to: IsoDate | null }[]> {
  return (await loadCommittee(ledger)).tenuresOn(asOf).map((t) => ({ name: t.person, role: t.role, from: t.from, to: t.to }));
}

/** Who holds a role on `date`, in the order they were appointed (for signature lines). */
export async function holdersOf(ledger: LedgerDb, role: Role, date: IsoDate): Promise<string[]> {
  return (await loadCommittee(ledger)).holdersOn(role, date);
}

/**
 * Who signs a notice or disclosure: the holders of each role on `date` (its period's last
 * day). A role nobody held that day (a ledger set up after the period, to enter its history)
 * is signed by those holding it on `postedOn`.
 */
export async function signaturesOn(ledger: LedgerDb, date: IsoDate, postedOn: IsoDate = date): Promise<Record<'collector' | 'reimburser' | 'supervisor' | 'chair', string[]>> {
  const p = await loadCommittee(ledger);
  const on = (role: Role) => {
    const then = p.holdersOn(role, date);
    return then.length > 0 ? then : p.holdersOn(role, postedOn);
  };
  return { collector: on('collector'), reimburser: on('reimburser'), supervisor: on('supervisor'), chair: on('chair') };
}
