/**
 * The `--by` person's key, set deriving from the first moment of a write at the gate.
 *
 * Every write is signed, and the signing key opens only after scrypt (app/keys.ts: about 50 ms
 * of one core here), which `collect` would otherwise start once the whole CLI is loaded and the
 * ledger open, and then wait for. bin/ledger.js runs this small bundle (dist/early-key.cjs)
 * before it loads the CLI's: when the command is one of EARLY_KEY_COMMANDS and the passphrase
 * is in the environment, it reads the person's current key from the ledger file and starts
 * scrypt on libuv's thread pool, so that the derivation runs while the CLI loads. The CLI takes
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

/** The derivation of the `--by` person's key under `$LEDGER_PASSPHRASE`, started now; or undefined. */
export function startKeyDerivation(argv: readonly string[], env: NodeJS.ProcessEnv): KeyDerivation | undefined {
  const { globals, rest, errors } = splitGlobals(argv, env);
  const passphrase = env.LEDGER_PASSPHRASE;
  if (errors.length > 0 || !globals.by || !passphrase) return undefined;
  if (!(EARLY_KEY_COMMANDS as readonly string[]).includes(rest[0] ?? '') || rest.includes('--help') || rest.includes('-h')) return undefined;
  const sealed = currentSealedKey(globals.db, globals.by);
  // Only a key sealed at this version's cost: the cost comes from the file, read before any check of it.
  return sealed && sealedAtStandardCost(sealed) ? startDerivation(sealed, passphrase) : undefined;
}

/**
 * The sealed private key of `person`'s current key in the SQLite ledger `file`: their last
 * `key` entry (domain/projection.ts `currentKey`), read through the entries_keys index. Read
 * only, and any failure is no key.
 */
function currentSealedKey(file: string, person: string): SealedKey | undefined {
  let sqlite: ReturnType<typeof sqliteConnection> | undefined;
  try {
    sqlite = sqliteConnection(file, { readonly: true, fileMustExist: true });
    const row = sqlite.prepare("SELECT detail FROM entries WHERE kind = 'key' AND party = ? ORDER BY seq DESC LIMIT 1").get(person) as { detail: string | null } | undefined;
    const sealed = row?.detail ? (JSON.parse(row.detail) as { sealed?: SealedKey }).sealed : undefined;
    return sealed && typeof sealed.salt === 'string' ? sealed : undefined;
  } catch {
    return undefined;
  } finally {
    sqlite?.close();
  }
}
