import type { FeeStandard } from '../domain/fees.js';
import type { LedgerDb } from './open-database.js';
import { loadCommittee } from './register-repo.js';

/** The fee standard of `year`: the one set for it (`set`), else the default from `init`, per household. */
export async function feeStandardOf(ledger: LedgerDb, year: number): Promise<FeeStandard & { set: boolean }> {
  return (await loadCommittee(ledger)).feeFor(year);
}

/** The rate set for `year` with `fee set`, or null when none was. */
export async function feeSetOf(ledger: LedgerDb, year: number): Promise<number | null> {
  const f = await feeStandardOf(ledger, year);
  return f.set ? f.rateFen : null;
}
