/**
 * The half-yearly disclosure (收支公示) as plain data: `disclosureReport(ledger, period, now)`.
 * Every renderer (table, csv, json, md, html) and the bulletin-board notice read this value;
 * none of them computes a figure.
 *
 * Cash basis (收付实现制): money counts on the day it was received or paid. A void (红冲)
 * counts on its own date, so a void of an earlier period's receipt reduces this period's
 * income; the voided original stays listed, marked 作废 when its void falls by the period's end.
 *
 * The figures as of a period that has not ended yet are those of today ("截至今日").
 */
import { anchorOf, type Anchor } from '../domain/chain.js';
import { formatPerMille, perMille } from '../domain/percent.js';
import { localDate, monthOf, previousDay, yearOf, type IsoDate } from '../domain/dates.js';
import type { Text } from '../domain/errors.js';
import type { Fen } from '../domain/money.js';
import { periodCaption, type Period } from '../domain/period.js';
import { fundBalance } from '../db/balance-repo.js';
import { listCategories } from '../db/categories-repo.js';
import { feeStandardOf } from '../db/fees-repo.js';
import { journalHead } from '../db/entries-repo.js';
import type { LedgerDb } from '../db/open-database.js';
import { chargedInYear, feeSplit } from '../db/period-totals-repo.js';
import {
  chargesForYear,
  feeReceiptNumbers,
  waiversIn,
  householdsLivingCount,
  lineEntries,
  monthlyCash,
  voidsIn,
  voteIdsOfPeriod,
  type LineEntryRow,
} from '../db/report-repo.js';
import { signaturesOn } from '../db/roles-repo.js';
import { readSettings } from '../db/settings-repo.js';
import { spentAgainstVote } from '../db/votes-repo.js';
import { voteJson, voteState } from './vote-state.js';
import { owingRooms, type OwedYear } from '../db/arrears-repo.js';
import { arrearsSummary, type ArrearsSummary } from './arrears.js';

/** Receipt numbers as consecutive runs: `R2022-0001`…`R2022-0050`, `R2022-0052`…. */
export interface ReceiptRuns {
  count: number;
  first: string | null;
  last: string | null;
  /** Each run as [first, last]; a single receipt is [n, n]. */
  runs: [string, string][];
}

export interface DisclosureExpense {
  number: string;
  date: IsoDate;
  category: string;
  category_en: string | null;
  item: string;
  payee: string;
  amount_fen: Fen;
  vote: string | null;
  /** Who recorded it (经办, the reimburser). */
  by: string;
  approved_by: string | null;
  /** Voided by the period's end (作废); its void is then in `voids`. */
  void: boolean;
  voided_on: IsoDate | null;
  voucher: string | null;
}

export interface DisclosureOtherIncome {
  number: string;
  date: IsoDate;
  category: string;
  category_en: string | null;
  payer: string | null;
  amount_fen: Fen;
  by: string;
  note: string | null;
  void: boolean;
  voided_on: IsoDate | null;
}

/** A void (红冲) dated in the period, with its effect on its own line (always negative). */
export interface DisclosureVoid {
  date: IsoDate;
  number: string;
  line: 'fees' | 'other_income' | 'expense';
  original_date: IsoDate;
  /** The amount it takes off its line: −(the original's amount). */
  amount_fen: Fen;
  household: string | null;
  category: string | null;
  vote: string | null;
  reason: string;
  by: string;
  /** The original is dated before this period (its void is counted here, on cash basis). */
  earlier_period: boolean;
}

export interface TallyJson {
  owners: number;
  area_m2: number;
}

export interface DisclosureVote {
  id: string;
  title: string;
  rule: string;
  /** The decision as of the period's end; false while the vote was still open. */
  passed: boolean;
  budget_fen: Fen | null;
  /** Spent against it up to the period's end, net of voids. */
  spent_fen: Fen;
  status: 'open' | 'closed';
  opened_on: IsoDate;
  closes_on: IsoDate | null;
  closed_on: IsoDate | null;
  /** The frozen tally of a closed vote (null while open as of the period's end). */
  tally: {
    eligible: TallyJson;
    participated: TallyJson;
    yes: TallyJson;
    no: TallyJson;
    abstain: TallyJson;
    quorum_met: boolean;
  } | null;
}

