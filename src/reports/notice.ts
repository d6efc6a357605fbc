/**
 * Notices for the bulletin board (公告栏) as plain data: the half-year disclosure, a vote,
 * and the arrears list. They are public: rooms are shown by number, never by the owner's
 * name or phone (`publicScrubber`). The committee's own names stay: they sign the notice.
 */
import { localDate, nextDay, yearOf, type IsoDate } from '../domain/dates.js';
import type { Text } from '../domain/errors.js';
import type { Fen } from '../domain/money.js';
import type { Period } from '../domain/period.js';
import type { LedgerDb } from '../db/open-database.js';
import { expensesOfVote, ownerNamesAndPhones } from '../db/report-repo.js';
import { signaturesOn } from '../db/roles-repo.js';
import { readSettings } from '../db/settings-repo.js';
import { spentAgainstVote } from '../db/votes-repo.js';
import { RULE_NAMES, voteJson, voteState } from './vote-state.js';
import { arrearsReport } from './arrears.js';
import { disclosureReport, type ArrearsByRoom, type Disclosure } from './disclosure.js';

export interface Signatures {
  collector: string[];
  reimburser: string[];
  supervisor: string[];
  chair: string[];
}

export interface NoticeBase {
  compound: string;
  /** The day the notice is posted (today). */
  posted_on: IsoDate;
  /** 公示期: posted for `days` days, both ends inclusive. */
  posting: { from: IsoDate; to: IsoDate; days: number };
  signatures: Signatures;
}

export interface ReportNotice extends NoticeBase {
  kind: 'report';
  disclosure: Disclosure;
}

export interface VoteNotice extends NoticeBase {
  kind: 'vote';
  vote: ReturnType<typeof voteJson>;
  rule_text: Text;
  expenses: { number: string; date: IsoDate; item: string; payee: string; amount_fen: Fen; void: boolean }[];
}

export interface ArrearsNotice extends NoticeBase {
  kind: 'arrears';
  as_of: IsoDate;
  fee_year: number;
  households: number;
  total_fen: Fen;
  by_year: { year: number; households: number; total_fen: Fen }[];
  rooms: ArrearsByRoom[];
}

export const DEFAULT_POSTING_DAYS = 15;

/** 公示期 from `today` for `days` days, both ends inclusive. */
export function postingPeriod(today: IsoDate, days: number): NoticeBase['posting'] {
  let to = today;
  for (let i = 1; i < days; i++) to = nextDay(to);
  return { from: today, to, days };
}

/**
 * Replaces owner names and phone numbers in free text with the room (业主（1-1-101）) or a
 * mask. Names are matched longest first; a namesake written `张伟(2-1-201)` is matched as
 * written and by its bare name. Committee members' names in `keep` are never touched (an
 * owner called 赵红 must not turn the supervisor 赵红梅 into 业主（…）梅). Any mainland
 * mobile number is masked as 138****0001, registered or not.
 */
