import { anchorOf } from '../domain/chain.js';
import { ownerOn } from '../domain/projection.js';
import { loadProjection } from '../db/register-repo.js';
import { InputError, text } from '../domain/errors.js';
import { formatNumber, SERIES } from '../domain/numbering.js';
import type { LedgerDb } from '../db/open-database.js';
import { allocationsOf, findByNumber, voidOf } from '../db/entries-repo.js';
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
  /** The entry's sequence number and check code (记录号 · 校验码), where the journal gives them. */
  seq?: number | null;
  code?: string | null;
}

export async function findReceipt(ledger: LedgerDb, number: string): Promise<Receipt> {
  const entry = await findByNumber(ledger, number);
  if (!entry || (entry.kind !== 'collection' && entry.kind !== 'income')) {
    throw new InputError(text(`没有编号为 ${number} 的收据`, `no receipt numbered ${number}`));
  }
  // The owner of record on the day paid (a unit sold later keeps its receipts' payer).
  const unit = entry.household ? (await loadProjection(ledger)).households.get(entry.household) : undefined;
  const voided = await voidOf(ledger, entry.seq);
  return {
    compound: (await readSettings(ledger)).name,
    number,
    kind: entry.kind,
    date: entry.date,
    household: entry.household,
    owner: unit ? ownerOn(unit, entry.date).name : null,
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
    // The anchor a resident keeps: `verify --expect SEQ:CODE` proves the history up to it unchanged.
    ...anchorOf(entry),
  };
}

/** Most receipts one `receipt --from --to` prints: a day at the gate, or a month of them. */
export const MAX_RECEIPT_RANGE = 500;

/**
 * The receipts from `from` to `to`, both included, in number order: e.g. a day's receipts to
 * print at once. Both are of one year (`R2025-0031`, `R2025-0051`; `--to 51` is taken in
 * `from`'s year); every number between exists, since receipts are numbered without gaps.
 */
export async function findReceiptRange(ledger: LedgerDb, from: string, to: string): Promise<Receipt[]> {
  const pattern = new RegExp(`^${SERIES.receipt.letter}(\\d{4})-(\\d+)$`);
  const a = pattern.exec(from);
  if (!a) throw new InputError(text(`收据号“${from}”无效（如 R2025-0001）`, `receipt number "${from}" is not valid (e.g. R2025-0001)`));
  const b = /^\d+$/.test(to) ? [to, a[1], to] : pattern.exec(to);
  if (!b) throw new InputError(text(`收据号“${to}”无效（如 R2025-0051）`, `receipt number "${to}" is not valid (e.g. R2025-0051)`));
  if (a[1] !== b[1]) throw new InputError(text(`--from 和 --to 须是同一年的收据（${from}、${to}）`, `--from and --to must be receipts of one year (${from}, ${to})`));
  const year = Number(a[1]);
  const [first, last] = [Number(a[2]), Number(b[2])];
  if (first > last) throw new InputError(text(`起始收据 ${from} 在截止收据 ${to} 之后`, `the range starts (${from}) after it ends (${to})`));
  if (last - first + 1 > MAX_RECEIPT_RANGE) {
    throw new InputError(text(`一次最多打印 ${MAX_RECEIPT_RANGE} 张收据`, `at most ${MAX_RECEIPT_RANGE} receipts at a time`));
  }
  const receipts: Receipt[] = [];
  for (let n = first; n <= last; n++) receipts.push(await findReceipt(ledger, formatNumber('receipt', year, n)));
  return receipts;
}
