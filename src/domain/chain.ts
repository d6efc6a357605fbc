import { nodeCrypto } from './node-crypto.js';

type OneShot = (algorithm: string, data: string, encoding: 'hex') => string;

/** The hash an empty ledger's first entry chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash chain of the journal: each entry's hash covers its own content and the previous
 * entry's hash, so editing, removing or reordering any entry breaks every hash after it.
 * `content` must be canonical: the same entry always serialises to the same text.
 */
export function chainHash(prevHash: string, content: string): string {
  const crypto = nodeCrypto();
  // crypto.hash (Node 20.12+) is the one-shot form of the same digest, without a Hash object.
  const oneShot = (crypto as { hash?: OneShot }).hash;
  if (oneShot) return oneShot('sha256', `${prevHash}\n${content}`, 'hex');
  return crypto.createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/** How many hex digits of an entry's hash its check code (校验码) shows: 64 bits, past grinding. */
export const CHECK_CODE_DIGITS = 16;

/** An entry as an anchor outside the file (记录号 SEQ · 校验码 CODE), for `verify --expect SEQ:CODE`. */
export interface Anchor {
  seq: number;
  code: string;
}

export const anchorOf = (entry: { seq: number; hash: string }): Anchor => ({ seq: entry.seq, code: entry.hash.slice(0, CHECK_CODE_DIGITS) });

/** The anchor as printed on receipts, vouchers, notices and reports. */
export const anchorText = (a: Anchor): { zh: string; en: string } => ({
  zh: `记录号 ${a.seq} · 校验码 ${a.code}`,
  en: `entry ${a.seq} · check code ${a.code}`,
});
