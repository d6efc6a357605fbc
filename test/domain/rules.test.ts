import { describe, expect, it } from 'vitest';
import type { RegisterEntry } from '../../src/domain/entry-kinds.js';
import type { Text } from '../../src/domain/errors.js';
import { Projection, type Household } from '../../src/domain/projection.js';
import type { Role } from '../../src/domain/roles.js';
import {
  appointmentAllowed,
  approverEntitled,
  ballotAllowed,
  billableYear,
  correctionChanges,
  fundStaysPositive,
  householdEndAllowed,
  householdKnown,
  majorExpenseCovered,
  outsideLock,
  refundWithinCredit,
  roleEndAllowed,
  roleHeld,
  transferAllowed,
  waiverWithinUnpaid,
  type VoteStanding,
} from '../../src/domain/rules.js';

/*
 * The pure rules of src/domain/rules.ts at their boundaries. The projection is built the way
 * the writers and `verify` build it: by applying register entries in recording order.
 */

type Body = RegisterEntry extends infer E ? (E extends RegisterEntry ? Omit<E, 'seq' | 'date' | 'recordedAt' | 'recordedBy' | 'approvedBy'> : never) : never;

/** A projection from (date, entry body) pairs, seq and metadata filled in. */
function build(...entries: [date: string, body: Body][]): Projection {
  const p = new Projection();
  entries.forEach(([date, body], i) => {
    p.apply({ seq: i + 1, date, recordedAt: `${date}T09:00:00`, recordedBy: '张主任', approvedBy: null, ...body } as RegisterEntry);
  });
  return p;
}

const appoint = (date: string, person: string, role: Role): [string, Body] => [date, { kind: 'appointment', person, role }];
const endRole = (date: string, person: string, role: Role): [string, Body] => [date, { kind: 'role_end', person, role, reason: null }];
const register = (
  date: string,
  code: string,
  owner: string,
  opts: { ownerId?: string | null; areaCenti?: number; phone?: string | null; since?: string | null } = {},
): [string, Body] => [
  date,
  { kind: 'household', code, owner, ownerId: opts.ownerId ?? null, areaCenti: opts.areaCenti ?? 8650, phone: opts.phone ?? null, since: opts.since === undefined ? date : opts.since },
];

/** The committee most tests use: one chair, a collector, a reimburser, a supervisor, all from 2023-01-01. */
const committee = (): Projection =>
  build(
    appoint('2023-01-01', '张主任', 'chair'),
    appoint('2023-01-01', '李会计', 'collector'),
    appoint('2023-01-01', '王出纳', 'reimburser'),
    appoint('2023-01-01', '赵监督', 'supervisor'),
  );

const en = (t: Text | null): string => {
  expect(t).not.toBeNull();
  expect(t!.zh.length).toBeGreaterThan(0);
  return t!.en;
};

describe('roleHeld', () => {
  const action = { zh: '收费', en: 'record a collection' };
  const p = build(appoint('2023-03-01', '李会计', 'collector'), endRole('2023-06-01', '李会计', 'collector'));

  it('is held from the appointment day (inclusive)', () => {
    expect(roleHeld(p, '李会计', ['collector'], '2023-03-01', action)).toBeNull();
    expect(roleHeld(p, '李会计', ['collector'], '2023-05-31', action)).toBeNull();
  });

  it('is not held the day before the appointment', () => {
    expect(en(roleHeld(p, '李会计', ['collector'], '2023-02-28', action))).toBe('李会计 is not the collector and cannot record a collection');
  });

  it('is not held on the day it ends (exclusive)', () => {
    expect(en(roleHeld(p, '李会计', ['collector'], '2023-06-01', action))).toMatch(/is not the collector and cannot record a collection/);
  });

  it('accepts any of several roles and names them all when refusing', () => {
    expect(roleHeld(p, '李会计', ['chair', 'collector'], '2023-04-01', action)).toBeNull();
    const t = roleHeld(p, '李会计', ['chair', 'collector'], '2023-07-01', action);
    expect(en(t)).toBe('李会计 is not the chair or collector and cannot record a collection');
    expect(t!.zh).toMatch(/不是物管会主任或收费记账人，不能收费/);
  });

  it('a person never appointed holds nothing', () => {
    expect(en(roleHeld(p, '路人', ['collector'], '2023-04-01', action))).toMatch(/^路人 is not the collector/);
  });

  it('a role re-appointed after ending is held again from the new day', () => {
    const q = build(appoint('2023-01-01', '李会计', 'collector'), endRole('2023-03-01', '李会计', 'collector'), appoint('2023-05-01', '李会计', 'collector'));
    expect(roleHeld(q, '李会计', ['collector'], '2023-04-30', action)).not.toBeNull();
    expect(roleHeld(q, '李会计', ['collector'], '2023-05-01', action)).toBeNull();
  });
});

