/**
 * The rules of the ledger, one pure function each. A rule answers null when the entry may be
 * recorded, else the reason it may not, in both languages. The writers (src/app) call a rule
 * before appending and refuse with its reason; `verify` replays the journal into a fresh
 * projection and calls the same rule on every entry, so a record that slipped past the tool
 * (appended with a valid hash but breaking a rule) is named.
 */
import { isoDate, yearOf, type IsoDate } from './dates.js';
import { text, type Text } from './errors.js';
import { formatFenGrouped, type Fen } from './money.js';
import { currentOwner, ownerKey, type Household, type Projection } from './projection.js';
import { conflictingRole, ROLE_NAMES, type Role } from './roles.js';

const yuan = formatFenGrouped;

const noHousehold = (code: string): Text => text(`没有房号为 ${code} 的住户`, `no household ${code}`);

/** The recorder holds one of `roles` on `date` (the day the record is entered). */
export function roleHeld(p: Pick<Projection, 'holds'>, person: string, roles: readonly Role[], date: IsoDate, action: Text): Text | null {
  if (roles.some((r) => p.holds(person, r, date))) return null;
  const zh = roles.map((r) => ROLE_NAMES[r].zh).join('或');
  const en = roles.map((r) => ROLE_NAMES[r].en).join(' or ');
  return text(`${person} 不是${zh}，不能${action.zh}`, `${person} is not the ${en} and cannot ${action.en}`);
}

/** 审批: the approver is another person, holding the chair or a supervisor role on `date`. */
export function approverEntitled(p: Pick<Projection, 'holds'>, recorder: string, approver: string | null, date: IsoDate): Text | null {
  if (!approver) return text('须由物管会主任或监督人审批（--approved-by）', 'it needs the approval of the chair or a supervisor (--approved-by)');
  if (approver === recorder) {
    return text(`经办人 ${recorder} 不能自己审批（经办与审批须为两人）`, `${recorder} cannot approve their own record; the approver must be someone else`);
  }
  if (!p.holds(approver, 'chair', date) && !p.holds(approver, 'supervisor', date)) {
    return text(
      `审批人 ${approver} 不是${ROLE_NAMES.chair.zh}或${ROLE_NAMES.supervisor.zh}`,
      `the approver ${approver} is neither the ${ROLE_NAMES.chair.en} nor a ${ROLE_NAMES.supervisor.en}`,
    );
  }
  return null;
}

/** 收支两条线 at appointment: not the role twice, never collector and reimburser together. */
export function appointmentAllowed(p: Projection, person: string, role: Role, date: IsoDate): Text | null {
  if (p.holds(person, role, date)) return text(`${person} 已经是${ROLE_NAMES[role].zh}`, `${person} is already the ${ROLE_NAMES[role].en}`);
  const conflict = conflictingRole(role);
  if (conflict && p.holds(person, conflict, date)) {
    return text(
      `收支两条线：${person} 已是${ROLE_NAMES[conflict].zh}，不能再任${ROLE_NAMES[role].zh}`,
      `income and expense are kept by different people: ${person} is already the ${ROLE_NAMES[conflict].en} and cannot also be the ${ROLE_NAMES[role].en}`,
    );
  }
  return null;
}

/** 换届: only a role held can end, and the compound always keeps a chair. */
export function roleEndAllowed(p: Projection, person: string, role: Role, date: IsoDate): Text | null {
  if (!p.holds(person, role, date)) return text(`${person} 在 ${date} 不是${ROLE_NAMES[role].zh}`, `${person} is not the ${ROLE_NAMES[role].en} on ${date}`);
  if (role === 'chair' && p.holdersOn('chair', date).filter((c) => c !== person).length === 0) {
    return text('不能卸任唯一的物管会主任：请先任命新主任（或用 ledger handover chair）', 'the last chair cannot be ended: appoint a new chair first (or use ledger handover chair)');
  }
  return null;
}

