/**
 * Integrity: `ledger verify` re-derives everything the journal claims about itself (the
 * hash chain, the numbering, the allocations, the voids, the locks, the schema) from the
 * records alone, so that an edit made behind the tool's back (the sqlite3 shell, even with
 * the triggers dropped) is named; `ledger lock` closes a period once it has been disclosed.
 */
import { inSnapshot } from '../db/open-database.js';
import { formatNumber, SERIES, SERIES_OF_KIND, type Series } from '../domain/numbering.js';
import { allocatePayment, outstanding, type YearAmount } from '../domain/allocation.js';
import { GENESIS_HASH, anchorOf, chainHash } from '../domain/chain.js';
import { parseDate, yearOf, type IsoDate } from '../domain/dates.js';
import { RuleError, text, type Text } from '../domain/errors.js';
import { formatFen, formatFenGrouped, type Fen } from '../domain/money.js';
import { ALL_KINDS, isRegisterKind } from '../domain/entry-kinds.js';
import { findBySeq, lockedThrough } from '../db/entries-repo.js';
import { periodTotalsMismatches, storeClosedTotals, storedClosedDays } from '../db/period-totals-repo.js';
import { RuleReplay } from './rule-replay.js';
import { signatureValid } from './keys.js';
import { allSignatures, type SignatureRow } from '../db/signatures-repo.js';
import { entryContent, journalWriter } from '../db/journal.js';
import { inTransaction, type LedgerDb } from '../db/open-database.js';
import type { EntryKind, EntryRow } from '../db/tables.js';
import {
  cashByDate,
  expectedSchemaObjects,
  fileCheck,
  foreignKeyViolations,
  journalPages,
  schemaObjects,
  type StoredEntry,
  upgradeSeq,
} from '../db/verify-repo.js';
import { stamp, todayOf, type AppContext } from './context.js';
import { requireOperator } from './guards.js';

/** What a check found wrong: the record (when there is one) and what is wrong with it. */
export interface Problem {
  seq: number | null;
  number: string | null;
  check: 'chain' | 'sequence' | 'numbering' | 'allocation' | 'void' | 'lock' | 'totals' | 'rule' | 'signature' | 'record' | 'schema' | 'reference' | 'file' | 'head';
  text: Text;
}

/** `verify --json`. */
export interface VerifyReport {
  ok: boolean;
  entries: number;
  kinds: Partial<Record<EntryKind, number>>;
  /** Per numbering series (R2022, E2023, V2023 ...): how many, first and last. */
  numbering: { series: string; count: number; first: string; last: string }[];
  first_date: IsoDate | null;
  last_date: IsoDate | null;
  balance_fen: Fen;
  locked_through: IsoDate | null;
  /** The chain head: publish it (e.g. on the disclosure) and `verify --expect` proves later that history up to it is unchanged. */
  last_hash: string | null;
  problems: Problem[];
  /** Not tampering, but worth a look: e.g. days on which the fund stood below zero. */
  warnings: Text[];
  /** Entries recorded before their recorder had a key (a ledger made before signatures). */
  recorded_before_signatures: number;
  /** The latest entry: `verify --expect SEQ:CODE` and every receipt, report and notice print it. */
  head: { seq: number; code: string } | null;
}

const SERIES_NAMES: Record<Series, Text> = {
  receipt: text('收据', 'receipt'),
  expense: text('支出凭证', 'voucher'),
  vote: text('表决', 'vote'),
  waiver: text('减免', 'waiver'),
  refund: text('退费', 'refund'),
};

const KINDS: readonly string[] = ALL_KINDS;
const NUMBER = /^([A-Z])(\d{4})-(\d+)$/;

const describe = (row: Pick<EntryRow, 'seq' | 'number' | 'kind' | 'date'>): Text =>
  row.number
    ? text(`第 ${row.seq} 条记录（${row.number}）`, `entry ${row.seq} (${row.number})`)
    : text(`第 ${row.seq} 条记录（${row.kind}，${row.date}）`, `entry ${row.seq} (${row.kind}, ${row.date})`);

const allocText = (a: readonly YearAmount[]) => (a.length ? a.map((x) => `${x.year}: ${formatFen(x.amountFen)}`).join(', ') : '-');
const sameAllocations = (a: readonly YearAmount[], b: readonly YearAmount[]) =>
  a.length === b.length && a.every((x, i) => x.year === b[i]!.year && x.amountFen === b[i]!.amountFen);

