import { createHash } from 'node:crypto';

/** The hash an empty ledger's first entry chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash chain of the journal: each entry's hash covers its own content and the previous
 * entry's hash, so editing, removing or reordering any entry breaks every hash after it.
 * `content` must be canonical: the same entry always serialises to the same text.
 */
export function chainHash(prevHash: string, content: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}
