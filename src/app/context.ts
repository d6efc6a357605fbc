import { localDate, type IsoDate } from '../domain/dates.js';
import type { LedgerDb } from '../db/open-database.js';

/** What every use case gets: the open ledger, who is recording, and the clock. */
export interface AppContext {
  ledger: LedgerDb;
  /** The operator (经办人) from --by or LEDGER_OPERATOR; writes require one. */
  by: string | undefined;
  now: Date;
  /** Where passphrases come from (the terminal or the environment); none in in-process tests. */
  passphrases?: Passphrases;
}

/** The passphrases a write may need: the recorder's, the approver's, and one chosen for a new key. */
export interface Passphrases {
  recorder(person: string): Promise<string>;
  /** The recorder's passphrase if it is at hand without asking (given in the environment, or typed already). */
  recorderAtHand?(person: string): string | undefined;
  approver(person: string): Promise<string>;
  /** An approver's passphrase if it is at hand without asking. */
  approverAtHand?(person: string): string | undefined;
  chosen(person: string): Promise<string>;
}

export const todayOf = (ctx: { now: Date }): IsoDate => localDate(ctx.now);

/** Who recorded a row and when: every record carries both. */
export const stamp = (ctx: AppContext, by: string) => ({ recorded_at: ctx.now.toISOString(), recorded_by: by });