interface Voidable {
  seq: number;
  kind: EntryKind;
  number: string | null;
  date: IsoDate;
  cash: Fen;
  amount: Fen | null;
  household: string | null;
  category: string | null;
  vote: string | null;
  allocations: YearAmount[];
}

/**
 * Walks the journal in recording order and re-derives what each entry should be from the
 * ones before it, exactly as the use cases derived it when it was recorded: the chain hash
 * from `entryContent`, the next number of its series, a collection's allocation from the
 * household's charges and net payments recorded before it (collections.ts), a void from its
 * target. State is per household and per series, never the whole history.
 */
export class JournalCheck {
  readonly problems: Problem[] = [];
  readonly kinds: Partial<Record<EntryKind, number>> = {};
  entries = 0;
  lastHash: string | null = null;
  lastSeq = 0;
  firstDate: IsoDate | null = null;
  lastDate: IsoDate | null = null;
  balance: Fen = 0;

  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  /** Each series and year met: how many numbers, the first, and the highest (the last is written from it). */
  private readonly series = new Map<string, { name: Series; year: number; count: number; first: string; n: number }>();
  private readonly charges = new Map<string, YearAmount[]>();
  private readonly charged = new Set<string>();
  private readonly paid = new Map<string, Fen>();
  private readonly voidable = new Map<number, Voidable>();
  private readonly voidedBy = new Map<number, number>();
  private lock: { through: IsoDate; seq: number } | null = null;

  private readonly rules: RuleReplay;
  /** Each entry's hash and who recorded and approved it, for the signature check at the end. */
  private readonly signed: { seq: number; hash: string; by: string; approvedBy: string | null; kind: EntryKind; number: string | null; date: string }[] = [];
  private readonly legacyThrough: number | null;
  /** Entries whose recorder had no key yet (a ledger made before signatures): reported, not refused. */
  beforeSignatures = 0;
  /**
   * Entries recorded (by their `recorded_at`) before the entry ahead of them in the journal: a
   * machine whose clock was wrong, or a record made elsewhere and put in. Reported, not refused
   * (the chain and signatures prove the order); the first few are named.
   */
  readonly clockBackwards: { seq: number; recordedAt: string; previous: string }[] = [];
  clockBackwardsCount = 0;
  private prevRecordedAt: { text: string; ms: number } | null = null;
  /** The last date found to be a real one (see `add`). */
  private goodDate: string | null = null;

  /** `legacyThrough`: the `upgrade` entry of a ledger made by an earlier version (rules are replayed after it). */
  constructor(
    private readonly limit = 100,
    legacyThrough: number | null = null,
  ) {
    this.rules = new RuleReplay(legacyThrough);
    this.legacyThrough = legacyThrough;
    this.rules.useCredit(
      (h) => outstanding(this.charges.get(h) ?? [], this.paid.get(h) ?? 0).creditFen,
      (h) => this.paid.get(h) ?? 0,
    );
  }

  private problem(row: Pick<EntryRow, 'seq' | 'number' | 'kind' | 'date'>, check: Problem['check'], what: Text): void {
    if (this.problems.length >= this.limit) return;
    const who = describe(row);
    this.problems.push({ seq: row.seq, number: row.number, check, text: text(`${who.zh}：${what.zh}`, `${who.en}: ${what.en}`) });
  }

  add({ row, allocations }: StoredEntry): void {
    this.entries += 1;
    this.kinds[row.kind] = (this.kinds[row.kind] ?? 0) + 1;
    this.checkChain(row, allocations);
    this.checkClock(row);
    this.signed.push({ seq: row.seq, hash: row.hash, by: row.recorded_by, approvedBy: row.approved_by, kind: row.kind, number: row.number, date: row.date });
    if (!KINDS.includes(row.kind)) {
      this.problem(row, 'record', text(`未知的记录类型“${row.kind}”`, `unknown kind of record "${row.kind}"`));
      return;
    }
    // Entries come in runs of the same day: a date already found good is not parsed again.
    if (row.date !== this.goodDate) {
      if (parseDate(row.date) !== row.date) {
        this.problem(row, 'record', text(`日期“${row.date}”无效`, `its date "${row.date}" is not a real date`));
        return;
      }
      this.goodDate = row.date;
    }
    if (this.firstDate === null || row.date < this.firstDate) this.firstDate = row.date;
    if (this.lastDate === null || row.date > this.lastDate) this.lastDate = row.date;
    this.checkNumber(row);
    this.checkLock(row);
    for (const t of this.rules.check(row, allocations)) this.problem(row, 'rule', t);
    this.checkFigures(row, allocations);
    this.balance += row.cash_fen;
  }

