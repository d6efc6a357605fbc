import { InputError, text } from '../domain/errors.js';
import type { LedgerDb } from '../db/open-database.js';
import { allocationsOf, findByNumber, voidOf } from '../db/entries-repo.js';
import { findHousehold } from '../db/households-repo.js';
import { readSettings } from '../db/settings-repo.js';
import { categoryLabel } from '../db/categories-repo.js';

/** A receipt (收据) as printed: a fee collection or other income, void or not. */
export interface Receipt {
  compound: string;
  number: string;
  kind: 'collection' | 'income';
  date: string;
  household: string | null;
  owner: string | null;
  /** Payer of other income. */
  payer: string | null;
  category: { zh: string; en: string } | null;
  amount_fen: number;
  method: string | null;
  note: string | null;
  paper_receipt: string | null;
  allocations: { year: number; amount_fen: number }[];
  recorded_by: string;
  recorded_at: string;
  void: { date: string; reason: string; by: string } | null;
}

export async function findReceipt(ledger: LedgerDb, number: string): Promise<Receipt> {
  const entry = await findByNumber(ledger, number);
  if (!entry || (entry.kind !== 'collection' && entry.kind !== 'income')) {
    throw new InputError(text(`没有编号为 ${number} 的收据`, `no receipt numbered ${number}`));
  }
  const household = entry.household ? await findHousehold(ledger, entry.household) : undefined;
  const voided = await voidOf(ledger, entry.seq);
  return {
    compound: (await readSettings(ledger)).name,
    number,
    kind: entry.kind,
    date: entry.date,
    household: entry.household,
    owner: household?.owner ?? null,
    payer: entry.party,
    category: entry.category ? await categoryLabel(ledger, 'income', entry.category) : null,
    amount_fen: entry.amount_fen!,
    method: entry.method,
    note: entry.note,
    paper_receipt: entry.ref,
    allocations: (await allocationsOf(ledger, entry.seq)).map((a) => ({ year: a.year, amount_fen: a.amountFen })),
    recorded_by: entry.recorded_by,
    recorded_at: entry.recorded_at,
    void: voided ? { date: voided.date, reason: voided.note ?? '', by: voided.recorded_by } : null,
  };
}