describe('approverEntitled', () => {
  const p = committee();

  it('needs an approver', () => {
    expect(en(approverEntitled(p, '王出纳', null, '2023-04-01'))).toMatch(/needs the approval of the chair or a supervisor \(--approved-by\)/);
  });

  it('the recorder cannot approve their own record', () => {
    expect(en(approverEntitled(p, '王出纳', '王出纳', '2023-04-01'))).toMatch(/王出纳 cannot approve their own record/);
  });

  it('even a chair cannot approve their own record', () => {
    expect(en(approverEntitled(p, '张主任', '张主任', '2023-04-01'))).toMatch(/cannot approve their own/);
  });

  it('a collector is not entitled to approve', () => {
    expect(en(approverEntitled(p, '王出纳', '李会计', '2023-04-01'))).toBe('the approver 李会计 is neither the chair nor a supervisor');
  });

  it('a supervisor may approve', () => {
    expect(approverEntitled(p, '王出纳', '赵监督', '2023-04-01')).toBeNull();
  });

  it('the chair may approve', () => {
    expect(approverEntitled(p, '王出纳', '张主任', '2023-04-01')).toBeNull();
  });

  it('the approver holds the role on the date: from the appointment day, not on the end day', () => {
    const q = build(appoint('2023-01-01', '张主任', 'chair'), appoint('2023-03-01', '钱监督', 'supervisor'), endRole('2023-09-01', '钱监督', 'supervisor'));
    expect(approverEntitled(q, '王出纳', '钱监督', '2023-02-28')).not.toBeNull();
    expect(approverEntitled(q, '王出纳', '钱监督', '2023-03-01')).toBeNull();
    expect(approverEntitled(q, '王出纳', '钱监督', '2023-08-31')).toBeNull();
    expect(en(approverEntitled(q, '王出纳', '钱监督', '2023-09-01'))).toMatch(/neither the chair nor a supervisor/);
  });
});

describe('appointmentAllowed', () => {
  it('a role cannot be given twice to the same person', () => {
    expect(en(appointmentAllowed(committee(), '李会计', 'collector', '2023-04-01'))).toBe('李会计 is already the collector');
  });

  it('the collector can never also be the reimburser', () => {
    expect(en(appointmentAllowed(committee(), '李会计', 'reimburser', '2023-04-01'))).toMatch(
      /income and expense are kept by different people: 李会计 is already the collector and cannot also be the reimburser/,
    );
  });

  it('the reimburser can never also be the collector', () => {
    expect(en(appointmentAllowed(committee(), '王出纳', 'collector', '2023-04-01'))).toMatch(/王出纳 is already the reimburser and cannot also be the collector/);
  });

  it('a collector may also be a supervisor or the chair (no conflict)', () => {
    expect(appointmentAllowed(committee(), '李会计', 'supervisor', '2023-04-01')).toBeNull();
    expect(appointmentAllowed(committee(), '李会计', 'chair', '2023-04-01')).toBeNull();
  });

  it('a second chair and a new person are allowed', () => {
    expect(appointmentAllowed(committee(), '孙副主任', 'chair', '2023-04-01')).toBeNull();
    expect(appointmentAllowed(committee(), '新人', 'collector', '2023-04-01')).toBeNull();
  });

  it('once the collector role has ended (that day), the person may become the reimburser', () => {
    const p = build(appoint('2023-01-01', '张主任', 'chair'), appoint('2023-01-01', '李会计', 'collector'), endRole('2023-06-01', '李会计', 'collector'));
    expect(appointmentAllowed(p, '李会计', 'reimburser', '2023-05-31')).not.toBeNull();
    expect(appointmentAllowed(p, '李会计', 'reimburser', '2023-06-01')).toBeNull();
  });

  it('the conflict counts only from the day the conflicting role begins', () => {
    const p = build(appoint('2023-01-01', '张主任', 'chair'), appoint('2023-06-01', '李会计', 'collector'));
    expect(appointmentAllowed(p, '李会计', 'reimburser', '2023-05-31')).toBeNull();
    expect(appointmentAllowed(p, '李会计', 'reimburser', '2023-06-01')).not.toBeNull();
  });
});