export interface ArrearsByRoom {
  code: string;
  owed_fen: Fen;
  years: OwedYear[];
}

export interface Disclosure {
  compound: string;
  period: { from: IsoDate; to: IsoDate; label: string };
  caption: Text;
  /** The day the figures stand on: the period's end, or today while it runs. */
  as_of: IsoDate;
  /** The period has not ended yet (截至今日). */
  running: boolean;
  generated_on: IsoDate;

  /** 基本情况: the fee year is the year of `as_of`. */
  basics: { households: number; fee_fen: Fen } & Pick<
    FeeYearStanding,
    'fee_year' | 'billed' | 'paid' | 'collection_rate_permille' | 'collection_rate'
  >;

  opening_balance_fen: Fen;
  income_total_fen: Fen;
  expense_total_fen: Fen;
  closing_balance_fen: Fen;

  income: {
    fees_current_fen: Fen;
    fees_arrears_fen: Fen;
    fees_prepaid_fen: Fen;
    other_fen: Fen;
    /** Fee income net of refunds (退费), which are given here too. */
    fees_total_fen: Fen;
    refunds_fen: Fen;
  };
  /** The latest entry the statement reflects (记录号 · 校验码): `verify --expect SEQ:CODE` checks it. */
  head: { seq: number; code: string } | null;
  /** 减免 in the period: how many households, how much (never names). */
  waivers: { households: number; total_fen: Fen };
  /** Receipts issued for fee collections dated in the period (void ones included). */
  fee_receipts: ReceiptRuns;
  /** 公共收益 by category, net of voids in the period, with their receipts (`count`: receipts issued, void ones included). */
  other_income_by_category: { category: string; category_en: string | null; amount_fen: Fen; count: number; receipts: ReceiptRuns }[];
  other_income: DisclosureOtherIncome[];

  expenses: DisclosureExpense[];
  /** Net of voids in the period, by category (`count`: expenses not voided by the period's end). */
  expenses_by_category: { category: string; category_en: string | null; amount_fen: Fen; count: number }[];
  voids: DisclosureVoid[];

  /** Votes closed in the period or with spending against them in it (the contract's list). */
  votes: DisclosureVote[];
  /** Votes opened in the period and not in `votes` (still open at its end, or closed later). */
  votes_opened: DisclosureVote[];

  /** Arrears as of `as_of`: the fee year vs earlier years, and every room that owes. */
  arrears: { as_of: IsoDate } & ArrearsSummary & { rooms: ArrearsByRoom[] };

  monthly: { month: string; income_fen: Fen; expense_fen: Fen }[];
  signatures: { collector: string[]; reimburser: string[]; supervisor: string[]; chair: string[] };
}

