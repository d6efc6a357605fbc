import { describe, expect, it } from 'vitest';
import { billYear } from '../../src/app/billing.js';
import { collectFee } from '../../src/app/collections.js';
import { registerHouseholds } from '../../src/app/households.js';
import { journalWriter } from '../../src/db/journal.js';
import { halfYear } from '../../src/domain/period.js';
import { arrearsNotice, postingPeriod, publicScrubber, reportNotice } from '../../src/reports/notice.js';
import { arrearsNoticeHtml, reportNoticeHtml } from '../../src/reports/render/notice-html.js';
import { as, memoryLedger } from '../helpers/memory-ledger.js';

const owners = [
  { code: '1-1-101', owner: '梁杰', phone: '15272410633' },
  { code: '2-1-201', owner: '张伟(2-1-201)', phone: null },
  { code: '4-2-502', owner: '张伟(4-2-502)', phone: '13900001111' },
  { code: '3-1-101', owner: '赵红', phone: null },
  { code: '3-1-102', owner: '闫卫东', phone: null },
  { code: '4-2-202', owner: '闫卫东', phone: null },
];

describe('publicScrubber', () => {
  const scrub = publicScrubber(owners, ['赵红梅', '袁生龙']);

  it('shows rooms instead of owner names', () => {
    expect(scrub('梁杰')).toBe('业主（1-1-101）');
    expect(scrub('给梁杰换锁')).toBe('给业主（1-1-101）换锁');
    expect(scrub('张伟(4-2-502)')).toBe('业主（4-2-502）');
    expect(scrub('张伟')).toBe('业主'); // two owners of that name: no room to tell
    expect(scrub('闫卫东')).toBe('业主'); // one owner, two rooms
  });

  it('leaves the committee alone, even when an owner name is part of it', () => {
    expect(scrub('监督人赵红梅')).toBe('监督人赵红梅');
    expect(scrub('赵红与赵红梅')).toBe('业主（3-1-101）与赵红梅');
  });

  it('masks phone numbers, registered or not', () => {
    expect(scrub('电话15272410633')).toBe('电话***');
    expect(scrub('联系13812345678')).toBe('联系138****5678');
    expect(scrub('E2022-0001 记-12 500.00')).toBe('E2022-0001 记-12 500.00');
  });
});

describe('notices keep names and phones off the board', () => {
  async function ledger() {
    const ctx = await memoryLedger();
    await registerHouseholds(as(ctx, '张主任'), [
      { code: '1-101', owner: '欧阳明', areaCenti: 9000, phone: '13800000001', since: null },
      { code: '1-102', owner: '司马光', areaCenti: 9000, phone: '13800000002', since: null },
    ]);
    await billYear(as(ctx, '张主任'), 2022);
    await collectFee(as(ctx, '李会计'), { code: '1-101', amountFen: 50000, date: '2022-08-01', method: 'cash' });
    journalWriter(ctx.ledger).append({
      kind: 'expense', number: 'E2022-0001', date: '2022-09-01', amount_fen: 10000, cash_fen: -10000, category: '维修',
      party: '司马光', item: '修司马光家门口路灯，电话13800000002', approved_by: '赵监督', recorded_at: ctx.now.toISOString(), recorded_by: '王出纳',
    });
    return ctx;
  }

  it('the report notice names rooms, not owners', async () => {
    const ctx = await ledger();
    const n = await reportNotice(ctx.ledger, halfYear(2022, 2), ctx.now);
    expect(n.disclosure.expenses[0]).toMatchObject({ payee: '业主（1-102）', item: '修业主（1-102）家门口路灯，电话***' });
    expect(n.posting).toEqual({ from: '2023-07-15', to: '2023-07-29', days: 15 });
    const html = reportNoticeHtml(n);
    for (const secret of ['欧阳明', '司马光', '13800000001', '13800000002']) expect(html).not.toContain(secret);
    expect(html).toContain('1-102'); // the room that owes
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|<img|<link|@import|url\(|https?:/i);
  });

  it('the arrears notice lists rooms only', async () => {
    const ctx = await ledger();
    const n = await arrearsNotice(ctx.ledger, '2022-12-31', ctx.now);
    expect(n.rooms).toEqual([{ code: '1-102', owed_fen: 50000, years: [{ year: 2022, owed_fen: 50000 }] }]);
    expect(JSON.stringify(n)).not.toMatch(/欧阳明|司马光|1380000000/);
    expect(arrearsNoticeHtml(n)).toContain('测试小区物业费欠费公示（截至2022年12月31日）');
  });

  it('counts the posting period inclusively, across a month end', () => {
    expect(postingPeriod('2023-01-25', 15)).toEqual({ from: '2023-01-25', to: '2023-02-08', days: 15 });
    expect(postingPeriod('2023-07-15', 1)).toEqual({ from: '2023-07-15', to: '2023-07-15', days: 1 });
  });
});
