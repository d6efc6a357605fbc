/** The compound's own settings, as the journal's `setting` entries make them. */
import type { Settings } from '../domain/entry-kinds.js';
import type { LedgerDb } from './open-database.js';
import { loadCommittee } from './register-repo.js';

export type { Settings };

export async function readSettings(ledger: LedgerDb): Promise<Settings> {
  return { ...(await loadCommittee(ledger)).settings };
}