  /** `recorded_at` never goes back from one entry to the next (see `clockBackwards`). */
  private checkClock(row: EntryRow): void {
    // An import's entries share one time: the same text is the same instant.
    if (row.recorded_at === this.prevRecordedAt?.text) return;
    const ms = Date.parse(row.recorded_at);
    if (Number.isNaN(ms)) return;
    if (this.prevRecordedAt && ms < this.prevRecordedAt.ms) {
      this.clockBackwardsCount += 1;
      if (this.clockBackwards.length < 5) this.clockBackwards.push({ seq: row.seq, recordedAt: row.recorded_at, previous: this.prevRecordedAt.text });
    }
    this.prevRecordedAt = { text: row.recorded_at, ms };
  }

  /** seq 1..n without gaps, each entry chained to the one before, each hash over its own content. */
  private checkChain(row: EntryRow, allocations: YearAmount[]): void {
    let broken = false;
    if (row.seq !== this.expectedSeq) {
      broken = true;
      const gap = row.seq > this.expectedSeq;
      const range = row.seq - 1 > this.expectedSeq ? `${this.expectedSeq}–${row.seq - 1}` : `${this.expectedSeq}`;
      this.problem(
        row,
        'sequence',
        gap
          ? text(`它之前的第 ${range} 条记录不见了——有记录在 ledger 之外被删除`, `entry ${range} before it is missing — records were deleted outside ledger`)
          : text(`记录顺序号重复或倒退（应为 ${this.expectedSeq}）`, `its sequence number repeats or goes back (expected ${this.expectedSeq})`),
      );
    }
    if (row.prev_hash !== this.prevHash && !broken) {
      this.problem(
        row,
        'chain',
        text(
          '与前一条记录的哈希链接不上——它前面的记录在 ledger 之外被改动、插入或删除过',
          'it does not chain to the entry before it — an earlier record was changed, inserted or removed outside ledger',
        ),
      );
    }
    if (chainHash(row.prev_hash, entryContent(row, allocations)) !== row.hash) {
      this.problem(row, 'chain', text('哈希与内容不符——该记录在 ledger 之外被改动过', 'hash does not match its content — the record was changed outside ledger'));
    }
    this.expectedSeq = row.seq + 1;
    this.prevHash = row.hash;
    this.lastHash = row.hash;
    this.lastSeq = row.seq;
  }