/** Nothing is dated into a period closed by `ledger lock`. */
export function outsideLock(lockedThrough: IsoDate | null, dates: readonly IsoDate[]): Text | null {
  if (!lockedThrough) return null;
  const locked = dates.filter((d) => d <= lockedThrough).sort();
  if (locked.length === 0) return null;
  return text(
    `${locked[0]} 所在期间已结账（截至 ${lockedThrough} 已公示并锁定）。更正请记入未结账期间，例如以今天的日期冲销。`,
    `${locked[0]} is in a closed period (locked through ${lockedThrough} after its disclosure). Record corrections in the open period, e.g. dated today.`,
  );
}

/**
 * The fund never goes below zero: `low` is the lowest the fund stands on any day from the
 * entry's date on (as recorded so far), and `outFen` what the entry takes out.
 */
export function fundStaysPositive(low: { date: IsoDate; balanceFen: Fen }, outFen: Fen, date: IsoDate): Text | null {
  if (low.balanceFen - outFen >= 0) return null;
  return low.date === date
    ? text(
        `结余不足：${date} 的结余为 ${yuan(low.balanceFen)} 元，支出 ${yuan(outFen)} 元后将为负数`,
        `the fund holds ${yuan(low.balanceFen)} on ${date}; paying out ${yuan(outFen)} would take it below zero`,
      )
    : text(
        `结余不足：${low.date} 的结余为 ${yuan(low.balanceFen)} 元，在 ${date} 支出 ${yuan(outFen)} 元会使其变为负数`,
        `the fund holds ${yuan(low.balanceFen)} on ${low.date}; paying out ${yuan(outFen)} on ${date} would take it below zero then`,
      );
}

/** What a major-expense check needs to know of the vote an expense names. */
export interface VoteStanding {
  id: string;
  title: string;
  status: 'open' | 'closed';
  passed: boolean;
  closedOn: IsoDate | null;
  budgetFen: Fen | null;
  spentFen: Fen;
}

/**
 * 一事一议: an expense at or above the threshold names a passed vote; an expense naming a
 * vote is dated after it closed and stays within what is left of its budget.
 */
export function majorExpenseCovered(amountFen: Fen, date: IsoDate, thresholdFen: Fen, vote: VoteStanding | null | 'missing', voteId: string | null): Text | null {
  if (vote === 'missing') return text(`没有编号为 ${voteId} 的表决`, `no vote ${voteId}`);
  if (vote === null) {
    if (amountFen < thresholdFen) return null;
    return text(
      `${yuan(amountFen)} 元达到重大支出标准（${yuan(thresholdFen)} 元），须经业主表决（一事一议）：请用 --vote 注明已通过的表决`,
      `${yuan(amountFen)} is a major expense (from ${yuan(thresholdFen)}): it needs a passed owners' vote, given with --vote`,
    );
  }
  if (vote.status === 'open') return text(`表决 ${vote.id} 尚未结束，不能据此支出`, `vote ${vote.id} is still open; nothing can be spent against it yet`);
  if (!vote.passed) return text(`表决 ${vote.id}（${vote.title}）未通过，不能据此支出`, `vote ${vote.id} (${vote.title}) did not pass; nothing can be spent against it`);
  if (vote.closedOn !== null && date < vote.closedOn) {
    return text(`支出日期 ${date} 早于表决 ${vote.id} 结束的日期 ${vote.closedOn}`, `the expense (${date}) is dated before vote ${vote.id} closed (${vote.closedOn})`);
  }
  if (vote.budgetFen !== null && amountFen > vote.budgetFen - vote.spentFen) {
    const left = vote.budgetFen - vote.spentFen;
    return text(
      `${yuan(amountFen)} 元超出表决 ${vote.id} 的预算：预算 ${yuan(vote.budgetFen)} 元，已支出 ${yuan(vote.spentFen)} 元，尚余 ${yuan(left)} 元`,
      `${yuan(amountFen)} exceeds the budget of vote ${vote.id}: budget ${yuan(vote.budgetFen)}, spent ${yuan(vote.spentFen)}, ${yuan(left)} left`,
    );
  }
  return null;
}