describe('roleEndAllowed', () => {
  it('the last chair cannot be ended', () => {
    expect(en(roleEndAllowed(committee(), '张主任', 'chair', '2023-04-01'))).toMatch(/the last chair cannot be ended: appoint a new chair first/);
  });

  it('a chair with a second chair can be ended', () => {
    const p = build(appoint('2023-01-01', '张主任', 'chair'), appoint('2023-03-01', '孙主任', 'chair'));
    expect(roleEndAllowed(p, '张主任', 'chair', '2023-04-01')).toBeNull();
    expect(roleEndAllowed(p, '孙主任', 'chair', '2023-04-01')).toBeNull();
  });

  it('the second chair counts only from their appointment day', () => {
    const p = build(appoint('2023-01-01', '张主任', 'chair'), appoint('2023-03-01', '孙主任', 'chair'));
    expect(roleEndAllowed(p, '张主任', 'chair', '2023-02-28')).not.toBeNull();
    expect(roleEndAllowed(p, '张主任', 'chair', '2023-03-01')).toBeNull();
  });

  it('only a role held can end', () => {
    expect(en(roleEndAllowed(committee(), '李会计', 'reimburser', '2023-04-01'))).toBe('李会计 is not the reimburser on 2023-04-01');
    expect(en(roleEndAllowed(committee(), '李会计', 'collector', '2022-12-31'))).toMatch(/is not the collector on 2022-12-31/);
  });

  it('a role already ended cannot be ended again on or after its end day', () => {
    const p = build(appoint('2023-01-01', '张主任', 'chair'), appoint('2023-01-01', '李会计', 'collector'), endRole('2023-06-01', '李会计', 'collector'));
    expect(roleEndAllowed(p, '李会计', 'collector', '2023-05-31')).toBeNull();
    expect(en(roleEndAllowed(p, '李会计', 'collector', '2023-06-01'))).toMatch(/is not the collector on 2023-06-01/);
  });

  it('other roles can be ended even if they are the only holder', () => {
    expect(roleEndAllowed(committee(), '李会计', 'collector', '2023-04-01')).toBeNull();
    expect(roleEndAllowed(committee(), '赵监督', 'supervisor', '2023-04-01')).toBeNull();
  });
});

describe('outsideLock', () => {
  it('no lock: everything open', () => {
    expect(outsideLock(null, ['1999-01-01'])).toBeNull();
  });

  it('the lock date itself is locked', () => {
    expect(en(outsideLock('2023-06-30', ['2023-06-30']))).toBe(
      '2023-06-30 is in a closed period (locked through 2023-06-30 after its disclosure). Record corrections in the open period, e.g. dated today.',
    );
  });

  it('the next day is open', () => {
    expect(outsideLock('2023-06-30', ['2023-07-01'])).toBeNull();
  });

  it('no dates: nothing locked', () => {
    expect(outsideLock('2023-06-30', [])).toBeNull();
  });

  it('names the earliest locked date of several', () => {
    expect(en(outsideLock('2023-06-30', ['2023-07-05', '2023-05-01', '2023-02-10', '2023-06-30']))).toMatch(/^2023-02-10 is in a closed period/);
  });
});