  /** R/E/V numbers: the right series for the kind, the year of the entry's date, the next number with no gap. */
  private checkNumber(row: EntryRow): void {
    const name = SERIES_OF_KIND[row.kind];
    if (!name) {
      if (row.number !== null) this.problem(row, 'numbering', text(`${row.kind} 记录不应有编号`, `a ${row.kind} record carries no number`));
      return;
    }
    const m = row.number === null ? null : NUMBER.exec(row.number);
    const letter = SERIES[name].letter;
    const what = SERIES_NAMES[name];
    if (!m || m[1] !== letter) {
      this.problem(row, 'numbering', text(`编号“${row.number ?? ''}”不是${what.zh}编号`, `"${row.number ?? ''}" is not a ${what.en} number`));
      return;
    }
    const year = Number(m[2]);
    const n = Number(m[3]);
    const key = `${letter}${year}`;
    if (year !== yearOf(row.date)) {
      this.problem(row, 'numbering', text(`编号的年份与日期 ${row.date} 不符`, `its number's year does not match its date ${row.date}`));
    }
    const canonical = formatNumber(name, year, n);
    if (canonical !== row.number) {
      this.problem(row, 'numbering', text(`编号格式不对（应为 ${canonical}）`, `its number is not written as the ledger writes it (${canonical})`));
    }
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = { name, year, count: 0, first: row.number!, n: 0 }));
    if (n > s.n + 1 || n <= s.n) {
      // A gap or a step back: the number it follows, written out only then.
      const prev = formatNumber(name, year, s.n);
      const missing = formatNumber(name, year, s.n + 1);
      this.problem(
        row,
        'numbering',
        n <= s.n
          ? text(`编号重复或顺序颠倒：它记在 ${prev} 之后`, `its number repeats or is out of order: it was recorded after ${prev}`)
          : s.n === 0
            ? text(`${missing} 不见了：本年的${what.zh}从 ${row.number} 开始`, `${missing} is missing: the year's ${what.en}s start at ${row.number}`)
            : text(`${missing} 不见了：${prev} 之后就是 ${row.number}`, `${missing} is missing: ${prev} is followed by ${row.number}`),
      );
    }
    s.count += 1;
    s.n = Math.max(s.n, n);
  }

  /** After a lock, nothing dated on or before its day may be recorded; locks only move forward. */
  private checkLock(row: EntryRow): void {
    if (row.kind === 'lock') {
      const through = row.end_date;
      if (!through || parseDate(through) !== through || through > row.date) {
        this.problem(row, 'lock', text(`结账日期“${through ?? ''}”无效`, `its lock date "${through ?? ''}" is not valid`));
        return;
      }
      if (this.lock && through <= this.lock.through) {
        this.problem(
          row,
          'lock',
          text(`结账只能向后推进，而它早于第 ${this.lock.seq} 条记录的结账日 ${this.lock.through}`, `a lock only moves forward, but it is not after ${this.lock.through} (entry ${this.lock.seq})`),
        );
      }
      if (!this.lock || through > this.lock.through) this.lock = { through, seq: row.seq };
      return;
    }
    if (this.lock && row.date <= this.lock.through) {
      this.problem(
        row,
        'lock',
        text(
          `日期 ${row.date} 落在已结账期间（第 ${this.lock.seq} 条记录结账至 ${this.lock.through}）`,
          `it is dated ${row.date}, inside the period locked through ${this.lock.through} by entry ${this.lock.seq}`,
        ),
      );
    }
  }

  /** What each kind does to the fund and to the fee years, re-derived. */
  private checkFigures(row: EntryRow, allocations: YearAmount[]): void {
    const bad = (zh: string, en: string) => this.problem(row, 'record', text(zh, en));
    const amount = row.amount_fen;
    const positive = typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0;
    if (!Number.isSafeInteger(row.cash_fen)) return bad('现金金额不是整数分', 'its cash figure is not a whole number of fen');
    if (allocations.length > 0 && row.kind !== 'collection' && row.kind !== 'void' && row.kind !== 'charge') {
      bad('只有收费、账单（以预交款抵扣）及作废记录才分摊到年度', 'only collections, charges (paid from a prepayment) and voids are allocated to fee years');
    }
    if (isRegisterKind(row.kind)) {
      if (row.cash_fen !== 0) bad(`${row.kind} 记录不应有现金收支`, `a ${row.kind} record moves no cash`);
      return;
    }
    switch (row.kind) {
      case 'charge': {
        if (!row.household || row.year === null || !positive || row.cash_fen !== 0) {
          return bad('账单记录不完整（房号、年度、金额）', 'a charge needs a household, a year and an amount, and moves no cash');
        }
        const key = `${row.household}\u0000${row.year}`;
        if (this.charged.has(key)) bad(`${row.household} 的 ${row.year} 年物业费重复开账`, `${row.household} is billed for ${row.year} twice`);
        this.charged.add(key);
        let list = this.charges.get(row.household);
        if (!list) this.charges.set(row.household, (list = []));
        list.push({ year: row.year, amountFen: amount! });
        return;
      }
      case 'collection': {
        if (!row.household || !positive || row.cash_fen !== amount) {
          return bad('收费记录的金额与入账现金不符', 'a collection brings exactly its amount into the fund');
        }
        const paid = this.paid.get(row.household) ?? 0;
        const expected = allocatePayment(outstanding(this.charges.get(row.household) ?? [], paid).owed, amount!).allocations;
        if (!sameAllocations(expected, allocations)) {
          this.problem(
            row,
            'allocation',
            text(
              `分摊（${allocText(allocations)}）与“先还最早欠费”的结果（${allocText(expected)}）不符`,
              `its allocation (${allocText(allocations)}) is not what paying the oldest charges first gives (${allocText(expected)})`,
            ),
          );
        }
        this.paid.set(row.household, paid + row.cash_fen);
        this.rememberVoidable(row, allocations);
        return;
      }
      case 'income':
        if (!positive || row.cash_fen !== amount) bad('收入记录的金额与入账现金不符', 'other income brings exactly its amount into the fund');
        this.rememberVoidable(row, allocations);
        return;
      case 'expense':
        if (!positive || row.cash_fen !== -amount!) bad('支出记录的金额与出账现金不符', 'an expense takes exactly its amount out of the fund');
        this.rememberVoidable(row, allocations);
        return;
      case 'void':
        this.checkVoid(row, allocations);
        // What a household has paid counts voids too (entries-repo paymentsAsOf); the void of a waiver puts the charge back.
        if (row.household) this.paid.set(row.household, (this.paid.get(row.household) ?? 0) + row.cash_fen);
        if (row.household && row.year !== null) this.adjustCharge(row.household, row.year, row.amount_fen ?? 0);
        return;
      case 'waiver':
        if (!row.household || row.year === null || !positive || row.cash_fen !== 0) return bad('减免记录不完整（房号、年度、金额）', 'a waiver needs a household, a year and an amount, and moves no cash');
        this.adjustCharge(row.household, row.year, -amount!);
        this.rememberVoidable(row, allocations);
        return;
      case 'refund':
        if (!row.household || !positive || row.cash_fen !== -amount!) return bad('退费记录的金额与出账现金不符', 'a refund takes exactly its amount out of the fund');
        if (amount! > outstanding(this.charges.get(row.household) ?? [], this.paid.get(row.household) ?? 0).creditFen) {
          this.problem(row, 'rule', text('退费超过该户的预交余额', "it pays back more than the household's prepayment"));
        }
        this.paid.set(row.household, (this.paid.get(row.household) ?? 0) + row.cash_fen);
        return;
      default:
        if (row.cash_fen !== 0) bad(`${row.kind} 记录不应有现金收支`, `a ${row.kind} record moves no cash`);
    }
  }

  private adjustCharge(household: string, year: number, fen: Fen): void {
    const c = this.charges.get(household)?.find((x) => x.year === year);
    if (c) c.amountFen += fen;
  }

  private rememberVoidable(row: EntryRow, allocations: YearAmount[]): void {
    this.voidable.set(row.seq, {
      seq: row.seq,
      kind: row.kind,
      number: row.number,
      date: row.date,
      cash: row.cash_fen,
      amount: row.amount_fen,
      household: row.household,
      category: row.category,
      vote: row.vote,
      allocations,
    });
  }

  /** A void reverses exactly one receipt or expense recorded before it, once, not dated before it. */
  private checkVoid(row: EntryRow, allocations: YearAmount[]): void {
    const target = row.target_seq === null ? undefined : this.voidable.get(row.target_seq);
    if (!target) {
      this.problem(
        row,
        'void',
        text(`作废的对象（第 ${row.target_seq ?? '?'} 条记录）不是它之前记录的收据或支出`, `it voids entry ${row.target_seq ?? '?'}, which is not a receipt or expense recorded before it`),
      );
      return;
    }
    const label = target.number ?? `entry ${target.seq}`;
    const earlier = this.voidedBy.get(target.seq);
    if (earlier !== undefined) {
      this.problem(row, 'void', text(`${label} 已被第 ${earlier} 条记录作废，不能再作废一次`, `it voids ${label} again (already voided by entry ${earlier})`));
    } else {
      this.voidedBy.set(target.seq, row.seq);
    }
    if (row.date < target.date) {
      this.problem(row, 'void', text(`作废日期 ${row.date} 早于 ${label} 的日期 ${target.date}`, `it is dated ${row.date}, before ${label} itself (${target.date})`));
    }
    const reversed = target.allocations.map((a) => ({ year: a.year, amountFen: -a.amountFen }));
    if (
      row.cash_fen !== -target.cash ||
      row.amount_fen !== target.amount ||
      row.household !== target.household ||
      row.category !== target.category ||
      row.vote !== target.vote ||
      !sameAllocations(reversed, allocations)
    ) {
      this.problem(row, 'void', text(`没有如实冲销 ${label}（金额、分摊、房号或类别不符）`, `it does not exactly reverse ${label} (amount, allocation, household or category differ)`));
    }
  }

  /**
   * Every commit's signatures against the keys their signers held then, and every entry covered
   * by its recorder's signature (and its approver's) once they had a key: an entry appended with
   * a valid hash but no valid signature, an approval signed with the recorder's key, a key
   * inserted behind the tool's back, are each named.
   */
  checkSignatures(signatures: readonly SignatureRow[]): void {
    const p = this.rules.projection;
    const bySeq = new Map(this.signed.map((e) => [e.seq, e]));
    const commits = [...new Set(signatures.map((s) => s.seq))].sort((a, b) => a - b);
    const sigsAt = new Map<number, SignatureRow[]>();
    for (const s of signatures) sigsAt.set(s.seq, [...(sigsAt.get(s.seq) ?? []), s]);
    const keyOf = (person: string, seq: number) => (p.keys.get(person) ?? []).find((k) => k.seq === seq);
    const hasKeyBy = (person: string, seq: number) => (p.keys.get(person) ?? []).some((k) => k.seq <= seq);
    commits.forEach((seq, i) => {
      const entry = bySeq.get(seq);
      const start = i === 0 ? 1 : commits[i - 1]! + 1;
      for (const s of sigsAt.get(seq)!) {
        if (!entry) {
          this.problems.push({ seq, number: null, check: 'signature', text: text(`签名所指的第 ${seq} 条记录不存在`, `a signature names entry ${seq}, which does not exist`) });
          continue;
        }
        const key = keyOf(s.signer, s.key_seq);
        const who = s.role === 'approver' ? text(`审批人 ${s.signer}`, `the approver ${s.signer}`) : text(s.signer, s.signer);
        if (!key) {
          this.problem(entry, 'signature', text(`${who.zh} 的签名所用的密钥（第 ${s.key_seq} 条记录）不是其本人的密钥`, `${who.en} signed with a key (entry ${s.key_seq}) that is not theirs`));
          continue;
        }
        if ((p.keys.get(s.signer) ?? []).some((k) => k.seq > key.seq && k.seq < start)) {
          this.problem(entry, 'signature', text(`${who.zh} 用已被更换的密钥签名`, `${who.en} signed with a key already replaced`));
        }
        if (!signatureValid(key.publicKey, entry.hash, s.signature)) {
          this.problem(entry, 'signature', text(`${who.zh} 的签名与记录内容不符——记录在签名后被改动过`, `${who.en}'s signature does not match — the records were changed after they were signed`));
        }
      }
    });
    let c = 0;
    const reported = new Set<number>();
    for (const e of this.signed) {
      if (this.legacyThrough !== null && e.seq <= this.legacyThrough) {
        this.beforeSignatures += 1;
        continue;
      }
      while (c < commits.length && commits[c]! < e.seq) c++;
      const commit = c < commits.length ? commits[c]! : null;
      const sigs = commit === null ? [] : sigsAt.get(commit)!;
      const at = commit ?? e.seq;
      if (!hasKeyBy(e.by, at)) {
        this.beforeSignatures += 1;
        continue;
      }
      const key = commit ?? -e.seq;
      if (reported.has(key)) continue;
      if (!sigs.some((s) => s.role === 'recorder' && s.signer === e.by)) {
        reported.add(key);
        this.problem(e, 'signature', text(`没有记录人 ${e.by} 的有效签名（记录在 ledger 之外被添加）`, `it carries no signature of its recorder ${e.by} — it was added outside ledger`));
        continue;
      }
      if (e.approvedBy && e.approvedBy !== e.by && hasKeyBy(e.approvedBy, at) && !sigs.some((s) => s.signer === e.approvedBy)) {
        reported.add(key);
        this.problem(e, 'signature', text(`审批人 ${e.approvedBy} 没有签名`, `its approver ${e.approvedBy} did not sign it`));
      }
    }
  }

  numbering(): VerifyReport['numbering'] {
    return [...this.series]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([series, s]) => ({ series, count: s.count, first: s.first, last: formatNumber(s.name, s.year, s.n) }));
  }

  lockedThrough(): IsoDate | null {
    return this.lock?.through ?? null;
  }
}

