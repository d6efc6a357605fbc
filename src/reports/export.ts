/**
 * The ledger as a plain-text accounting journal (hledger/ledger or beancount), so that
 * established tools can re-check every figure. Cash basis like the disclosure (收付实现制):
 * every collection, other income and expense moves the fund `assets:cash`; fee income sits
 * under `income:fees:<fee year>` (money not yet billed to any year under `income:fees:prepaid`),
 * other income under `income:other:<category>`, expenses under `expenses:<category>`; a void
 * is a reversing transaction on its own date. The postings are worked out here once; each
 * format only writes them (render/hledger.ts, render/beancount.ts).
 */
import type { YearAmount } from '../domain/allocation.js';
import { nextDay, type IsoDate } from '../domain/dates.js';
import { text, type Text } from '../domain/errors.js';
import type { Fen } from '../domain/money.js';
import { paymentMethodText } from '../domain/payment-methods.js';
import { exportOutline, moneyEntriesByDate, type MoneyEntry } from '../db/export-repo.js';
import type { LedgerDb } from '../db/open-database.js';
import { readSettings } from '../db/settings-repo.js';

export type Account =
  | { type: 'cash' }
  | { type: 'fees'; year: number }
  | { type: 'prepaid' }
  | { type: 'income'; category: string }
  | { type: 'expense'; category: string };

export interface CategoryInfo {
  line: 'income' | 'expense';
  /** The Chinese name, as entries record it. */
  name: string;
  name_en: string | null;
}

export interface ExportHeader {
  compound: string;
  exportedOn: IsoDate;
  firstDate: IsoDate | null;
  lastDate: IsoDate | null;
  feeYears: number[];
  categories: CategoryInfo[];
}

export interface Posting {
  account: Account;
  amountFen: Fen;
}

/** One transaction, ready to write: free text is raw here; each renderer escapes it for its format. */
export interface ExportTransaction {
  seq: number;
  date: IsoDate;
  kind: MoneyEntry['kind'];
  /** The receipt or voucher number; for a void, the number it voids. */
  number: string | null;
  void: boolean;
  payee: string;
  narration: string;
  recordedBy: string;
  recordedAt: string;
  approvedBy: string | null;
  voucher: string | null;
  vote: string | null;
  paperReceipt: string | null;
  postings: Posting[];
}

export interface JournalRenderer {
  header(h: ExportHeader): string;
  transaction(t: ExportTransaction): string;
  /** An assertion that the fund holds `balanceFen` at the start of `date` (before that day's entries). */
  balance(date: IsoDate, balanceFen: Fen): string;
}

export interface ExportSummary {
  format: string;
  transactions: number;
  first_date: IsoDate | null;
  last_date: IsoDate | null;
  balance_fen: Fen;
  balance_checks: number;
}


/** The fee part of a payment by year, and what is beyond every charge (prepayment). */
function feePostings(cashFen: Fen, allocations: readonly YearAmount[]): Posting[] {
  const postings: Posting[] = allocations.map((a) => ({ account: { type: 'fees', year: a.year }, amountFen: -a.amountFen }));
  const allocated = allocations.reduce((s, a) => s + a.amountFen, 0);
  if (cashFen - allocated !== 0) postings.push({ account: { type: 'prepaid' }, amountFen: -(cashFen - allocated) });
  return postings;
}