describe('fundStaysPositive', () => {
  const low = { date: '2023-04-01', balanceFen: 50000 };

  it('taking the fund exactly to zero is allowed', () => {
    expect(fundStaysPositive(low, 50000, '2023-04-01')).toBeNull();
  });

  it('one fen below zero is refused (on the same day)', () => {
    expect(en(fundStaysPositive(low, 50001, '2023-04-01'))).toBe('the fund holds 500.00 on 2023-04-01; paying out 500.01 would take it below zero');
  });

  it('refusal naming a later low day', () => {
    expect(en(fundStaysPositive({ date: '2023-05-10', balanceFen: 123456789 }, 123456790, '2023-04-01'))).toBe(
      'the fund holds 1,234,567.89 on 2023-05-10; paying out 1,234,567.90 on 2023-04-01 would take it below zero then',
    );
  });

  it('a zero or negative fund refuses any payment, allows nothing-out', () => {
    expect(fundStaysPositive({ date: '2023-04-01', balanceFen: 0 }, 0, '2023-04-01')).toBeNull();
    expect(fundStaysPositive({ date: '2023-04-01', balanceFen: 0 }, 1, '2023-04-01')).not.toBeNull();
  });
});

describe('majorExpenseCovered', () => {
  const threshold = 200000;
  const vote = (over: Partial<VoteStanding> = {}): VoteStanding => ({
    id: 'V1',
    title: '更换门禁',
    status: 'closed',
    passed: true,
    closedOn: '2023-05-01',
    budgetFen: 500000,
    spentFen: 0,
    ...over,
  });

  it('one fen below the threshold needs no vote', () => {
    expect(majorExpenseCovered(199999, '2023-05-02', threshold, null, null)).toBeNull();
  });

  it('exactly at the threshold needs a vote', () => {
    expect(en(majorExpenseCovered(200000, '2023-05-02', threshold, null, null))).toBe(
      "2,000.00 is a major expense (from 2,000.00): it needs a passed owners' vote, given with --vote",
    );
  });

  it('naming a vote that does not exist', () => {
    expect(en(majorExpenseCovered(100, '2023-05-02', threshold, 'missing', 'V9'))).toBe('no vote V9');
  });

  it('a vote still open', () => {
    expect(en(majorExpenseCovered(300000, '2023-05-02', threshold, vote({ status: 'open', closedOn: null }), 'V1'))).toMatch(
      /vote V1 is still open; nothing can be spent against it yet/,
    );
  });

  it('a vote that did not pass', () => {
    expect(en(majorExpenseCovered(300000, '2023-05-02', threshold, vote({ passed: false }), 'V1'))).toBe(
      'vote V1 (更换门禁) did not pass; nothing can be spent against it',
    );
  });

  it('an expense dated before the vote closed', () => {
    expect(en(majorExpenseCovered(300000, '2023-04-30', threshold, vote(), 'V1'))).toBe('the expense (2023-04-30) is dated before vote V1 closed (2023-05-01)');
  });

  it('an expense dated on the closing day itself is not "before" it', () => {
    expect(majorExpenseCovered(300000, '2023-05-01', threshold, vote(), 'V1')).toBeNull();
  });

  it('a passed vote covers an expense below the threshold too, with the same checks', () => {
    expect(majorExpenseCovered(100, '2023-05-02', threshold, vote(), 'V1')).toBeNull();
    expect(majorExpenseCovered(100, '2023-05-02', threshold, vote({ passed: false }), 'V1')).not.toBeNull();
  });

  it('the budget exactly used is allowed', () => {
    expect(majorExpenseCovered(500000, '2023-05-02', threshold, vote(), 'V1')).toBeNull();
    expect(majorExpenseCovered(200000, '2023-05-02', threshold, vote({ spentFen: 300000 }), 'V1')).toBeNull();
  });

  it('one fen over the budget left is refused', () => {
    expect(en(majorExpenseCovered(200001, '2023-05-02', threshold, vote({ spentFen: 300000 }), 'V1'))).toBe(
      '2,000.01 exceeds the budget of vote V1: budget 5,000.00, spent 3,000.00, 2,000.00 left',
    );
    expect(en(majorExpenseCovered(500001, '2023-05-02', threshold, vote(), 'V1'))).toMatch(/exceeds the budget of vote V1/);
  });

  it('a budget fully spent leaves nothing, even one fen', () => {
    expect(en(majorExpenseCovered(1, '2023-05-02', threshold, vote({ spentFen: 500000 }), 'V1'))).toMatch(/0\.00 left$/);
  });

  it('a vote without a budget has no ceiling', () => {
    expect(majorExpenseCovered(99999999, '2023-05-02', threshold, vote({ budgetFen: null }), 'V1')).toBeNull();
  });
});