/** Tables, indexes and triggers must be exactly what the `schema/` files make. */
async function schemaProblems(ledger: LedgerDb, now: Date): Promise<Problem[]> {
  const actual = new Map((await schemaObjects(ledger)).map((o) => [`${o.type} ${o.name}`, o]));
  const problems: Problem[] = [];
  const p = (zh: string, en: string) => problems.push({ seq: null, number: null, check: 'schema', text: text(zh, en) });
  const expected = await expectedSchemaObjects(ledger, now);
  for (const e of expected) {
    const a = actual.get(`${e.type} ${e.name}`);
    actual.delete(`${e.type} ${e.name}`);
    const guard = e.type === 'trigger' ? text('：记录可以被绕过 ledger 改动', ': records could be changed behind the tool\'s back') : text('', '');
    if (!a) p(`缺少 ${e.type} ${e.name}${guard.zh}`, `the ${e.type} ${e.name} is missing${guard.en}`);
    else if (a.sql !== e.sql || a.tbl_name !== e.tbl_name) p(`${e.type} ${e.name} 与 schema/ 中的定义不同`, `the ${e.type} ${e.name} differs from its definition in schema/`);
  }
  for (const a of actual.values()) p(`多出了并非 ledger 建立的 ${a.type} ${a.name}`, `there is an extra ${a.type} ${a.name} that ledger did not make`);
  return problems;
}