/** Builds the disclosure of `period` as the ledger stands at `now`. */
export async function disclosureReport(ledger: LedgerDb, period: Period, now: Date): Promise<Disclosure> {
  const today = localDate(now);
  const running = period.to > today;
  const asOf = running ? today : period.to;
  const { from } = period;
  const to = asOf;
  const settings = await readSettings(ledger);

  // Summary (上期结余 | 本期收入 | 本期支出 | 本期结余).
  const opening = await fundBalance(ledger, previousDay(from));
  const fees = await feeSplit(ledger, from, to, yearOf(to));
  const otherRows = await lineEntries(ledger, 'income', from, to);
  const expenseRows = await lineEntries(ledger, 'expense', from, to);
  // A waiver's void moves no money: it is not a void of the income or expense line.
  const voidRows = (await voidsIn(ledger, from, to)).filter((v) => (v.target_kind as string) !== 'waiver');

  const voids: DisclosureVoid[] = voidRows.map((v) => ({
    date: v.date,
    number: v.target_number,
    line: v.target_kind === 'collection' ? 'fees' : v.target_kind === 'income' ? 'other_income' : 'expense',
    original_date: v.target_date,
    amount_fen: -v.amount_fen,
    household: v.household,
    category: v.category,
    vote: v.vote,
    reason: v.reason ?? '',
    by: v.recorded_by,
    earlier_period: v.target_date < from,
  }));
  const voidedBy = (r: LineEntryRow) => r.voided_on !== null && r.voided_on <= to;

  const otherIncome: DisclosureOtherIncome[] = otherRows.map((r) => ({
    number: r.number,
    date: r.date,
    category: r.category,
    category_en: r.category_en,
    payer: r.party,
    amount_fen: r.amount_fen,
    by: r.recorded_by,
    note: r.note,
    void: voidedBy(r),
    voided_on: r.voided_on,
  }));
  const expenses: DisclosureExpense[] = expenseRows.map((r) => ({
    number: r.number,
    date: r.date,
    category: r.category,
    category_en: r.category_en,
    item: r.item ?? '',
    payee: r.party ?? '',
    amount_fen: r.amount_fen,
    vote: r.vote,
    by: r.recorded_by,
    approved_by: r.approved_by,
    void: voidedBy(r),
    voided_on: r.voided_on,
    voucher: r.ref,
  }));

  const categoryEn = new Map((await listCategories(ledger)).map((c) => [`${c.line}:${c.name}`, c.name_en]));
  // Income counts receipts issued (void ones too: every paper receipt is accounted for);
  // expenses count the ones that stand (not voided by the period's end).
  const byCategory = (line: 'income' | 'expense', rows: { category: string; amount_fen: Fen; number: string; void: boolean }[], lineVoids: DisclosureVoid[]) => {
    const map = new Map<string, { amount_fen: Fen; count: number; numbers: string[] }>();
    const slot = (c: string) => map.get(c) ?? map.set(c, { amount_fen: 0, count: 0, numbers: [] }).get(c)!;
    for (const r of rows) {
      const s = slot(r.category);
      s.amount_fen += r.amount_fen;
      if (line === 'income' || !r.void) s.count += 1;
      s.numbers.push(r.number);
    }
    for (const v of lineVoids) slot(v.category ?? '').amount_fen += v.amount_fen;
    return [...map].map(([category, s]) => ({ category, category_en: categoryEn.get(`${line}:${category}`) ?? null, ...s }));
  };
  const otherByCategory = byCategory('income', otherIncome, voids.filter((v) => v.line === 'other_income')).map(({ numbers, ...c }) => ({
    ...c,
    receipts: receiptRuns(numbers),
  }));
  const expensesByCategory = byCategory('expense', expenses, voids.filter((v) => v.line === 'expense')).map(({ numbers: _n, ...c }) => c);

  const otherFen = otherByCategory.reduce((s, c) => s + c.amount_fen, 0);
  const expenseFen = expensesByCategory.reduce((s, c) => s + c.amount_fen, 0);
  const incomeFen = fees.total_fen + otherFen;

  const feeYear = yearOf(asOf);
  const standing = await feeYearStanding(ledger, feeYear, asOf);
  const { rooms } = standing;

  // Votes: the contract's list and, apart, those opened in the period without a decision in it.
  const votes: DisclosureVote[] = [];
  const votesOpened: DisclosureVote[] = [];
  for (const { id, reason } of await voteIdsOfPeriod(ledger, from, to)) {
    const v = await disclosureVote(ledger, id, asOf, now);
    (reason === 'opened' ? votesOpened : votes).push(v);
  }

  return {
    compound: settings.name,
    period: { from: period.from, to: period.to, label: period.label },
    caption: { zh: periodCaption(period, 'zh'), en: periodCaption(period, 'en') },
    as_of: asOf,
    running,
    generated_on: today,
    basics: {
      fee_year: feeYear,
      households: await householdsLivingCount(ledger, feeYear),
      fee_fen: (await feeStandardOf(ledger, feeYear)).rateFen,
      billed: standing.billed,
      paid: standing.paid,
      collection_rate_permille: standing.collection_rate_permille,
      collection_rate: standing.collection_rate,
    },
    opening_balance_fen: opening,
    income_total_fen: incomeFen,
    expense_total_fen: expenseFen,
    closing_balance_fen: opening + incomeFen - expenseFen,
    income: {
      fees_current_fen: fees.current_fen,
      fees_arrears_fen: fees.arrears_fen,
      fees_prepaid_fen: fees.total_fen - fees.current_fen - fees.arrears_fen,
      other_fen: otherFen,
      fees_total_fen: fees.total_fen,
      refunds_fen: fees.refunds_fen,
    },
    waivers: await waiversIn(ledger, from, to),
    fee_receipts: receiptRuns(await feeReceiptNumbers(ledger, from, to)),
    other_income_by_category: otherByCategory,
    other_income: otherIncome,
    expenses,
    expenses_by_category: expensesByCategory,
    voids,
    votes,
    votes_opened: votesOpened,
    arrears: {
      as_of: asOf,
      ...arrearsSummary(rooms, feeYear),
      rooms,
    },
    monthly: fillMonths(from, period.to, await monthlyCash(ledger, from, to)),
    signatures: await signaturesOn(ledger, asOf, today),
    head: await headAnchor(ledger),
  };
}