describe('ballotAllowed', () => {
  const vote = { id: 'V1', openedOn: '2023-05-01', closesOn: '2023-05-15', closedOn: null };

  it('a ballot on the opening day counts', () => {
    expect(ballotAllowed(vote, 'V1', '1-101', true, '2023-05-01')).toBeNull();
  });

  it('a ballot on the closes day counts', () => {
    expect(ballotAllowed(vote, 'V1', '1-101', true, '2023-05-15')).toBeNull();
  });

  it('a ballot the day after the closes day does not', () => {
    expect(en(ballotAllowed(vote, 'V1', '1-101', true, '2023-05-16'))).toBe('voting on V1 ended on 2023-05-15; a ballot dated 2023-05-16 cannot count');
  });

  it('a ballot dated before the vote opened', () => {
    expect(en(ballotAllowed(vote, 'V1', '1-101', true, '2023-04-30'))).toBe('ballots dated 2023-04-30 come before vote V1 opened (2023-05-01)');
  });

  it('no ballot after the vote is closed, whatever its date', () => {
    const closed = { ...vote, closedOn: '2023-05-10' };
    expect(en(ballotAllowed(closed, 'V1', '1-101', true, '2023-05-05'))).toBe('vote V1 closed on 2023-05-10; no more ballots');
  });

  it('a unit not on the register when the vote opened cannot vote', () => {
    expect(en(ballotAllowed(vote, 'V1', '9-909', false, '2023-05-03'))).toBe('9-909 was not on the register when vote V1 opened (2023-05-01); it cannot vote');
  });

  it('a vote that does not exist', () => {
    expect(en(ballotAllowed(undefined, 'V7', '1-101', true, '2023-05-03'))).toBe('no vote V7');
  });

  it('a vote without a closes day takes ballots any day from its opening', () => {
    expect(ballotAllowed({ ...vote, closesOn: null }, 'V1', '1-101', true, '2030-01-01')).toBeNull();
  });
});

describe('billableYear', () => {
  it("today's year and past years can be billed", () => {
    expect(billableYear(2023, '2023-06-15')).toBeNull();
    expect(billableYear(2023, '2023-01-01')).toBeNull();
    expect(billableYear(2019, '2023-06-15')).toBeNull();
  });

  it('next year is refused on 30 November', () => {
    expect(en(billableYear(2024, '2023-11-30'))).toBe('2024 can be billed from 2023-12-01 on, not yet');
  });

  it('next year is allowed from 1 December', () => {
    expect(billableYear(2024, '2023-12-01')).toBeNull();
    expect(billableYear(2024, '2023-12-31')).toBeNull();
  });

  it('two years ahead is refused, even in December', () => {
    expect(en(billableYear(2025, '2023-12-15'))).toBe('2025 is too far ahead to bill: up to 2023 (the next year from 1 December)');
    expect(billableYear(2025, '2023-06-15')).not.toBeNull();
  });
});

