/**
 * node:crypto, loaded when first used instead of at start-up. Loading it takes about 4 ms,
 * which commands that neither hash, sign nor open a ledger (`ledger --help`) need not pay;
 * everything the ledger does with cryptography is node:crypto's, through this one loader.
 */
import type * as Crypto from 'node:crypto';

let loaded: typeof Crypto | undefined;

export const nodeCrypto = (): typeof Crypto => (loaded ??= require('node:crypto') as typeof Crypto);