/** Where a fee year stands on a day: billed (应收), paid (实收), the rate, and who owes what. */
export interface FeeYearStanding {
  fee_year: number;
  as_of: IsoDate;
  /** 应收: the fee year's charges owed by `as_of`. */
  billed: { households: number; amount_fen: Fen };
  /** 实收: paid toward the fee year by `as_of`, by oldest-first allocation. */
  paid: { households_full: number; households_partial: number; amount_fen: Fen };
  /** 收缴率 in per-mille (932 = 93.2%), or null with nothing billed. */
  collection_rate_permille: number | null;
  collection_rate: string;
  /** Every room owing anything (any year) on `as_of`. */
  rooms: ArrearsByRoom[];
}

/**
 * The fee year `feeYear` as of `asOf`, by the same allocation as `ledger arrears` (payments
 * net of voids pay the oldest year first): billed is one aggregate over the year's charges,
 * and paid = billed − what the owing households still owe for the year. Only the households
 * that owe are read one by one.
 */
export async function feeYearStanding(ledger: LedgerDb, feeYear: number, asOf: IsoDate): Promise<FeeYearStanding> {
  const owing = await owingRooms(ledger, asOf, { owners: false });
  const billed = await chargesForYear(ledger, feeYear, asOf);
  // One pass over the rooms (ten thousand in a district): each as the notice shows it, and what
  // it owes of the fee year against what the year charged it.
  const rooms = new Array<ArrearsByRoom>(owing.length);
  let owingThisYear = 0;
  let owedThisYear = 0;
  let partial = 0;
  for (let i = 0; i < owing.length; i++) {
    const r = owing[i]!;
    rooms[i] = { code: r.code, owed_fen: r.owed_fen, years: r.years };
    const owed = r.years.find((y) => y.year === feeYear);
    if (!owed) continue;
    const charged = chargedInYear(r.charged_years, feeYear);
    owingThisYear += 1;
    owedThisYear += owed.owed_fen;
    if (owed.owed_fen < charged) partial += 1;
  }
  const paidFen = billed.amount_fen - owedThisYear;
  const rate = perMille(paidFen, billed.amount_fen);
  return {
    fee_year: feeYear,
    as_of: asOf,
    billed,
    paid: { households_full: billed.households - owingThisYear, households_partial: partial, amount_fen: paidFen },
    collection_rate_permille: rate,
    collection_rate: formatPerMille(rate),
    rooms,
  };
}

/**
 * A vote as the disclosure shows it, as of `asOf`: the frozen tally if it had closed by
 * then (via the vote line's own `voteState`), otherwise open; spent up to `asOf`.
 */
