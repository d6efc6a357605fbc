/**
 * `verify`'s replay of the rules: the journal read in recording order into a fresh projection,
 * and every entry checked by the same functions (domain/rules.ts) its writer called before
 * appending it. An entry appended with a valid hash but breaking a rule (an expense by nobody,
 * a ballot for a vote that does not exist, the fund taken below zero, a chair appointed by a
 * stranger) is named. Entries up to an `upgrade` entry were written by a tool that kept its
 * registers outside the journal: their register is replayed, their rules are not.
 */
import { localDate, type IsoDate } from '../domain/dates.js';
import { text, type Text } from '../domain/errors.js';
import { isRegisterKind, type RegisterEntry } from '../domain/entry-kinds.js';
import { chargeFor, monthsOnRegister } from '../domain/fees.js';
import type { Fen } from '../domain/money.js';
import { onRegister, Projection } from '../domain/projection.js';
import { RECORDERS, VOIDERS } from '../domain/roles.js';
import {
  appointmentAllowed,
  approverEntitled,
  ballotAllowed,
  billableYear,
  correctionChanges,
  fundStaysPositive,
  handoverAllowed,
  householdKnown,
  keyEntryAllowed,
  householdEndAllowed,
  majorExpenseCovered,
  roleEndAllowed,
  roleHeld,
  transferAllowed,
  voidLeavesPaymentsCovered,
  type VoteStanding,
} from '../domain/rules.js';
import { registerEntryOf } from '../db/entry-codec.js';
import type { EntryRow } from '../db/tables.js';

interface VoteSeen extends VoteStanding {
  openedOn: IsoDate;
  closesOn: IsoDate | null;
}

const RECORD = text('记录', 'record it');

/** The day a record was entered (roles are checked on it, as the writer did). */
const enteredOn = (row: Pick<EntryRow, 'recorded_at'>): IsoDate => localDate(new Date(row.recorded_at));

/** `enteredOn`, remembering the last time it was given: an import's entries share one. */
function enteredOnMemo(): (row: Pick<EntryRow, 'recorded_at'>) => IsoDate {
  let at: string | null = null;
  let day: IsoDate = '';
  return (row) => {
    if (row.recorded_at !== at) {
      day = enteredOn(row);
      at = row.recorded_at;
    }
    return day;
  };
}

export class RuleReplay {
  readonly projection = new Projection();
  private readonly votes = new Map<string, VoteSeen>();
  private readonly spentByVote = new Map<string, Fen>();
  /** End-of-day cash movements, by day, as recorded so far (for "the fund never below zero"). */
  private readonly cashByDay = new Map<IsoDate, Fen>();
  private sortedDays: IsoDate[] | null = [];
  private readonly targets = new Map<number, Pick<EntryRow, 'kind' | 'cash_fen'>>();
  private readonly enteredOn = enteredOnMemo();
  private creditOf: (household: string) => Fen = () => 0;
  private paidOf: (household: string) => Fen = () => 0;

  /** `legacyThrough`: the seq of the `upgrade` entry, if the ledger was made by an earlier version. */
  constructor(private readonly legacyThrough: number | null) {}

  /** The replay asks the money check for a household's credit before a charge (what a bill consumes). */
  useCredit(creditOf: (household: string) => Fen, paidOf: (household: string) => Fen): void {
    this.creditOf = creditOf;
    this.paidOf = paidOf;
  }

