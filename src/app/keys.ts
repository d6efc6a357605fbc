/**
 * People's keys (node:crypto only, no cryptography of our own): an Ed25519 key pair per person,
 * the private key sealed with AES-256-GCM under a key derived from the person's passphrase by
 * scrypt at N = 2^15, r = 2, as the signing issue set it (8 MiB per guess; on this machine 17 ms
 * a guess when idle, 22–26 ms inside a command; r = 8 would cost four times that at every
 * signature). The public key is a journal
 * entry; a signature covers a commit (the hash of the last entry a command appended).
 */
import type { KeyObject, ScryptOptions } from 'node:crypto';
import { nodeCrypto } from '../domain/node-crypto.js';
import type { SealedKey } from '../domain/entry-kinds.js';
import { RuleError, text } from '../domain/errors.js';

const SCRYPT = { N: 2 ** 15, r: 2, p: 1 } as const;
const maxmem = (k: Pick<SealedKey, 'N' | 'r'>) => 256 * k.N * k.r;

const b64 = (b: Buffer) => b.toString('base64');

const scryptOptions = (k: Pick<SealedKey, 'N' | 'r' | 'p'>): ScryptOptions => ({ N: k.N, r: k.r, p: k.p, maxmem: maxmem(k) });

function derive(passphrase: string, salt: Buffer, k: Pick<SealedKey, 'N' | 'r' | 'p'>): Buffer {
  return nodeCrypto().scryptSync(passphrase.normalize('NFC'), salt, 32, scryptOptions(k));
}

/** The fingerprint people compare (key list): the first 16 hex digits of SHA-256 of the public key. */
export const fingerprintOf = (publicKey: string): string => nodeCrypto().createHash('sha256').update(Buffer.from(publicKey, 'base64')).digest('hex').slice(0, 16);

/** A new key pair, its private half sealed under `passphrase`. */
export function newKey(passphrase: string): { publicKey: string; fingerprint: string; sealed: SealedKey; privateKey: KeyObject } {
  const { publicKey, privateKey } = nodeCrypto().generateKeyPairSync('ed25519');
  const spki = b64(publicKey.export({ type: 'spki', format: 'der' }));
  const salt = nodeCrypto().randomBytes(16);
  const iv = nodeCrypto().randomBytes(12);
  const cipher = nodeCrypto().createCipheriv('aes-256-gcm', derive(passphrase, salt, SCRYPT), iv);
  const ciphertext = Buffer.concat([cipher.update(privateKey.export({ type: 'pkcs8', format: 'der' })), cipher.final()]);
  return {
    publicKey: spki,
    fingerprint: fingerprintOf(spki),
    sealed: { kdf: 'scrypt', ...SCRYPT, salt: b64(salt), iv: b64(iv), tag: b64(cipher.getAuthTag()), ciphertext: b64(ciphertext) },
    privateKey,
  };
}

/** The private key, opened with `passphrase`; a wrong passphrase is refused (exit 1). */
export function unseal(sealed: SealedKey, passphrase: string, person: string): KeyObject {
  let derived: Buffer;
  try {
    derived = derive(passphrase, Buffer.from(sealed.salt, 'base64'), sealed);
  } catch {
    throw wrongPassphrase(person);
  }
  return open(sealed, derived, person);
}

/**
 * The key that opens a sealed private key, being derived from a passphrase by scrypt on
 * libuv's thread pool (`startDerivation`). It fits any sealed key of the same salt and cost
 * under the same passphrase: scrypt gives the same bytes for the same inputs.
 */
export interface KeyDerivation {
  passphrase: string;
  salt: string;
  N: number;
  r: number;
  p: number;
  derived: Promise<Buffer>;
}

/** Starts deriving the key that opens `sealed` under `passphrase`, off the main thread. */
export function startDerivation(sealed: Pick<SealedKey, 'salt' | 'N' | 'r' | 'p'>, passphrase: string): KeyDerivation {
  const derived = new Promise<Buffer>((resolve, reject) => {
    nodeCrypto().scrypt(passphrase.normalize('NFC'), Buffer.from(sealed.salt, 'base64'), 32, scryptOptions(sealed), (err, key) => (err ? reject(err) : resolve(key)));
  });
  // Its refusal is said by whoever takes the key; a derivation never taken stays quiet.
  derived.catch(() => {});
  return { passphrase, salt: sealed.salt, N: sealed.N, r: sealed.r, p: sealed.p, derived };
}

/** Whether the sealed key is at the cost this version seals with (the only cost a key is opened early at: bin/ledger.js). */
export const sealedAtStandardCost = (k: Pick<SealedKey, 'N' | 'r' | 'p'>): boolean => k.N === SCRYPT.N && k.r === SCRYPT.r && k.p === SCRYPT.p;

/**
 * `unseal` with scrypt on libuv's thread pool: a command starts it when it opens the ledger and
 * takes the key when it signs, the derivation running beside the command's own work. A
 * derivation already `started` (from the first moment of the process, src/cli/early-key.ts) is
 * taken when it fits: the same passphrase, salt and cost.
 */
export function unsealInBackground(sealed: SealedKey, passphrase: string, person: string, started?: KeyDerivation): Promise<KeyObject> {
  const fits = started !== undefined && started.passphrase === passphrase && started.salt === sealed.salt && started.N === sealed.N && started.r === sealed.r && started.p === sealed.p;
  const derivation = fits ? started : startDerivation(sealed, passphrase);
  return derivation.derived.then(
    (derived) => open(sealed, derived, person),
    () => {
      throw wrongPassphrase(person);
    },
  );
}

function open(sealed: SealedKey, derived: Buffer, person: string): KeyObject {
  try {
    const decipher = nodeCrypto().createDecipheriv('aes-256-gcm', derived, Buffer.from(sealed.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const der = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    return nodeCrypto().createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw wrongPassphrase(person);
  }
}

const wrongPassphrase = (person: string) => new RuleError(text(`${person} 的密码不对，未作任何记录`, `wrong passphrase for ${person}; nothing was recorded`));

/** Signs a commit: the hash (hex) of the last entry it appended. */
export const signHash = (privateKey: KeyObject, hashHex: string): string => b64(nodeCrypto().sign(null, Buffer.from(hashHex, 'hex'), privateKey));

/**
 * Public keys as node:crypto takes them, made once each: `verify` checks every commit's
 * signatures, a few thousand made by a handful of keys.
 */
const publicKeys = new Map<string, KeyObject>();

/** Whether `signature` is `publicKey`'s over the hash. */
export function signatureValid(publicKey: string, hashHex: string, signature: string): boolean {
  try {
    let key = publicKeys.get(publicKey);
    if (!key) {
      key = nodeCrypto().createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
      publicKeys.set(publicKey, key);
    }
    return nodeCrypto().verify(null, Buffer.from(hashHex, 'hex'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** A passphrase chosen for a new key: at least 8 characters (bad input otherwise). */
export const PASSPHRASE_MIN = 8;