describe('waiverWithinUnpaid', () => {
  it('a waiver equal to what is unpaid is allowed', () => {
    expect(waiverWithinUnpaid('1-101', 2023, 50000, 50000)).toBeNull();
  });

  it('one fen over what is unpaid is refused', () => {
    expect(en(waiverWithinUnpaid('1-101', 2023, 50001, 50000))).toBe('waiving 500.01 exceeds what 1-101 still owes for 2023 (500.00)');
  });

  it('nothing unpaid: nothing to waive', () => {
    expect(en(waiverWithinUnpaid('1-101', 2023, 1, 0))).toBe('1-101 has nothing unpaid for 2023; there is nothing to waive');
    expect(en(waiverWithinUnpaid('1-101', 2023, 1, -500))).toMatch(/has nothing unpaid/);
  });

  it('one fen unpaid can be waived', () => {
    expect(waiverWithinUnpaid('1-101', 2023, 1, 1)).toBeNull();
  });
});

describe('refundWithinCredit', () => {
  it('a refund equal to the credit is allowed', () => {
    expect(refundWithinCredit('1-101', 12345, 12345)).toBeNull();
  });

  it('one fen over the credit is refused', () => {
    expect(en(refundWithinCredit('1-101', 12346, 12345))).toBe('a refund of 123.46 exceeds the prepayment 1-101 holds (123.45)');
  });

  it('no credit: no refund', () => {
    expect(en(refundWithinCredit('1-101', 1, 0))).toMatch(/exceeds the prepayment 1-101 holds \(0\.00\)/);
  });
});

describe('householdKnown', () => {
  const p = build(appoint('2023-01-01', '张主任', 'chair'), register('2023-01-05', '1-101', '张伟'));

  it('a registered unit is known', () => {
    expect(householdKnown(p, '1-101')).toBeNull();
  });

  it('an unregistered unit is not', () => {
    expect(en(householdKnown(p, '1-102'))).toBe('no household 1-102');
  });

  it('a unit stays known after it left the register (its history can still be named)', () => {
    const q = build(register('2023-01-05', '1-101', '张伟'), ['2023-06-01', { kind: 'household_end', code: '1-101', reason: '拆除' }]);
    expect(householdKnown(q, '1-101')).toBeNull();
  });
});

describe('transferAllowed', () => {
  const p = build(register('2023-01-05', '1-101', '张伟', { ownerId: 'A1', since: '2023-02-01' }), register('2023-01-05', '1-102', '李娜'));
  const h = (code: string): Household | undefined => p.households.get(code);

  it('a transfer to someone else, after the current owner took the unit, is allowed', () => {
    expect(transferAllowed(h('1-101'), '1-101', '陈刚', null, '2023-08-01')).toBeNull();
  });

  it('a transfer to the same owner is refused', () => {
    expect(en(transferAllowed(h('1-101'), '1-101', '张伟', 'A1', '2023-08-01'))).toBe('张伟 already owns 1-101; there is nothing to transfer');
    expect(en(transferAllowed(h('1-102'), '1-102', '李娜', null, '2023-08-01'))).toMatch(/李娜 already owns 1-102/);
  });

  it('a transfer to a namesake with a different ownerId is allowed (ownerKey)', () => {
    expect(transferAllowed(h('1-101'), '1-101', '张伟', 'B2', '2023-08-01')).toBeNull();
  });

  it('an unknown unit cannot be transferred', () => {
    expect(en(transferAllowed(undefined, '9-999', '陈刚', null, '2023-08-01'))).toBe('no household 9-999');
  });

  it('an ended unit cannot be transferred on or after its end day', () => {
    const q = build(register('2023-01-05', '1-101', '张伟'), ['2023-06-01', { kind: 'household_end', code: '1-101', reason: '拆除' }]);
    const ended = q.households.get('1-101');
    expect(en(transferAllowed(ended, '1-101', '陈刚', null, '2023-06-01'))).toBe('1-101 left the register on 2023-06-01; it cannot be transferred');
    expect(transferAllowed(ended, '1-101', '陈刚', null, '2023-07-01')).not.toBeNull();
  });

  it('a transfer dated before the current owner started is refused; on the start day it is allowed', () => {
    expect(en(transferAllowed(h('1-101'), '1-101', '陈刚', null, '2023-01-31'))).toBe('the transfer (2023-01-31) is dated before 张伟 became the owner (2023-02-01)');
    expect(transferAllowed(h('1-101'), '1-101', '陈刚', null, '2023-02-01')).toBeNull();
  });

  it('after a transfer, the new owner is the one compared and their start counts', () => {
    const q = build(register('2023-01-05', '1-101', '张伟'), ['2023-05-01', { kind: 'transfer', code: '1-101', owner: '陈刚', ownerId: null, phone: null, note: null }]);
    const t = q.households.get('1-101');
    expect(transferAllowed(t, '1-101', '陈刚', null, '2023-09-01')).not.toBeNull();
    expect(transferAllowed(t, '1-101', '张伟', null, '2023-09-01')).toBeNull();
    expect(en(transferAllowed(t, '1-101', '张伟', null, '2023-04-30'))).toMatch(/dated before 陈刚 became the owner \(2023-05-01\)/);
  });
});

