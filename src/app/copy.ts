/**
 * `copy --to`: a compound's whole ledger (every entry, with its allocations, and every
 * signature; the keys are entries) into another store, a new SQLite file or a new compound of a
 * PostgreSQL database, entry for entry with the same hashes (and the totals of the days its
 * locks closed, added up again there). The copy is verified on arrival
 * and must end at the same head; a copy that fails is removed, nothing of it stays.
 */
import fs from 'node:fs';
import { anchorOf, type Anchor } from '../domain/chain.js';
import { RuleError, text } from '../domain/errors.js';
import { closeLedger, inTransaction, type LedgerDb } from '../db/open-database.js';
import { createStore } from '../db/open-store.js';
import { discardCompound } from '../db/postgres/connect.js';
import { journalCopier } from '../db/journal.js';
import { storeClosedTotals } from '../db/period-totals-repo.js';
import { journalHead } from '../db/entries-repo.js';
import { addSignature, allSignatures } from '../db/signatures-repo.js';
import { readSettings } from '../db/settings-repo.js';
import { journalPages } from '../db/verify-repo.js';
import { verifyLedger } from './integrity.js';

export interface CopyResult {
  from: string;
  to: string;
  compound: string;
  entries: number;
  signatures: number;
  head: Anchor | null;
  /** The whole hash of the head. */
  last_hash: string | null;
  verified: boolean;
}

export async function copyLedger(source: LedgerDb, target: string, now: Date, onProgress?: (done: number) => void): Promise<CopyResult> {
  const { name } = await readSettings(source);
  const head = await journalHead(source);
  const copy = await createStore(target, name, { now });
  try {
    let entries = 0;
    const signatures = await allSignatures(source);
    await inTransaction(copy, async () => {
      const put = journalCopier(copy);
      const locks: { seq: number; through: string }[] = [];
      walk: for await (const page of journalPages(source)) {
        for (const e of page) {
          // A copy is of one moment: entries written to the source meanwhile are left for the next copy.
          if (head && e.row.seq > head.seq) break walk;
          put(e.row, e.allocations);
          if (e.row.kind === 'lock' && e.row.end_date) locks.push({ seq: e.row.seq, through: e.row.end_date });
          if (++entries % 5000 === 0) onProgress?.(entries);
        }
      }
      for (const s of signatures) if (!head || s.seq <= head.seq) await addSignature(copy, s);
      // The closed days' totals are a projection of the entries: added up again in the copy, lock by lock.
      for (const lock of locks) await storeClosedTotals(copy, lock.through, lock.seq);
    });
    const checked = await verifyLedger(copy, now);
    if (!checked.ok || checked.last_hash !== (head?.hash ?? null)) {
      const first = checked.problems[0];
      throw new RuleError(
        text(
          `副本未通过核查，已删除：${first?.text.zh ?? '链头与原账本不同'}`,
          `the copy does not verify and was removed: ${first?.text.en ?? 'its head differs from the ledger’s'}`,
        ),
      );
    }
    return {
      from: source.path,
      to: copy.path,
      compound: name,
      entries,
      signatures: signatures.filter((s) => !head || s.seq <= head.seq).length,
      head: head ? anchorOf(head) : null,
      last_hash: head?.hash ?? null,
      verified: true,
    };
  } catch (err) {
    if (copy.pg) await discardCompound(copy.pg).catch(() => undefined);
    await closeLedger(copy);
    if (!copy.pg) for (const f of [target, `${target}-wal`, `${target}-shm`]) fs.rmSync(f, { force: true });
    throw err;
  } finally {
    await closeLedger(copy);
  }
}
