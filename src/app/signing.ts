/**
 * Signed commits. At the end of every write command, before its transaction commits, the hash
 * of the last entry it appended is signed by everyone who recorded an entry in it (the `--by`
 * person) and by everyone named as its approver: one signature covers the command's entries
 * and all history before them, an import of 200,000 rows included. Each signs with the key they
 * held when the command began (a `key change` is signed by the old key); a person with no key
 * yet (a ledger made before keys) is given one now, with the passphrase they choose.
 */
import { localDate } from '../domain/dates.js';
import type { KeyObject } from 'node:crypto';
import type { SealedKey } from '../domain/entry-kinds.js';
import type { Projection } from '../domain/projection.js';
import { journalHead } from '../db/entries-repo.js';
import { journalWriter } from '../db/journal.js';
import type { LedgerDb } from '../db/open-database.js';
import { appendRegister, loadCommittee, loadKeys } from '../db/register-repo.js';
import { RuleError, text } from '../domain/errors.js';
import { addSignature, signersSince } from '../db/signatures-repo.js';
import type { Passphrases } from './context.js';
import { newKey, signHash, unseal, unsealInBackground, type KeyDerivation } from './keys.js';

/** Appends a key entry for `person`, the private key sealed under `passphrase`. */
export async function giveKey(ledger: LedgerDb, projection: Projection, person: string, passphrase: string, recordedBy: string, now: Date): Promise<void> {
  const k = newKey(passphrase);
  appendRegister(ledger, journalWriter(ledger), projection, [
    { kind: 'key', person, publicKey: k.publicKey, fingerprint: k.fingerprint, sealed: k.sealed, date: localDate(now), recordedAt: now.toISOString(), recordedBy, approvedBy: null },
  ]);
}

async function recordedByTheChair(ledger: LedgerDb, recorders: readonly string[], now: Date): Promise<boolean> {
  const p = await loadCommittee(ledger);
  return recorders.some((r) => p.holds(r, 'chair', localDate(now)));
}

/**
 * The signers' keys being opened ahead of the commit (`openKeyAhead`), for the ledger handle the
 * command writes through: scrypt's 20-odd milliseconds then run beside the command's work.
 */
const ahead = new WeakMap<LedgerDb, { person: string; keySeq: number; passphrase: string; key: Promise<KeyObject> }[]>();

/**
 * Starts opening `person`'s current key in the background, when their passphrase is at hand
 * without asking (a prompt waits for the commit, as before): the recorder's, and an approver's
 * the command names. The commit takes it if it is the key it signs with and the passphrase it
 * is given; otherwise it opens the key itself. A derivation `started` before the command was
 * even loaded (src/cli/early-key.ts) is taken when it fits this key.
 */
export async function openKeyAhead(ledger: LedgerDb, person: string, passphrase: string | undefined, started?: KeyDerivation): Promise<void> {
  if (passphrase === undefined) return;
  const key = (await loadKeys(ledger)).currentKey(person);
  if (!key) return;
  const opening = unsealInBackground(key.sealed, passphrase, person, started);
  // A wrong passphrase is said when the commit signs; a command refused before then never asks.
  opening.catch(() => {});
  let list = ahead.get(ledger);
  if (!list) ahead.set(ledger, (list = []));
  list.push({ person, keySeq: key.seq, passphrase, key: opening });
}

/** The private key of `key` (sealed under `passphrase`): the one opened ahead when it is that one. */
async function privateKeyOf(ledger: LedgerDb, person: string, key: { seq: number; sealed: SealedKey }, passphrase: string): Promise<KeyObject> {
  const list = ahead.get(ledger) ?? [];
  const i = list.findIndex((a) => a.person === person && a.keySeq === key.seq && a.passphrase === passphrase);
  if (i >= 0) return list.splice(i, 1)[0]!.key;
  return unseal(key.sealed, passphrase, person);
}

/** Signs the commit that began at `startSeq` (see the module comment). */
export async function signCommit(ledger: LedgerDb, startSeq: number, passphrases: Passphrases, now: Date): Promise<void> {
  const { recorders, approvers } = await signersSince(ledger, startSeq);
  // The keys alone: after a big household import the whole register would not fit in memory.
  const projection = await loadKeys(ledger);
  const signers: { person: string; role: 'recorder' | 'approver'; recordedBy?: string }[] = [
    ...recorders.map((person) => ({ person, role: 'recorder' as const })),
    ...approvers.filter((a) => !recorders.includes(a)).map((person) => ({ person, role: 'approver' as const, recordedBy: recorders[0] })),
  ];
  // A recorder without a key (a ledger made before keys) gets one first, choosing its
  // passphrase at the keyboard; its entry is part of this commit. An approver without one gets
  // it only from the chair, as at an appointment: anyone else at the keyboard could otherwise
  // choose the approver's passphrase and approve in their name.
  for (const s of signers) {
    if (projection.currentKey(s.person)) continue;
    if (s.role === 'approver' && !(await recordedByTheChair(ledger, recorders, now))) {
      throw new RuleError(
        text(
          `审批人 ${s.person} 还没有签名密钥，不能审批；请主任为其设定：ledger --by 主任 key reset ${s.person} --approved-by 另一位监督人或主任。未作任何记录`,
          `the approver ${s.person} has no signing key yet and cannot approve; the chair gives one with: ledger --by CHAIR key reset ${s.person} --approved-by ANOTHER-OFFICER. Nothing was recorded`,
        ),
      );
    }
    await giveKey(ledger, projection, s.person, await passphrases.chosen(s.person), s.recordedBy ?? s.person, now);
  }
  const head = (await journalHead(ledger))!;
  for (const s of signers) {
    const key = projection.keyBefore(s.person, startSeq + 1) ?? projection.currentKey(s.person)!;
    const passphrase = s.role === 'recorder' ? await passphrases.recorder(s.person) : await passphrases.approver(s.person);
    const privateKey = await privateKeyOf(ledger, s.person, key, passphrase);
    await addSignature(ledger, { seq: head.seq, role: s.role, signer: s.person, key_seq: key.seq, signature: signHash(privateKey, head.hash) });
  }
}