describe('correctionChanges', () => {
  const p = build(register('2023-01-05', '1-101', '张伟', { ownerId: 'A1', areaCenti: 8650, phone: '13800000000' }));
  const h = p.households.get('1-101');

  it('a correction changing nothing is refused', () => {
    expect(en(correctionChanges(h, '1-101', {}))).toBe('the correction changes nothing on 1-101');
    expect(en(correctionChanges(h, '1-101', { owner: '张伟', ownerId: 'A1', areaCenti: 8650, phone: '13800000000' }))).toMatch(/changes nothing/);
  });

  it('a correction changing the area is allowed', () => {
    expect(correctionChanges(h, '1-101', { areaCenti: 8651 })).toBeNull();
    expect(correctionChanges(h, '1-101', { owner: '张伟', areaCenti: 9000 })).toBeNull();
  });

  it('a correction changing the owner name, id or phone is allowed', () => {
    expect(correctionChanges(h, '1-101', { owner: '张玮' })).toBeNull();
    expect(correctionChanges(h, '1-101', { ownerId: null })).toBeNull();
    expect(correctionChanges(h, '1-101', { phone: null })).toBeNull();
  });

  it('compares against the state after earlier corrections', () => {
    const q = build(register('2023-01-05', '1-101', '张伟', { areaCenti: 8650 }), ['2023-02-01', { kind: 'correction', code: '1-101', areaCenti: 9000, reason: '测绘' }]);
    const c = q.households.get('1-101');
    expect(correctionChanges(c, '1-101', { areaCenti: 9000 })).not.toBeNull();
    expect(correctionChanges(c, '1-101', { areaCenti: 8650 })).toBeNull();
  });

  it('an unknown unit', () => {
    expect(en(correctionChanges(undefined, '9-999', { areaCenti: 1 }))).toBe('no household 9-999');
  });
});

describe('householdEndAllowed', () => {
  const p = build(register('2023-01-05', '1-101', '张伟', { since: '2023-03-01' }), register('2023-01-05', '1-102', '李娜', { since: null }));

  it('a unit on the register can end after it moved in', () => {
    expect(householdEndAllowed(p.households.get('1-101'), '1-101', '2023-09-01')).toBeNull();
  });

  it('the move-in day itself is not "before" moving in', () => {
    expect(householdEndAllowed(p.households.get('1-101'), '1-101', '2023-03-01')).toBeNull();
  });

  it('ending before moving in is refused', () => {
    expect(en(householdEndAllowed(p.households.get('1-101'), '1-101', '2023-02-28'))).toBe('the end (2023-02-28) is dated before 1-101 moved in (2023-03-01)');
  });

  it('a unit without a move-in day can end any day', () => {
    expect(householdEndAllowed(p.households.get('1-102'), '1-102', '2000-01-01')).toBeNull();
  });

  it('ending an ended unit is refused', () => {
    const q = build(register('2023-01-05', '1-101', '张伟'), ['2023-06-01', { kind: 'household_end', code: '1-101', reason: '拆除' }]);
    expect(en(householdEndAllowed(q.households.get('1-101'), '1-101', '2023-07-01'))).toBe('1-101 already left the register on 2023-06-01');
  });

  it('an unknown unit', () => {
    expect(en(householdEndAllowed(undefined, '9-999', '2023-07-01'))).toBe('no household 9-999');
  });
});