/**
 * The totals `lock` stored for closed days (db/period-totals-repo.ts) are a projection: each is
 * added up again from the entries, and must be of a day its lock had closed.
 */
async function totalsProblems(ledger: LedgerDb): Promise<Problem[]> {
  const problems: Problem[] = [];
  const stored = await storedClosedDays(ledger);
  for (const d of stored) {
    const lock = await findBySeq(ledger, d.lockSeq);
    if (!lock || lock.kind !== 'lock' || !lock.end_date || d.through > lock.end_date) {
      problems.push({
        seq: d.lockSeq,
        number: null,
        check: 'totals',
        text: text(`${d.through} 的期末合计并非由第 ${d.lockSeq} 条结账记录结账后所存`, `the totals of ${d.through} were not stored by a lock closing that day (entry ${d.lockSeq})`),
      });
    }
  }
  for (const m of await periodTotalsMismatches(ledger)) {
    problems.push({
      seq: m.lockSeq,
      number: null,
      check: 'totals',
      text: text(
        `${m.through} 的期末合计与账目不符（${m.what}）：合计在 ledger 之外被改动过`,
        `the totals stored for ${m.through} do not add up from the entries (${m.what}): they were changed outside ledger`,
      ),
    });
  }
  return problems;
}

export interface VerifyOptions {
  /** Anchors printed earlier (记录号 SEQ · 校验码 CODE): each entry must still be there with that hash. */
  expect?: readonly { seq: number; code: string }[];
  /** Told how many entries have been checked so far (for a progress bar). */
  onProgress?: (entries: number) => void;
}