  /** The rule broken by `row`, if any; then the entry is applied, whatever the answer. */
  check(row: EntryRow, allocations: readonly { year: number; amountFen: Fen }[]): Text[] {
    const problems: Text[] = [];
    const legacy = this.legacyThrough !== null && row.seq <= this.legacyThrough;
    const rule = (t: Text | null) => {
      if (t && !legacy) problems.push(t);
    };
    let register: RegisterEntry | null = null;
    if (isRegisterKind(row.kind)) {
      try {
        register = registerEntryOf(row);
      } catch (err) {
        problems.push(text(`记录内容不完整：${(err as Error).message}`, `its content is malformed: ${(err as Error).message}`));
        return problems;
      }
    }
    const p = this.projection;
    const by = row.recorded_by;
    const day = this.enteredOn(row);
    const bootstrapping = p.tenures.length === 0 && (row.kind === 'setting' || (row.kind === 'appointment' && register?.kind === 'appointment' && register.role === 'chair' && register.person === by));
    const recorders = row.kind === 'void' ? VOIDERS[this.targets.get(row.target_seq ?? -1)?.kind ?? ''] : RECORDERS[row.kind];
    if (recorders && !bootstrapping && row.kind !== 'upgrade') rule(roleHeld(p, by, recorders, day, RECORD));

    if (register) {
      rule(this.registerRule(register));
      p.apply(register);
      return problems;
    }
    switch (row.kind) {
      case 'charge': {
        const h = p.households.get(row.household ?? '');
        if (!h) {
          rule(householdKnown(p, row.household ?? ''));
          break;
        }
        rule(billableYear(row.year!, day));
        const expected = chargeFor(p.feeFor(row.year!), h.areaCenti, monthsOnRegister(row.year!, h.since, h.ended), p.settings.prorate);
        if (row.amount_fen !== expected) {
          rule(text(`账单金额 ${row.amount_fen} 分与收费标准算出的 ${expected} 分不符`, `its amount (${row.amount_fen} fen) is not what the fee standard gives (${expected} fen)`));
        }
        const fromCredit = Math.min(this.creditOf(row.household!), row.amount_fen ?? 0);
        const given = allocations.reduce((s, a) => s + a.amountFen, 0);
        if (given !== fromCredit || allocations.some((a) => a.year !== row.year)) {
          rule(text(`以预交款抵扣的金额（${given} 分）应为 ${fromCredit} 分`, `it takes ${given} fen from the household's prepayment, where the prepayment held ${fromCredit} fen for it`));
        }
        break;
      }
      case 'collection':
      case 'waiver':
      case 'refund':
        rule(householdKnown(p, row.household ?? ''));
        // 减免 and 退费 are approved by a second person, as an expense is.
        if (row.kind !== 'collection') rule(approverEntitled(p, by, row.approved_by, day));
        break;
      case 'income':
        if (!row.category || !p.findCategory('income', row.category)) rule(text(`没有收入类别“${row.category ?? ''}”`, `no income category "${row.category ?? ''}"`));
        break;
      case 'expense': {
        if (!row.category || !p.findCategory('expense', row.category)) rule(text(`没有支出类别“${row.category ?? ''}”`, `no expense category "${row.category ?? ''}"`));
        rule(approverEntitled(p, by, row.approved_by, day));
        const vote = row.vote === null ? null : (this.votes.get(row.vote) ?? 'missing');
        const standing = vote && vote !== 'missing' ? { ...vote, spentFen: this.spentByVote.get(vote.id) ?? 0 } : vote;
        rule(majorExpenseCovered(row.amount_fen ?? 0, row.date, p.settings.majorThresholdFen, standing, row.vote));
        if (row.vote) this.spentByVote.set(row.vote, (this.spentByVote.get(row.vote) ?? 0) + (row.amount_fen ?? 0));
        break;
      }
      case 'vote':
        this.votes.set(row.number ?? '', {
          id: row.number ?? '',
          title: row.item ?? '',
          status: 'open',
          passed: false,
          closedOn: null,
          budgetFen: row.amount_fen,
          spentFen: 0,
          openedOn: row.date,
          closesOn: row.end_date,
        });
        break;
      case 'ballot': {
        const v = row.vote ? this.votes.get(row.vote) : undefined;
        const h = row.household ? p.households.get(row.household) : undefined;
        rule(ballotAllowed(v, row.vote ?? '', row.household ?? '', h !== undefined && v !== undefined && onRegister(h, v.openedOn), row.date));
        break;
      }
      case 'vote_close': {
        const v = row.vote ? this.votes.get(row.vote) : undefined;
        if (!v) {
          rule(text(`没有编号为 ${row.vote ?? ''} 的表决`, `no vote ${row.vote ?? ''}`));
          break;
        }
        if (v.closedOn !== null) rule(text(`表决 ${v.id} 已于 ${v.closedOn} 结束`, `vote ${v.id} already closed on ${v.closedOn}`));
        const frozen = row.detail ? (JSON.parse(row.detail) as { result?: { passed?: boolean; adjusted?: { passed?: boolean } } }) : {};
        v.status = 'closed';
        v.closedOn = row.date;
        v.passed = (frozen.result?.adjusted ? frozen.result.adjusted.passed : frozen.result?.passed) === true;
        break;
      }
      case 'void':
        if (row.approved_by !== null) rule(approverEntitled(p, by, row.approved_by, day));
        if (row.household && this.targets.get(row.target_seq ?? -1)?.kind === 'collection') {
          rule(voidLeavesPaymentsCovered(row.household, `entry ${row.target_seq}`, this.paidOf(row.household), -row.cash_fen));
        }
        break;
    }
    // The fund never below zero: what an entry takes out must fit under the lowest the fund
    // stands from its date on, as recorded before it.
    if (row.cash_fen < 0) rule(fundStaysPositive(this.lowestFrom(row.date), -row.cash_fen, row.date));
    if (row.cash_fen !== 0) this.addCash(row.date, row.cash_fen);
    this.targets.set(row.seq, { kind: row.kind, cash_fen: row.cash_fen });
    return problems;
  }

  private registerRule(e: RegisterEntry): Text | null {
    const p = this.projection;
    switch (e.kind) {
      case 'household':
        return p.households.has(e.code) ? text(`房号 ${e.code} 已登记`, `household ${e.code} is already registered`) : null;
      case 'transfer':
        return transferAllowed(p.households.get(e.code), e.code, e.owner, e.ownerId, e.date);
      case 'correction':
        return correctionChanges(p.households.get(e.code), e.code, e);
      case 'household_end':
        return householdEndAllowed(p.households.get(e.code), e.code, e.date);
      case 'appointment':
        return appointmentAllowed(p, e.person, e.role, e.date);
      case 'role_end':
        return roleEndAllowed(p, e.person, e.role, e.date);
      case 'key':
        return keyEntryAllowed(p, e.person, e.recordedBy, e.approvedBy, localDate(new Date(e.recordedAt)));
      case 'handover':
        return handoverAllowed(p, e.role, e.from, e.to, e.date);
      default:
        return null;
    }
  }

  private addCash(date: IsoDate, fen: Fen): void {
    if (!this.cashByDay.has(date)) this.sortedDays = null;
    this.cashByDay.set(date, (this.cashByDay.get(date) ?? 0) + fen);
  }

  private lowestFrom(date: IsoDate): { date: IsoDate; balanceFen: Fen } {
    this.sortedDays ??= [...this.cashByDay.keys()].sort();
    let balance = 0;
    let low: { date: IsoDate; balanceFen: Fen } | null = null;
    for (const d of this.sortedDays) {
      if (d <= date) {
        balance += this.cashByDay.get(d)!;
        continue;
      }
      low ??= { date, balanceFen: balance };
      balance += this.cashByDay.get(d)!;
      if (balance < low.balanceFen) low = { date: d, balanceFen: balance };
    }
    return low ?? { date, balanceFen: balance };
  }
}
