import type { LedgerDb } from './open-database.js';
import type { RoleName, RolesTable } from './tables.js';

export async function rolesOf(ledger: LedgerDb, person: string): Promise<RoleName[]> {
  const rows = await ledger.db.selectFrom('roles').select('role').where('person', '=', person).execute();
  return rows.map((r) => r.role);
}

export async function addRole(ledger: LedgerDb, row: RolesTable): Promise<void> {
  await ledger.db.insertInto('roles').values(row).execute();
}

export async function listRoles(ledger: LedgerDb): Promise<RolesTable[]> {
  return ledger.db.selectFrom('roles').selectAll().orderBy('recorded_at').orderBy('person').execute();
}

/** Who holds a role, in the order they were appointed (for signature lines). */
export async function holdersOf(ledger: LedgerDb, role: RoleName): Promise<string[]> {
  const rows = await ledger.db.selectFrom('roles').select('person').where('role', '=', role).orderBy('recorded_at').execute();
  return rows.map((r) => r.person);
}
