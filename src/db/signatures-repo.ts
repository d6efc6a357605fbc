/** The signatures over commits (schema/0006): who signed which entry's hash, with which key. */
import type { LedgerDb } from './open-database.js';

export interface SignatureRow {
  seq: number;
  role: 'recorder' | 'approver';
  signer: string;
  key_seq: number;
  signature: string;
}

export async function addSignature(ledger: LedgerDb, row: SignatureRow): Promise<void> {
  await ledger.db.insertInto('signatures').values(row).execute();
}

/** Every signature in commit order (verify). */
export async function allSignatures(ledger: LedgerDb): Promise<SignatureRow[]> {
  return ledger.db.selectFrom('signatures').select(['seq', 'role', 'signer', 'key_seq', 'signature']).orderBy('seq').orderBy('role').orderBy('signer').execute();
}

/** Who recorded and who approved the entries after `afterSeq` (the command's own). */
export async function signersSince(ledger: LedgerDb, afterSeq: number): Promise<{ recorders: string[]; approvers: string[] }> {
  const rows = await ledger.db.selectFrom('entries').select(['recorded_by', 'approved_by']).distinct().where('seq', '>', afterSeq).execute();
  return {
    recorders: [...new Set(rows.map((r) => r.recorded_by))],
    approvers: [...new Set(rows.map((r) => r.approved_by).filter((a): a is string => a !== null))],
  };
}
