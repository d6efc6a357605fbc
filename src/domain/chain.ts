import * as crypto from 'node:crypto';

const { createHash } = crypto;
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** The hash an empty ledger's first entry chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash chain of the journal: each entry's hash covers its own content and the previous
 * entry's hash, so editing, removing or reordering any entry breaks every hash after it.
 * `content` must be canonical: the same entry always serialises to the same text.
 */
export function chainHash(prevHash: string, content: string): string {
  // crypto.hash (Node 20.12+) is the one-shot form of the same digest, without a Hash object.
  if (oneShot) return oneShot('sha256', `${prevHash}\n${content}`, 'hex');
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}
