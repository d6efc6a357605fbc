/**
 * Errors a user is meant to read. Every message carries both languages; the CLI picks one.
 * Exit codes follow the contract: 2 for bad input or usage, 1 for a rule of the ledger.
 */
export interface Text {
  zh: string;
  en: string;
}

export const text = (zh: string, en: string): Text => ({ zh, en });

export class LedgerError extends Error {
  constructor(
    readonly exitCode: 1 | 2,
    readonly text: Text,
    /** Extra lines printed after the message, e.g. `FILE:LINE: message` for every bad CSV row. */
    readonly details: Text[] = [],
  ) {
    super(text.en);
  }
}

/** Bad input or usage: malformed amount, date, code, flag or CSV (exit 2). */
export class InputError extends LedgerError {
  constructor(message: Text, details: Text[] = []) {
    super(2, message, details);
  }
}

/** Refused by a rule of the ledger: role, vote, budget, balance, lock, integrity (exit 1). */
export class RuleError extends LedgerError {
  constructor(message: Text, details: Text[] = []) {
    super(1, message, details);
  }
}
