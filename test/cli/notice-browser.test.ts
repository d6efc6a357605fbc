/**
 * The bulletin-board notices in a real browser: headless Chromium prints each one to PDF,
 * `pdfinfo` counts its A4 pages, and a layout probe checks that nothing is wider than the
 * paper.
 *
 * Why a probe and not the PDF: when content is wider than the page, Chromium's printing
 * shrinks the whole page to fit, so a PDF never shows the overflow. Instead a copy of the
 * notice (never the notice itself, which holds no script) gets a few lines of script, is
 * laid out at the width of A4 paper (794 px = 210 mm), and reports through `--dump-dom`
 * every element that sticks out of the printable area (the 186 mm `.page` box, the same
 * width as A4 between its 12 mm margins), and any table cell whose content is wider than the
 * cell. A deliberately too-wide notice checks that the probe can fail.
 *
 * Needs `chromium` and poppler's `pdfinfo`, `pdftotext` and `pdftoppm` (the CI
 * installs them). Writes docs/notice.png (page 1 of the demo's 2022H2 notice) for the README.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium as chromiumIn, fileUrl, printPdf, run } from '../helpers/chromium.js';
import { demoLedger } from '../helpers/demo-ledger.js';
import { FIXTURES, ROOT, type TempLedger } from '../helpers/run-ledger.js';

const COMMITTEE = ['袁生龙', '李秀英', '王建国', '赵红梅'];

let demo: TempLedger;
beforeAll(() => {
  demo = demoLedger();
}, 300_000);
afterAll(() => demo?.cleanup());

/** Headless Chromium with a fresh profile under the demo's folder (test/helpers/chromium.ts). */
const chromium = (args: string[]): string => chromiumIn(demo.dir, args);

const PROBE = `<script>
addEventListener('load', () => {
  const page = document.querySelector('.page').getBoundingClientRect();
  const out = [];
  for (const el of document.querySelectorAll('.page *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const what = el.tagName + ' ' + (el.textContent || '').trim().slice(0, 30);
    if (r.right > page.right + 0.5 || r.left < page.left - 0.5) out.push('outside the page: ' + what);
    if ((el.tagName === 'TD' || el.tagName === 'TH') && el.scrollWidth > el.clientWidth + 1) out.push('wider than its cell: ' + what);
  }
  const pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify({ pageWidth: Math.round(page.width), scrollWidth: document.documentElement.scrollWidth, viewport: innerWidth, out });
  document.body.appendChild(pre);
});
</script>`;

/** Lays a copy of the notice out at A4 width and returns what sticks out. */
function overflow(html: string, inject = ''): { pageWidth: number; scrollWidth: number; viewport: number; out: string[] } {
  const probe = html.replace(/\.html$/, '.probe.html');
  fs.writeFileSync(probe, fs.readFileSync(html, 'utf8').replace('</body>', `${inject}${PROBE}</body>`));
  const dom = chromium(['--window-size=794,1123', '--virtual-time-budget=10000', '--dump-dom', fileUrl(probe)]);
  const m = /<pre id="probe">(.*?)<\/pre>/s.exec(dom);
  if (!m) throw new Error(`the layout probe did not report: ${dom.slice(0, 500)}`);
  return JSON.parse(m[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

function notice(args: string[], name: string): string {
  const file = path.join(demo.dir, name);
  demo.ok(['--lang', 'zh', 'notice', ...args, '--out', file]);
  return file;
}

describe('notices in headless Chromium', () => {
  it('the 2022H2 disclosure: A4, at most 4 pages, CJK text, nothing wider than the paper', () => {
    const html = notice(['report', '--half', '2022H2'], '公示-2022H2.html');
    const { pdf, pages, size } = printPdf(html);
    expect(size).toMatch(/\(A4\)/);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(4);
    // The Chinese is there as text (Chromium embeds the glyphs of the local CJK font).
    expect(run('pdftotext', ['-f', '1', '-l', '1', pdf, '-'])).toContain('工行小区物业管理费收支公示（2022年7月—12月）');
    const o = overflow(html);
    expect(o.out).toEqual([]);
    expect(o.pageWidth).toBe(703); // 186 mm
    expect(o.scrollWidth).toBeLessThanOrEqual(o.viewport);
    // The picture for the README: page 1 at 60 dpi.
    run('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(ROOT, 'docs', 'notice')]);
    expect(fs.statSync(path.join(ROOT, 'docs', 'notice.png')).size).toBeGreaterThan(10_000);
  });

  it('the vote notice: at most 2 pages, nothing wider than the paper', () => {
    const html = notice(['vote', 'V2022-01'], 'vote.html');
    const { pdf, pages } = printPdf(html);
    expect(pages).toBeLessThanOrEqual(2);
    const text = run('pdftotext', [pdf, '-']);
    expect(text).toContain('表决结果：通过');
    expect(overflow(html).out).toEqual([]);
  });

  it('the arrears notice: 1 page for the demo compound, nothing wider than the paper', () => {
    const html = notice(['arrears', '--as-of', '2023-06-30'], 'arrears.html');
    const { pdf, pages } = printPdf(html);
    expect(pages).toBe(1);
    expect(run('pdftotext', [pdf, '-'])).toContain('5-2-501');
    expect(overflow(html).out).toEqual([]);
  });

  it('the probe catches a page that is too wide', () => {
    const html = notice(['arrears', '--as-of', '2023-06-30'], 'too-wide.html');
    const o = overflow(html, '<div class="page"><table><tr><td style="white-space:nowrap">' + '宽'.repeat(80) + '</td></tr></table></div>');
    expect(o.out.length).toBeGreaterThan(0);
    expect(o.out.join('\n')).toMatch(/outside the page: TD 宽宽/);
  });
});

describe('notices are public', () => {
  it('show no owner name or phone from the register, even where an expense names one', () => {
    // An expense paid to an owner, with the owner's phone in its description (dated in the
    // open period: the demo locks 2022 once its disclosure is posted).
    demo.ok(['--by', '王建国', 'spend', '120', '--category', '维修', '--payee', '梁杰', '--item', '梁杰代修楼道灯（电话15272410633）', '--approved-by', '袁生龙', '--date', '2023-07-10']);
    const files = [
      notice(['report', '--half', '2022H2'], 'p-report-2022H2.html'),
      notice(['report', '--half', '2023H2'], 'p-report.html'),
      notice(['vote', 'V2022-01'], 'p-vote.html'),
      notice(['arrears', '--as-of', '2022-12-31'], 'p-arrears.html'),
    ];
    const register = fs
      .readFileSync(path.join(FIXTURES, 'households.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const names = [...new Set(register.flatMap(([, owner]) => [owner!, owner!.replace(/\(.*$/, '')]))];
    const phones = register.map((r) => r[3]!).filter(Boolean);
    expect(names.length).toBeGreaterThan(100);
    expect(phones.length).toBeGreaterThan(100);
    const report = fs.readFileSync(files[1]!, 'utf8');
    expect(report).toContain('业主（1-1-101）代修楼道灯（电话***）');
    for (const f of files) {
      // The committee signs the notice; an owner called 赵红 must not be "found" in 赵红梅.
      let html = fs.readFileSync(f, 'utf8');
      for (const c of COMMITTEE) html = html.split(c).join('');
      expect(names.filter((n) => html.includes(n)), f).toEqual([]);
      expect(phones.filter((p) => html.includes(p)), f).toEqual([]);
    }
  });
});
