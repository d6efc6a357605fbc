import { describe, expect, it } from 'vitest';
import { billYear } from '../../src/app/billing.js';
import { collectFee } from '../../src/app/collections.js';
import { voidRecord } from '../../src/app/corrections.js';
import { registerHouseholds } from '../../src/app/households.js';
import { journalWriter } from '../../src/db/journal.js';
import { halfYear } from '../../src/domain/period.js';
import { disclosureReport } from '../../src/reports/disclosure.js';
import { csvCell, disclosureCsv, neutralise } from '../../src/reports/render/csv.js';
import { disclosureHtml } from '../../src/reports/render/html.js';
import { disclosureMarkdown } from '../../src/reports/render/markdown.js';
import { disclosureTable } from '../../src/reports/render/table.js';
import { as, memoryLedger } from '../helpers/memory-ledger.js';

describe('CSV cells a spreadsheet would run', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+86 138', "'+86 138"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['保洁', '保洁'],
    ['E2022-0001', 'E2022-0001'],
    ["it's", "it's"],
  ])('neutralise(%j) = %j', (input, out) => {
    expect(neutralise(input)).toBe(out);
  });

  it('keeps money a plain number, negative ones too, and quotes text that needs it', () => {
    expect(csvCell({ fen: -29510 })).toBe('-295.10');
    expect(csvCell({ fen: 5588600 })).toBe('55886.00');
    expect(csvCell({ count: -1 })).toBe('-1');
    expect(csvCell('-295.10')).toBe("'-295.10"); // text that looks like a formula stays text
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
});

describe('every format shows the same report', () => {
  async function ledgerWithHostileText() {
    const ctx = await memoryLedger();
    await registerHouseholds(as(ctx, '张主任'), [{ code: '1-101', owner: '甲某', areaCenti: 9000, phone: null, since: null }]);
    await billYear(as(ctx, '张主任'), 2022);
    await collectFee(as(ctx, '李会计'), { code: '1-101', amountFen: 80000, date: '2022-08-01', method: 'cash' });
    const j = journalWriter(ctx.ledger);
    const stamp = { recorded_at: ctx.now.toISOString(), recorded_by: '王出纳' };
    j.append({ kind: 'expense', number: 'E2022-0001', date: '2022-09-01', amount_fen: 12345, cash_fen: -12345, category: '维修', party: '=cmd|\' /C calc\'!A0', item: '-2+3 | 换锁', approved_by: '赵监督', ...stamp });
    j.append({ kind: 'expense', number: 'E2022-0002', date: '2022-09-02', amount_fen: 29510, cash_fen: -29510, category: '公共水电', party: '@供电', item: '电费', approved_by: '赵监督', ...stamp });
    await voidRecord(as(ctx, '王出纳'), 'E2022-0002', '重复录入', '2022-09-03');
    return disclosureReport(ctx.ledger, halfYear(2022, 2), ctx.now);
  }

  it('CSV: BOM, CRLF, plain numbers, the void negative, hostile text neutralised', async () => {
    const r = await ledgerWithHostileText();
    const csv = disclosureCsv(r, 'zh');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).not.toMatch(/[^\r]\n/);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toContain('上期结余,本期收入,本期支出,本期结余');
    expect(lines).toContain('0.00,800.00,123.45,676.55');
    expect(lines).toContain("E2022-0001,,2022-09-01,维修,'-2+3 | 换锁,'=cmd|' /C calc'!A0,123.45,王出纳,赵监督,,");
    expect(lines).toContain("E2022-0002,,2022-09-02,公共水电,电费,'@供电,295.10,王出纳,赵监督,,作废（2022-09-03）");
    expect(lines).toContain('E2022-0002,,2022-09-03,公共水电,红冲：重复录入,,-295.10,王出纳,,,冲销 2022-09-02 支出');
    expect(lines).toContain('物业费·预收以后年度,300.00,,');
    // No text cell of any line starts with a formula character (numbers may be negative).
    for (const line of lines) {
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+\.\d\d$)(?!\d+$)/);
    }
  });

  it('table, markdown and html carry the same figures', async () => {
    const r = await ledgerWithHostileText();
    const table = disclosureTable(r, 'zh');
    const md = disclosureMarkdown(r, 'zh');
    const html = disclosureHtml(r, 'zh');
    for (const out of [table, md, html]) {
      expect(out).toContain('测试小区物业管理费收支公示（2022年7月—12月）');
      expect(out).toContain('676.55');
      expect(out).toContain('-295.10');
      expect(out).toContain('作废（2022-09-03）');
    }
    expect(md).toContain('-2+3 \\| 换锁'); // a pipe cannot break the Markdown table
    expect(html).toContain('=cmd|&#39; /C calc&#39;!A0'); // escaped, never markup
    expect(html).not.toMatch(/<script|src=|href=|@import|url\(/i);
    expect(disclosureTable(r, 'en')).toContain('total expense');
  });
});
