/**
 * The signers' keys, set deriving from the first moment of a write at the gate.
 *
 * Every write is signed, and the signing key opens only after scrypt (app/keys.ts: about 50 ms
 * of one core here), which `collect` would otherwise start once the whole CLI is loaded and the
 * ledger open, and then wait for. bin/ledger.js runs this small bundle (dist/early-key.cjs)
 * before it loads the CLI's: when the command is one of EARLY_KEY_COMMANDS and the passphrase
 * is in the environment, it reads the person's current key from the ledger file and starts
 * scrypt on libuv's thread pool, so that the derivation runs while the CLI loads; and the same
 * for the approver a command names, whose signature the commit also waits for. The CLI takes
 * it only when it fits the key it signs with (app/signing.ts `openKeyAhead`); anything
 * unexpected here (no such file, a PostgreSQL database, no key yet, a ledger that cannot be
 * read) means no early start, never an error: the command then opens the key as before.
 */
import { startDerivation, sealedAtStandardCost, type KeyDerivation } from '../app/keys.js';
import type { SealedKey } from '../domain/entry-kinds.js';
import { sqliteConnection } from '../db/sqlite/connection.js';
import { splitGlobals } from './globals.js';

/**
 * The commands whose every run writes and signs as the `--by` person, and which are run
 * often, one at a time: the money at the gate and at the office. (A command left out only
 * opens its key later; one put in that did not sign would only wait for scrypt at its exit.)
 */
export const EARLY_KEY_COMMANDS = ['collect', 'income', 'spend', 'refund', 'void'] as const;

/**
 * Those of EARLY_KEY_COMMANDS whose record a second person approves (`--approved-by`), and who
 * signs the commit beside the recorder: that person's key is set deriving too, when their
 * passphrase is in `$LEDGER_APPROVER_PASSPHRASE`.
 */
export const APPROVED_COMMANDS = ['spend', 'refund', 'void'] as const;

/** The keys set deriving before the CLI loads (what bin/ledger.js hands to `main` as `started`). */
export interface EarlyKeys {
  /** The `--by` person's key, under `$LEDGER_PASSPHRASE`. */
  keyDerivation?: KeyDerivation;
  /** The approver's key (`--approved-by`), under `$LEDGER_APPROVER_PASSPHRASE`. */
  approver?: { person: string; derivation: KeyDerivation };
}

/** The derivations of the signers' keys started now, for a write at the gate whose passphrases are in the environment. */
export function startKeyDerivations(argv: readonly string[], env: NodeJS.ProcessEnv): EarlyKeys {
  const { globals, rest, errors } = splitGlobals(argv, env);
  const command = rest[0] ?? '';
  if (errors.length > 0 || !globals.by || !(EARLY_KEY_COMMANDS as readonly string[]).includes(command) || rest.includes('--help') || rest.includes('-h')) return {};
  const named = (APPROVED_COMMANDS as readonly string[]).includes(command) ? approverNamed(rest) : undefined;
  // One who approves their own record is refused by a rule, and signs once, as the recorder.
  const approver = named && named !== globals.by && env.LEDGER_APPROVER_PASSPHRASE ? named : undefined;
  if (!env.LEDGER_PASSPHRASE && !approver) return {};
  const sealed = currentSealedKeys(globals.db, approver ? [globals.by, approver] : [globals.by]);
  // Only a key sealed at this version's cost: the cost comes from the file, read before any check of it.
  const start = (person: string, passphrase: string | undefined): KeyDerivation | undefined => {
    const key = sealed.get(person);
    return passphrase && key && sealedAtStandardCost(key) ? startDerivation(key, passphrase) : undefined;
  };
  const started: EarlyKeys = {};
  const keyDerivation = start(globals.by, env.LEDGER_PASSPHRASE);
  if (keyDerivation) started.keyDerivation = keyDerivation;
  const derivation = approver ? start(approver, env.LEDGER_APPROVER_PASSPHRASE) : undefined;
  if (approver && derivation) started.approver = { person: approver, derivation };
  return started;
}

/**
 * The person `--approved-by` names among a command's own arguments (`--approved-by NAME` or
 * `--approved-by=NAME`), as commander reads it; a wrong guess only costs a derivation not taken.
 */
function approverNamed(rest: readonly string[]): string | undefined {
  for (let i = 1; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--') return undefined;
    if (a === '--approved-by') return rest[i + 1];
    if (a.startsWith('--approved-by=')) return a.slice('--approved-by='.length);
  }
  return undefined;
}

/**
 * The sealed private keys of the current keys of `persons` in the SQLite ledger `file`: each
 * one's last `key` entry (domain/projection.ts `currentKey`), read through the entries_keys
 * index. Read only, and any failure is no key.
 */
function currentSealedKeys(file: string, persons: readonly string[]): Map<string, SealedKey> {
  const keys = new Map<string, SealedKey>();
  let sqlite: ReturnType<typeof sqliteConnection> | undefined;
  try {
    sqlite = sqliteConnection(file, { readonly: true, fileMustExist: true });
    const last = sqlite.prepare("SELECT detail FROM entries WHERE kind = 'key' AND party = ? ORDER BY seq DESC LIMIT 1");
    for (const person of persons) {
      const row = last.get(person) as { detail: string | null } | undefined;
      const sealed = row?.detail ? (JSON.parse(row.detail) as { sealed?: SealedKey }).sealed : undefined;
      if (sealed && typeof sealed.salt === 'string') keys.set(person, sealed);
    }
  } catch {
    keys.clear();
  } finally {
    sqlite?.close();
  }
  return keys;
}