/**
 * Checks the whole ledger: the file, the schema, then every entry in recording order.
 * Never throws for a problem in the data: problems are collected, the first bad record
 * first. Reads only; safe while others write (it sees one consistent snapshot).
 */
export async function verifyLedger(ledger: LedgerDb, now: Date, options: VerifyOptions = {}): Promise<VerifyReport> {
  const fileLevel: Problem[] = [];
  const warnings: Text[] = [];
  let check = new JournalCheck();
  // One snapshot for every query below.
  await inSnapshot(ledger, async () => {
    check = new JournalCheck(100, await upgradeSeq(ledger));
    const damaged = (await fileCheck(ledger)).filter((r) => r !== 'ok');
    if (damaged.length > 0) {
      fileLevel.push({ seq: null, number: null, check: 'file', text: text(`账本文件已损坏：${damaged.slice(0, 3).join('; ')}`, `the ledger file is damaged: ${damaged.slice(0, 3).join('; ')}`) });
    }
    fileLevel.push(...(await schemaProblems(ledger, now)));
    try {
      let n = 0;
      for await (const page of journalPages(ledger)) {
        for (const entry of page) check.add(entry);
        options.onProgress?.((n += page.length));
      }
      check.checkSignatures(await allSignatures(ledger));
    } catch (err) {
      fileLevel.push({ seq: null, number: null, check: 'file', text: text(`无法读取账目：${(err as Error).message}`, `the journal cannot be read: ${(err as Error).message}`) });
    }
    fileLevel.push(...(await totalsProblems(ledger)));
    for (const v of await foreignKeyViolations(ledger)) {
      fileLevel.push({
        seq: null,
        number: null,
        check: 'reference',
        text: text(`${v.table} 表第 ${v.rowid} 行引用的 ${v.parent} 记录不存在`, `a row of ${v.table} (rowid ${v.rowid}) refers to a ${v.parent} row that does not exist`),
      });
    }
    for (const a of options.expect ?? []) {
      const found = await findBySeq(ledger, a.seq);
      if (!found || !found.hash.startsWith(a.code)) {
        fileLevel.push({
          seq: a.seq,
          number: null,
          check: 'head',
          text: found
            ? text(
                `第 ${a.seq} 条记录的校验码不是先前公布的 ${a.code}：此前的历史被改写过`,
                `entry ${a.seq} no longer has the check code ${a.code} published earlier: the history up to it was rewritten`,
              )
            : text(`先前公布的第 ${a.seq} 条记录（校验码 ${a.code}）已不在账本中：历史被截断过`, `entry ${a.seq} (check code ${a.code}), published earlier, is no longer in the ledger: the history was cut short`),
        });
      }
    }
    let running = 0;
    let lowest: { date: IsoDate; fen: Fen } | null = null;
    for (const d of await cashByDate(ledger)) {
      running += d.cash_fen;
      if (running < 0 && (!lowest || running < lowest.fen)) lowest = { date: d.date, fen: running };
    }
    if (check.clockBackwardsCount > 0) {
      const named = check.clockBackwards.map((c) => `#${c.seq} ${c.recordedAt} < ${c.previous}`).join('; ');
      const more = check.clockBackwardsCount > check.clockBackwards.length;
      warnings.push(
        text(
          `有 ${check.clockBackwardsCount} 条记录的登记时间早于它前一条记录（录入电脑的时钟可能不准）：${named}${more ? ' 等' : ''}`,
          `${check.clockBackwardsCount} entries were recorded at a time before the entry ahead of them (a computer's clock may be wrong): ${named}${more ? ' and more' : ''}`,
        ),
      );
    }
    if (lowest) {
      warnings.push(
        text(
          `按日期计算，结余曾为负数：${lowest.date} 日终为 ${formatFenGrouped(lowest.fen)} 元（补记的单据日期可能有误）`,
          `by date, the fund stood below zero: ${formatFenGrouped(lowest.fen)} at the end of ${lowest.date} (a late-entered record may carry a wrong date)`,
        ),
      );
    }
  });
  const problems = [...check.problems, ...fileLevel];
  return {
    ok: problems.length === 0,
    entries: check.entries,
    kinds: check.kinds,
    numbering: check.numbering(),
    first_date: check.firstDate,
    last_date: check.lastDate,
    balance_fen: check.balance,
    locked_through: check.lockedThrough(),
    last_hash: check.lastHash,
    problems,
    warnings,
    recorded_before_signatures: check.beforeSignatures,
    head: check.lastHash ? anchorOf({ seq: check.lastSeq, hash: check.lastHash }) : null,
  };
}