/** A ballot: for a vote that exists and is open on its date, from a unit on the register when the vote opened. */
export function ballotAllowed(
  vote: { id: string; openedOn: IsoDate; closesOn: IsoDate | null; closedOn: IsoDate | null } | undefined,
  voteId: string,
  code: string,
  onRegisterAtOpening: boolean,
  date: IsoDate,
): Text | null {
  if (!vote) return text(`没有编号为 ${voteId} 的表决`, `no vote ${voteId}`);
  if (vote.closedOn !== null) return text(`表决 ${vote.id} 已于 ${vote.closedOn} 结束，不能再投票`, `vote ${vote.id} closed on ${vote.closedOn}; no more ballots`);
  if (date < vote.openedOn) {
    return text(`投票日期 ${date} 早于表决 ${vote.id} 的发起日期 ${vote.openedOn}`, `ballots dated ${date} come before vote ${vote.id} opened (${vote.openedOn})`);
  }
  if (vote.closesOn !== null && date > vote.closesOn) {
    return text(`表决 ${vote.id} 的投票截止于 ${vote.closesOn}，${date} 的票不能计入`, `voting on ${vote.id} ended on ${vote.closesOn}; a ballot dated ${date} cannot count`);
  }
  if (!onRegisterAtOpening) {
    return text(
      `${code} 在表决 ${vote.id} 发起时（${vote.openedOn}）不在业主名册上，不能投票`,
      `${code} was not on the register when vote ${vote.id} opened (${vote.openedOn}); it cannot vote`,
    );
  }
  return null;
}

/** `bill YEAR`: any year up to the current one, and the next one from 1 December; never further ahead. */
export function billableYear(year: number, today: IsoDate): Text | null {
  const current = yearOf(today);
  if (year <= current) return null;
  if (year === current + 1 && today >= isoDate(current, 12, 1)) return null;
  return year === current + 1
    ? text(`${year}年的账单从 ${current}-12-01 起才能开`, `${year} can be billed from ${current}-12-01 on, not yet`)
    : text(`不能提前为 ${year} 年开账单：最多可开到 ${current} 年（12月1日起可开下一年）`, `${year} is too far ahead to bill: up to ${current} (the next year from 1 December)`);
}

/** 减免: never more than what is still unpaid of that year's charge. */
export function waiverWithinUnpaid(code: string, year: number, amountFen: Fen, unpaidFen: Fen): Text | null {
  if (unpaidFen <= 0) return text(`${code} 的 ${year} 年物业费没有未缴部分，无可减免`, `${code} has nothing unpaid for ${year}; there is nothing to waive`);
  if (amountFen > unpaidFen) {
    return text(`减免 ${yuan(amountFen)} 元超过 ${code} ${year} 年未缴的 ${yuan(unpaidFen)} 元`, `waiving ${yuan(amountFen)} exceeds what ${code} still owes for ${year} (${yuan(unpaidFen)})`);
  }
  return null;
}

/** 退费: only prepayment is paid back, never more than the household's credit. */
export function refundWithinCredit(code: string, amountFen: Fen, creditFen: Fen): Text | null {
  if (amountFen <= creditFen) return null;
  return text(`退费 ${yuan(amountFen)} 元超过 ${code} 的预交余额 ${yuan(creditFen)} 元`, `a refund of ${yuan(amountFen)} exceeds the prepayment ${code} holds (${yuan(creditFen)})`);
}

/** A household named by an entry was registered (an ended unit still owes, and may still pay). */
export function householdKnown(p: Projection, code: string): Text | null {
  return p.households.has(code) ? null : noHousehold(code);
}