export function publicScrubber(owners: readonly { code: string; owner: string; phone: string | null }[], keep: readonly string[]): (s: string) => string {
  const codes = new Map<string, Set<string>>();
  const add = (name: string, code: string) => {
    const n = name.trim();
    if (n.length < 2) return;
    (codes.get(n) ?? codes.set(n, new Set()).get(n)!).add(code);
  };
  for (const o of owners) {
    add(o.owner, o.code);
    // From a bracket on, full-width （ or (: \uff08 (the bundle stays ASCII: test/cli/code-cache.test.ts).
    add(o.owner.replace(/[\uff08(].*$/, ''), o.code);
  }
  const names = [...codes.keys()].sort((a, b) => b.length - a.length);
  const phones = owners.map((o) => o.phone?.trim()).filter((p): p is string => Boolean(p && p.length >= 5));
  const kept = [...new Set(keep.filter((k) => k.length > 0))].sort((a, b) => b.length - a.length);
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const nameRe = names.length ? new RegExp(names.map(escape).join('|'), 'g') : null;
  const keepRe = kept.length ? new RegExp(`(${kept.map(escape).join('|')})`) : null;
  const scrubPart = (s: string) => {
    let out = s;
    for (const p of phones) out = out.split(p).join('***');
    out = out.replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2');
    if (nameRe) {
      out = out.replace(nameRe, (n) => {
        const c = [...codes.get(n)!];
        return c.length === 1 ? `业主（${c[0]}）` : '业主';
      });
    }
    return out;
  };
  return (s: string) => (keepRe ? s.split(keepRe).map((part, i) => (i % 2 === 1 ? part : scrubPart(part))).join('') : scrubPart(s));
}

/** `signedOn`: the day whose officers sign (a disclosure's last day; else the day it is posted). */
async function base(ledger: LedgerDb, today: IsoDate, days: number, signedOn: IsoDate = today): Promise<NoticeBase & { scrub: (s: string) => string }> {
  const signatures: Signatures = await signaturesOn(ledger, signedOn < today ? signedOn : today, today);
  const committee = Object.values(signatures).flat();
  return {
    compound: (await readSettings(ledger)).name,
    posted_on: today,
    posting: postingPeriod(today, days),
    signatures,
    scrub: publicScrubber(await ownerNamesAndPhones(ledger), committee),
  };
}

/** The disclosure with every free-text field made public. */
export function publicDisclosure(r: Disclosure, scrub: (s: string) => string): Disclosure {
  const opt = (s: string | null) => (s === null ? null : scrub(s));
  return {
    ...r,
    other_income: r.other_income.map((i) => ({ ...i, payer: opt(i.payer), note: opt(i.note) })),
    expenses: r.expenses.map((e) => ({ ...e, item: scrub(e.item), payee: scrub(e.payee) })),
    voids: r.voids.map((v) => ({ ...v, reason: scrub(v.reason) })),
    votes: r.votes.map((v) => ({ ...v, title: scrub(v.title) })),
    votes_opened: r.votes_opened.map((v) => ({ ...v, title: scrub(v.title) })),
  };
}

export async function reportNotice(ledger: LedgerDb, period: Period, now: Date, days = DEFAULT_POSTING_DAYS): Promise<ReportNotice> {
  const { scrub, ...b } = await base(ledger, localDate(now), days, period.to);
  return { kind: 'report', ...b, disclosure: publicDisclosure(await disclosureReport(ledger, period, now), scrub) };
}

export async function voteNotice(ledger: LedgerDb, id: string, now: Date, days = DEFAULT_POSTING_DAYS): Promise<VoteNotice> {
  const { scrub, ...b } = await base(ledger, localDate(now), days);
  const state = await voteState({ ledger, now }, id);
  const vote = voteJson({ ...state, title: scrub(state.title), spentFen: await spentAgainstVote(ledger, id) });
  const expenses = (await expensesOfVote(ledger, id)).map((e) => ({
    number: e.number,
    date: e.date,
    item: scrub(e.item ?? ''),
    payee: scrub(e.party ?? ''),
    amount_fen: e.amount_fen,
    void: e.voided_on !== null,
  }));
  return { kind: 'vote', ...b, vote, rule_text: RULE_NAMES[state.rule], expenses };
}

export async function arrearsNotice(ledger: LedgerDb, asOf: IsoDate, now: Date, days = DEFAULT_POSTING_DAYS): Promise<ArrearsNotice> {
  const { scrub: _scrub, ...b } = await base(ledger, localDate(now), days);
  const a = await arrearsReport(ledger, asOf);
  // Rooms only: the arrears report's owner names stay off the notice.
  const rooms: ArrearsByRoom[] = a.households.map((h) => ({ code: h.code, owed_fen: h.owed_fen, years: h.years }));
  const years = new Map<number, { households: number; total_fen: Fen }>();
  for (const r of rooms) {
    for (const y of r.years) {
      const s = years.get(y.year) ?? years.set(y.year, { households: 0, total_fen: 0 }).get(y.year)!;
      s.households += 1;
      s.total_fen += y.owed_fen;
    }
  }
  return {
    kind: 'arrears',
    ...b,
    as_of: asOf,
    fee_year: yearOf(asOf),
    households: rooms.length,
    total_fen: a.total_fen,
    by_year: [...years].sort(([x], [y]) => x - y).map(([year, s]) => ({ year, ...s })),
    rooms,
  };
}