/** `lock --json`. */
export interface LockResult {
  through: IsoDate;
  previous: IsoDate | null;
  date: IsoDate;
  seq: number;
}

/**
 * Closes every day up to `through` once its disclosure is posted: from then on nothing dated
 * on or before it is recorded (guards.ts requireOpenPeriod), and corrections go into the
 * open period. The lock is itself an entry of the journal; it only ever moves forward.
 */
export async function lockPeriod(ctx: AppContext, through: IsoDate): Promise<LockResult> {
  return inTransaction(ctx.ledger, async () => {
    const by = await requireOperator(ctx, ['chair'], text('结账', 'lock a period'));
    const previous = await lockedThrough(ctx.ledger);
    if (previous && through <= previous) {
      throw new RuleError(
        text(
          `账本已结账至 ${previous}；结账只能向后推进，不能改到 ${through}`,
          `the ledger is already locked through ${previous}; a lock only moves forward, not back to ${through}`,
        ),
      );
    }
    const date = todayOf(ctx);
    const entry = journalWriter(ctx.ledger).append({ kind: 'lock', date, end_date: through, ...stamp(ctx, by) });
    // The closed days' totals, so that reports need not add up the history again (verify re-adds them).
    await storeClosedTotals(ctx.ledger, through, entry.seq);
    return { through, previous, date, seq: entry.seq };
  });
}
