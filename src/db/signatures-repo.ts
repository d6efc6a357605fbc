/** The signatures over commits (schema/0006): who signed which entry's hash, with which key. */
import type { LedgerDb } from './open-database.js';

export interface SignatureRow {
  seq: number;
  role: 'recorder' | 'approver';
  signer: string;
  key_seq: number;
  signature: string;
}

export function addSignature(ledger: LedgerDb, row: SignatureRow): void {
  ledger.sqlite.prepare('INSERT INTO signatures (seq, role, signer, key_seq, signature) VALUES (?, ?, ?, ?, ?)').run(row.seq, row.role, row.signer, row.key_seq, row.signature);
}

/** Every signature in commit order (verify). */
export function allSignatures(ledger: LedgerDb): SignatureRow[] {
  return ledger.sqlite.prepare('SELECT seq, role, signer, key_seq, signature FROM signatures ORDER BY seq, role, signer').all() as SignatureRow[];
}

/** Who recorded and who approved the entries after `afterSeq` (the command's own). */
export function signersSince(ledger: LedgerDb, afterSeq: number): { recorders: string[]; approvers: string[] } {
  const rows = ledger.sqlite.prepare('SELECT DISTINCT recorded_by, approved_by FROM entries WHERE seq > ?').all(afterSeq) as { recorded_by: string; approved_by: string | null }[];
  return {
    recorders: [...new Set(rows.map((r) => r.recorded_by))],
    approvers: [...new Set(rows.map((r) => r.approved_by).filter((a): a is string => a !== null))],
  };
}