/** Turns one money entry into a balanced transaction. */
export function toTransaction(e: MoneyEntry, lang: 'zh' | 'en'): ExportTransaction {
  const t = (x: Text) => x[lang];
  const line = e.kind === 'void' ? e.target_kind : e.kind;
  const counter: Posting[] =
    line === 'collection'
      ? feePostings(e.cash_fen, e.allocations)
      : line === 'income'
        ? [{ account: { type: 'income', category: e.category ?? '' }, amountFen: -e.cash_fen }]
        : [{ account: { type: 'expense', category: e.category ?? '' }, amountFen: -e.cash_fen }];
  const parts: string[] = [];
  if (e.kind === 'void') parts.push(t(text(`作废 ${e.target_number ?? ''}`, `void of ${e.target_number ?? ''}`)));
  if (line === 'collection') {
    const years = e.allocations.map((a) => a.year).join(', ');
    parts.push(t(text(`物业费${years ? ` ${years}` : '（预收）'}`, `fee${years ? ` ${years}` : ' (prepaid)'}`)));
    if (e.method && e.kind !== 'void') parts.push(t(paymentMethodText(e.method)));
  } else if (line === 'income') {
    parts.push(e.category ?? '');
  } else {
    const item = e.item ?? e.target_item;
    if (item) parts.push(item);
    parts.push(e.category ?? '');
  }
  if (e.note) parts.push(e.note);
  const payee = e.household ?? e.party ?? e.target_party ?? e.category ?? '';
  return {
    seq: e.seq,
    date: e.date,
    kind: e.kind,
    number: e.kind === 'void' ? e.target_number : e.number,
    void: e.kind === 'void',
    payee,
    narration: parts.filter((p) => p !== '').join(' · '),
    recordedBy: e.recorded_by,
    recordedAt: e.recorded_at,
    approvedBy: e.approved_by,
    voucher: e.kind === 'expense' ? e.ref : null,
    vote: e.vote,
    paperReceipt: e.kind === 'collection' || e.kind === 'income' ? e.ref : null,
    postings: [{ account: { type: 'cash' }, amountFen: e.cash_fen }, ...counter],
  };
}

/** The first day of the half-year after `date`: where a disclosure period starts. */
function nextHalfStart(date: IsoDate): IsoDate {
  const y = Number(date.slice(0, 4));
  return date < `${y}-07-01` ? `${y}-07-01` : `${y + 1}-01-01`;
}

/**
 * Writes the journal through `write` in date order, streaming the entries. At the start of
 * every half-year and after the last day it asserts the fund balance as the ledger computes
 * it, so the peer tool re-checks the balance itself.
 */
export async function exportJournal(
  ledger: LedgerDb,
  renderer: JournalRenderer,
  write: (chunk: string) => void | Promise<void>,
  options: { today: IsoDate; lang: 'zh' | 'en'; format: string; onProgress?: (transactions: number) => void },
): Promise<ExportSummary> {
  const outline = await exportOutline(ledger);
  const settings = await readSettings(ledger);
  await write(
    renderer.header({
      compound: settings.name,
      exportedOn: options.today,
      firstDate: outline.firstDate,
      lastDate: outline.lastDate,
      feeYears: outline.feeYears,
      categories: outline.categories,
    }),
  );
  let balance = 0;
  let count = 0;
  let checks = 0;
  let boundary = outline.firstDate ? nextHalfStart(outline.firstDate) : null;
  let buffer: string[] = [];
  let size = 0;
  // Chunks of about 64 KiB; the writer may make us wait (a slow reader on a pipe).
  const push = async (s: string) => {
    buffer.push(s);
    size += s.length;
    if (size > 1 << 16) {
      const chunk = buffer.join('');
      buffer = [];
      size = 0;
      await write(chunk);
    }
  };
  for await (const e of moneyEntriesByDate(ledger)) {
    while (boundary && e.date >= boundary) {
      await push(renderer.balance(boundary, balance));
      checks += 1;
      boundary = nextHalfStart(boundary);
    }
    await push(renderer.transaction(toTransaction(e, options.lang)));
    balance += e.cash_fen;
    count += 1;
    if (options.onProgress && count % 5000 === 0) options.onProgress(count);
  }
  if (outline.lastDate) {
    await push(renderer.balance(nextDay(outline.lastDate), balance));
    checks += 1;
  }
  await write(buffer.join(''));
  return { format: options.format, transactions: count, first_date: outline.firstDate, last_date: outline.lastDate, balance_fen: balance, balance_checks: checks };
}

/** Columns as a terminal shows them: CJK characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

/** A posting line with the amount right-aligned at column `width`. */
export function alignPosting(indent: string, account: string, amount: string, width = 52): string {
  return `${indent}${account}${' '.repeat(Math.max(2, width - displayWidth(indent + account) - amount.length))}${amount}`;
}

/** Account components from free text: a category name may hold any character. */
export function uniqueNames<K>(items: readonly K[], nameOf: (k: K) => string): Map<K, string> {
  const taken = new Set<string>();
  const out = new Map<K, string>();
  for (const k of items) {
    const base = nameOf(k);
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
    taken.add(name);
    out.set(k, name);
  }
  return out;
}