async function disclosureVote(ledger: LedgerDb, id: string, asOf: IsoDate, now: Date): Promise<DisclosureVote> {
  const state = await voteState({ ledger, now }, id);
  const closed = state.status === 'closed' && state.closedOn !== null && state.closedOn <= asOf;
  const j = voteJson(state);
  return {
    id: state.id,
    title: state.title,
    rule: state.rule,
    passed: closed ? state.passed : false,
    budget_fen: state.budgetFen,
    spent_fen: await spentAgainstVote(ledger, id, asOf),
    status: closed ? 'closed' : 'open',
    opened_on: state.openedOn,
    closes_on: state.closesOn,
    closed_on: closed ? state.closedOn : null,
    tally: closed
      ? { eligible: j.eligible, participated: j.participated, yes: j.yes, no: j.no, abstain: j.abstain, quorum_met: j.quorum_met }
      : null,
  };
}

/**
 * Receipt numbers (`R2022-0001`) as runs of consecutive numbers under each prefix, in order.
 * Numbers are given per year without gaps, but a period's receipts need not be consecutive
 * (other income shares the sequence; paper receipts are entered late).
 */
export function receiptRuns(numbers: readonly string[]): ReceiptRuns {
  // They mostly come in order already (a district's half-year: thousands): one pass that only
  // looks at each number's trailing digits; taken apart and sorted only when out of order.
  const runs: [string, string][] = [];
  let prefix = '';
  let prev = -1;
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i]!;
    const start = digitsStart(n);
    const seq = start === n.length ? 0 : Number(n.slice(start));
    const samePrefix = i > 0 && start === prefix.length && n.startsWith(prefix);
    if (!samePrefix) {
      const p = n.slice(0, start);
      if (i > 0 && p < prefix) return sortedRuns(numbers);
      prefix = p;
    } else if (seq < prev) return sortedRuns(numbers);
    const last = runs[runs.length - 1];
    if (last && samePrefix && start < n.length && seq === prev + 1) last[1] = n;
    else runs.push([n, n]);
    prev = seq;
  }
  return { count: numbers.length, first: numbers[0] ?? null, last: numbers[numbers.length - 1] ?? null, runs };
}

/** `receiptRuns` of numbers not in order: put in order (by prefix, then number), then as those. */
function sortedRuns(numbers: readonly string[]): ReceiptRuns {
  return receiptRuns(numbers.map(receiptNumberParts).sort(byPrefixThenSeq).map((p) => p.n));
}

/** Where the trailing digits of a receipt number begin (its length when it has none). */
function digitsStart(n: string): number {
  let start = n.length;
  while (start > 0 && n.charCodeAt(start - 1) >= 48 && n.charCodeAt(start - 1) <= 57) start--;
  return start;
}

/** A receipt number as its prefix and the number its trailing digits make (`R2022-0012`: `R2022-`, 12; no digits: itself, 0). */
function receiptNumberParts(n: string): { n: string; prefix: string; seq: number } {
  const start = digitsStart(n);
  return start === n.length ? { n, prefix: n, seq: 0 } : { n, prefix: n.slice(0, start), seq: Number(n.slice(start)) };
}

const byPrefixThenSeq = (a: { prefix: string; seq: number }, b: { prefix: string; seq: number }) =>
  a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : a.seq - b.seq;

/** Every calendar month from `from` to `to`, with the months that had no money at zero. */
function fillMonths(from: IsoDate, to: IsoDate, rows: { month: string; income_fen: Fen; expense_fen: Fen }[]) {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const out: { month: string; income_fen: Fen; expense_fen: Fen }[] = [];
  let [y, m] = [yearOf(from), monthOf(from)];
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    out.push(byMonth.get(key) ?? { month: key, income_fen: 0, expense_fen: 0 });
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return out;
}

/** The journal's head as an anchor: its seq and the first 16 hex digits of its hash. */
async function headAnchor(ledger: LedgerDb): Promise<Anchor | null> {
  const h = await journalHead(ledger);
  return h ? anchorOf(h) : null;
}