/** 过户: to a different owner, on a unit still on the register, not dated before its current owner took it. */
export function transferAllowed(h: Household | undefined, code: string, owner: string, ownerId: string | null, date: IsoDate): Text | null {
  if (!h) return noHousehold(code);
  if (h.ended !== null && h.ended <= date) return text(`${code} 已于 ${h.ended} 迁出，不能过户`, `${code} left the register on ${h.ended}; it cannot be transferred`);
  const current = currentOwner(h);
  if (ownerKey(current) === ownerKey({ name: owner, ownerId })) {
    return text(`${code} 的业主已经是 ${owner}，无需过户`, `${owner} already owns ${code}; there is nothing to transfer`);
  }
  const since = current.from;
  if (since !== null && date < since) {
    return text(`过户日期 ${date} 早于现业主 ${current.name} 的起始日期 ${since}`, `the transfer (${date}) is dated before ${current.name} became the owner (${since})`);
  }
  return null;
}

/** 更正: a correction changes something. */
export function correctionChanges(
  h: Household | undefined,
  code: string,
  change: { owner?: string; ownerId?: string | null; areaCenti?: number; phone?: string | null },
): Text | null {
  if (!h) return noHousehold(code);
  const o = currentOwner(h);
  const differs =
    (change.owner !== undefined && change.owner !== o.name) ||
    (change.ownerId !== undefined && change.ownerId !== o.ownerId) ||
    (change.areaCenti !== undefined && change.areaCenti !== h.areaCenti) ||
    (change.phone !== undefined && change.phone !== o.phone);
  if (differs) return null;
  return text(`更正没有改变 ${code} 的任何登记内容`, `the correction changes nothing on ${code}`);
}

/** 迁出: a unit on the register, ended no earlier than it came on. */
export function householdEndAllowed(h: Household | undefined, code: string, date: IsoDate): Text | null {
  if (!h) return noHousehold(code);
  if (h.ended !== null) return text(`${code} 已于 ${h.ended} 迁出`, `${code} already left the register on ${h.ended}`);
  const from = h.since ?? null;
  if (from !== null && date < from) return text(`迁出日期 ${date} 早于入住日期 ${from}`, `the end (${date}) is dated before ${code} moved in (${from})`);
  return null;
}

/** 交接: FROM holds the role that day and TO may take it (not already holding it, 收支两条线 kept). */
export function handoverAllowed(p: Projection, role: Role, from: string, to: string, date: IsoDate): Text | null {
  if (from === to) return text('交出人与接收人不能是同一人', 'the one handing over and the one taking over must be two people');
  if (!p.holds(from, role, date)) return text(`${from} 在 ${date} 不是${ROLE_NAMES[role].zh}，无从交接`, `${from} is not the ${ROLE_NAMES[role].en} on ${date}; there is nothing to hand over`);
  return appointmentAllowed(p, to, role, date);
}

/**
 * A void of a receipt never leaves the household's payments below nothing: money already paid
 * back (退费) out of that receipt's prepayment cannot be voided away with it.
 */
export function voidLeavesPaymentsCovered(code: string, number: string, paidFen: Fen, voidedFen: Fen): Text | null {
  if (paidFen - voidedFen >= 0) return null;
  return text(
    `${number} 的预交款已部分退还，不能作废（作废后 ${code} 的已缴金额将为 ${yuan(paidFen - voidedFen)} 元）`,
    `${number} cannot be voided: part of its prepayment was already paid back (${code} would stand at ${yuan(paidFen - voidedFen)} paid)`,
  );
}

/**
 * A key entry: a person's own (a new or changed key), or given by the chair (to someone newly
 * appointed, or `key reset` of a forgotten passphrase, which a supervisor or another chair approves).
 */
export function keyEntryAllowed(p: Projection, person: string, recorder: string, approver: string | null, date: IsoDate): Text | null {
  if (recorder === person && p.keys.has(person)) return null;
  if (!p.keys.has(person) && (recorder === person || p.holds(recorder, 'chair', date))) return null;
  if (!p.holds(recorder, 'chair', date)) return text(`${recorder} 不是物管会主任，不能为 ${person} 重设密钥`, `${recorder} is not the chair and cannot reset ${person}'s key`);
  return approverEntitled(p, recorder, approver, date);
}
