/**
 * Receipts to print (三联收据), in a real browser: a day's receipts in one file, printed by
 * headless Chromium to A4, one sheet per receipt, each sheet's three parts (存根联, 收据联,
 * 记账联) carrying the same number, date, room, amount in figures and capitals, method and
 * collector; a void one stamped 作废 on every part; nothing clipped out of its part.
 *
 * Needs `chromium` and poppler (as .ci/run installs). Writes docs/receipt.png (the void
 * sheet, rendered) for the README.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageTexts, printPdf, probe, run } from '../helpers/chromium.js';
import { ROOT, TempLedger } from '../helpers/run-ledger.js';

let l: TempLedger;
const LONG_NOTE = '代缴：业主在外地务工，由其母亲代交；含楼道灯维修分摊说明见物管会第3次会议纪要，收据请交本人签收后转交'.repeat(2);

beforeAll(() => {
  l = TempLedger.standard();
  l.ok(['--by', '张主任', 'household', 'add', '1-1-101', '--owner', '张伟', '--area', '88.5']);
  l.ok(['--by', '张主任', 'household', 'add', '1-1-102', '--owner', '欧阳建国', '--area', '102.37']);
  l.ok(['--by', '张主任', 'bill', '2022']);
  l.ok(['--by', '张主任', 'bill', '2023']);
  const collector = ['--by', '李会计'];
  l.ok([...collector, 'collect', '1-1-101', '1500', '--date', '2023-07-01', '--method', '现金支付']); // R2023-0001: 2022, 2023, prepaid
  l.ok([...collector, 'collect', '1-1-102', '500', '--date', '2023-07-01', '--method', '微信转账', '--note', LONG_NOTE]); // R2023-0002
  l.ok([...collector, 'income', '600.5', '--category', '停车费', '--from', '临时停车收费点', '--date', '2023-07-01', '--method', '银行']); // R2023-0003
  l.ok([...collector, 'collect', '1-1-102', '500', '--date', '2023-07-01', '--method', 'alipay']); // R2023-0004
  l.ok([...collector, 'void', 'R2023-0004', '--reason', '重复收费', '--approved-by', '张主任', '--date', '2023-07-02']);
}, 120_000);
afterAll(() => l?.cleanup());

const PROBE = `<script>
addEventListener('load', () => {
  const out = [];
  for (const part of document.querySelectorAll('.part')) {
    if (part.scrollHeight > part.clientHeight + 1) out.push('clipped: ' + part.querySelector('.no').textContent);
    const box = part.getBoundingClientRect();
    for (const el of part.querySelectorAll('td, th, .signs, .check')) {
      const r = el.getBoundingClientRect();
      if (r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5) out.push('outside its part: ' + el.tagName + ' ' + el.textContent.trim().slice(0, 20));
    }
  }
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify({ parts: document.querySelectorAll('.part').length, out });
  document.body.appendChild(pre);
});
</script>`;

describe('receipts printed by headless Chromium', () => {
  it("a day's receipts: one A4 sheet each, three parts, every figure on every part, the void one stamped", () => {
    const file = path.join(l.dir, '收据-2023-07-01.html');
    expect(l.ok(['--lang', 'zh', 'receipt', '--from', 'R2023-0001', '--to', 'R2023-0004', '--format', 'html', '--out', file])).toContain('4 张收据');
    const html = fs.readFileSync(file, 'utf8');
    expect(html).not.toMatch(/<script|https?:/);
    // Number and date are separate fields: no run of spaces for HTML to collapse.
    expect(html).not.toMatch(/R2023-0001 +日期/);

    const { pdf, pages, size } = printPdf(file);
    expect(size).toMatch(/\(A4\)/);
    expect(pages).toBe(4);
    const texts = pageTexts(pdf);
    expect(texts).toHaveLength(4);
    const expected: [string, string[]][] = [
      ['R2023-0001', ['1-1-101', '张伟', '¥1,500.00', '人民币壹仟伍佰元整', '2022年物业管理费 500.00元', '2023年物业管理费 500.00元', '预收物业管理费 500.00元', '现金']],
      ['R2023-0002', ['1-1-102', '欧阳建国', '¥500.00', '人民币伍佰元整', '微信']],
      ['R2023-0003', ['临时停车收费点', '停车费', '¥600.50', '人民币陆佰元伍角整', '银行转账']],
      ['R2023-0004', ['1-1-102', '¥500.00', '支付宝', '重复收费']],
    ];
    expected.forEach(([number, figures], i) => {
      const page = texts[i]!;
      for (const part of ['存根联', '收据联', '记账联']) expect(page.replace(/\s+/g, ''), `${number} ${part}`).toContain(part);
      expect(page.split(number).length - 1, number).toBe(3);
      expect(page.split('2023-07-01').length - 1, `${number} date`).toBeGreaterThanOrEqual(3);
      for (const f of figures) expect(page.split(f).length - 1, `${number}: ${f}`).toBe(3);
      expect(page.split('李会计').length - 1, `${number} 收款人`).toBeGreaterThanOrEqual(3);
      expect(page).toContain('收款人');
      expect(page).toContain('校验码');
      expect(page.includes('作废') || page.includes('作 废'), number).toBe(number === 'R2023-0004');
    });

    const found = probe<{ parts: number; out: string[] }>(file, PROBE);
    expect(found.parts).toBe(12);
    expect(found.out).toEqual([]);

    // The picture for the README: the void sheet at 60 dpi.
    run('pdftoppm', ['-png', '-r', '60', '-f', '4', '-l', '4', '-singlefile', pdf, path.join(ROOT, 'docs', 'receipt')]);
    expect(fs.statSync(path.join(ROOT, 'docs', 'receipt.png')).size).toBeGreaterThan(10_000);
  });

  it('one receipt by number, and the check code when the receipt carries one', () => {
    const html = l.ok(['receipt', 'R2023-0003', '--format', 'html']);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html.match(/class="part/g)).toHaveLength(3);
    expect(html).toContain('记录号');
  });

  it('a range is of one year, in order, with both ends', () => {
    expect(l.run(['receipt', '--from', 'R2023-0003', '--to', 'R2023-0001']).stderr).toMatch(/^error: the range starts \(R2023-0003\) after it ends/);
    expect(l.run(['receipt', '--from', 'R2022-0001', '--to', 'R2023-0001']).stderr).toMatch(/^error: --from and --to must be receipts of one year/);
    expect(l.run(['receipt', '--from', 'R2023-0001']).stderr).toMatch(/^error: --from and --to go together/);
    expect(l.run(['receipt', '--from', 'R2023-0001', '--to', 'R2023-0009']).stderr).toMatch(/^error: no receipt numbered R2023-0005/);
    expect(l.run(['receipt']).code).toBe(2);
    // `--to 2` is in --from's year.
    expect(l.ok(['receipt', '--from', 'R2023-0001', '--to', '2']).match(/No\. R2023-000\d/g)).toEqual(['No. R2023-0001', 'No. R2023-0002']);
  });
});
