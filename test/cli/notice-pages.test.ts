/**
 * Notices that lay out (issue 14, item 5): on paper no section is split from its heading,
 * no heading ends a page or stands alone on one, a short section stays in one piece, a table
 * that runs on to the next page repeats its header there, and the vote's result line is on
 * the page of the figures it rests on.
 *
 * Each notice is printed to an A4 PDF by headless Chromium (test/helpers/chromium.ts) and
 * read back page by page with poppler's `pdftotext -layout`; the sections, their headings,
 * table headers and rows are read from the notice's own HTML. Three notices are printed as
 * they are: the demo's 2022H2 disclosure, the demo's vote V2022-01, and a long disclosure
 * (60 expenses, 60 rooms in arrears) of five pages and more. Then each of the three is
 * printed again with its content pushed down the page in steps of 6 mm, 45 copies in one
 * PDF, so that every heading meets a page break somewhere: a notice that happens to fall
 * well on the page cannot hide a missing rule. The printed figures are checked against
 * `report --json` and `vote show --json`.
 *
 * Skipped when `chromium`, `pdfinfo` or `pdftotext` is missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromium, fileUrl, printPdf, run } from '../helpers/chromium.js';
import { demoLedger } from '../helpers/demo-ledger.js';
import { FIXTURES, TempLedger } from '../helpers/run-ledger.js';

const has = (cmd: string, arg: string) => !spawnSync(cmd, [arg], { encoding: 'utf8', timeout: 60_000 }).error;
const PRINTING = has(CHROMIUM, '--version') && has('pdfinfo', '-v') && has('pdftotext', '-v');

// ---------------------------------------------------------------------------------------
// The notice's sections, from its HTML.

const unescape = (s: string) =>
  s.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
const cells = (tr: string, tag: 'td' | 'th') => [...tr.matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, 'g'))].map((m) => unescape(m[1]!).trim());

interface Sec {
  title: string;
  /** Kept whole on one page (the renderer's `block keep`). */
  keep: boolean;
  /** The table's column heads; empty for a section that is a paragraph or a list. */
  head: string[];
  /** The first cell of each row. */
  rows: string[];
  /** What must be the first line under the heading: the first column head, the "none" line or the start of the list. */
  under: string;
}

function sectionsOf(html: string): Sec[] {
  const out: Sec[] = [];
  const re = /<section class="block( keep)?">\n<h2>(.*?)<\/h2>\n([\s\S]*?)\n<\/section>/g;
  for (const m of html.matchAll(re)) {
    const body = m[3]!;
    const table = /<thead><tr>(.*?)<\/tr><\/thead>\n<tbody>\n([\s\S]*?)\n<\/tbody>/.exec(body);
    const head = table ? cells(table[1]!, 'th') : [];
    const rows = table ? table[2]!.split('\n').map((tr) => cells(tr, 'td')[0]!) : [];
    const other = /<p class="empty">(.*?)<\/p>|<li>(.*?)<\/li>/.exec(body);
    const under = table ? head[0]! : unescape(other![1] ?? other![2]!).slice(0, 12);
    out.push({ title: unescape(m[2]!), keep: Boolean(m[1]), head, rows, under });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The PDF, page by page.

/** The text of every page, laid out as printed (`pdftotext -layout`), as trimmed non-empty lines; checked against `pdfinfo`'s page count. */
function pagesOf(pdf: string): string[][] {
  const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [pdf]))![1]);
  const texts = run('pdftotext', ['-layout', pdf, '-']).split('\f').slice(0, -1);
  expect(texts.length).toBe(pages);
  return texts.map((t) => t.split('\n').map((l) => l.trim()).filter(Boolean));
}

/**
 * Everything wrong with how `pages` (one printed notice) lay out its sections, one line each.
 * A page is an array of its non-empty lines.
 */
function layoutProblems(pages: string[][], secs: Sec[], h1: string): string[] {
  const problems: string[] = [];
  const titles = new Set(secs.map((s) => s.title));
  const isHeading = (l: string) => titles.has(l);
  const where = new Map<Sec, { page: number; line: number }>();
  for (const s of secs) {
    const found = pages.flatMap((lines, page) => lines.flatMap((l, line) => (l === s.title ? [{ page, line }] : [])));
    if (found.length !== 1) {
      problems.push(`“${s.title}” is printed ${found.length} times`);
      continue;
    }
    where.set(s, found[0]!);
  }
  for (const [s, { page, line }] of where) {
    const lines = pages[page]!;
    const p = `page ${page + 1}`;
    if (line === lines.length - 1) {
      problems.push(`“${s.title}” is the last line of ${p}`);
      continue;
    }
    // The section's lines on the heading's page: up to the next heading.
    let end = line + 1;
    while (end < lines.length && !isHeading(lines[end]!)) end++;
    const own = lines.slice(line + 1, end);
    if (own.length === 0) {
      problems.push(`“${s.title}” on ${p} is followed by the next heading`);
      continue;
    }
    if (!own[0]!.startsWith(s.under)) problems.push(`“${s.title}” on ${p} is followed by “${own[0]}”, not by “${s.under}”`);
    const first = s.rows[0];
    if (first && !own.slice(1).some((l) => l.startsWith(first))) problems.push(`“${s.title}” on ${p} without its first row (“${first}”)`);
    const last = s.rows.at(-1);
    if (s.keep && last && !own.slice(1).some((l) => l.startsWith(last))) problems.push(`“${s.title}” is short but split: its last row (“${last}”) is not on ${p}`);
  }
  // No page of headings only; no page that carries on a table without its header.
  let current: Sec | undefined;
  pages.forEach((lines, page) => {
    if (!lines.some((l) => !isHeading(l) && l !== h1)) problems.push(`page ${page + 1} holds only ${lines.length ? lines.join(' / ') : 'nothing'}`);
    const top = lines[0];
    if (current && top && !isHeading(top) && current.head.length > 0 && !top.startsWith(current.head[0]!)) {
      const row = current.rows.find((r) => r && top.startsWith(r));
      if (row) problems.push(`page ${page + 1} carries on “${current.title}” (row “${row}”) without its header`);
    }
    for (const l of lines) current = secs.find((s) => s.title === l) ?? current;
  });
  return problems;
}

// ---------------------------------------------------------------------------------------
// The same notice with its content pushed down the page: one PDF, one copy per shift.

const SHIFTS = Array.from({ length: 45 }, (_, i) => i * 6); // 0 to 264 mm: more than the 269 mm of A4 inside its margins, less a page's start

/** Prints `html` once per shift (a marker line and a spacer of that many mm above the notice, each copy from a new page); the pages of each copy. */
function shifted(html: string): { shift: number; pages: string[][] }[] {
  const src = fs.readFileSync(html, 'utf8');
  const [, head, body] = /^([\s\S]*<body>)([\s\S]*)<\/body>/.exec(src)!;
  const copies = SHIFTS.map(
    (k) => `<div style="break-before: page; font-size: 6pt">位移${k}毫米</div><div style="height: ${k}mm"></div>\n${body}`,
  ).join('\n');
  const file = html.replace(/\.html$/, '.shifted.html');
  fs.writeFileSync(file, `${head}${copies}</body></html>\n`);
  const pdf = file.replace(/\.html$/, '.pdf');
  chromium(path.dirname(file), [`--print-to-pdf=${pdf}`, '--no-pdf-header-footer', fileUrl(file)]);
  const out: { shift: number; pages: string[][] }[] = [];
  for (const lines of pagesOf(pdf)) {
    const m = /^位移(\d+)毫米$/.exec(lines[0] ?? '');
    if (m) out.push({ shift: Number(m[1]), pages: [lines.slice(1)] });
    else out.at(-1)!.pages.push(lines);
  }
  expect(out.map((c) => c.shift)).toEqual(SHIFTS);
  // A spacer of nearly a page leaves the copy's first page blank but for the marker.
  for (const c of out) if (c.pages[0]!.length === 0) c.pages.shift();
  return out;
}

function shiftedProblems(html: string, secs: Sec[], h1: string): string[] {
  return shifted(html).flatMap(({ shift, pages }) => layoutProblems(pages, secs, h1).map((p) => `shifted ${shift} mm: ${p}`));
}

// ---------------------------------------------------------------------------------------
// Figures as the notices print them.

const yuan = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const area = (m2: number) => m2.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const cols = (line: string | undefined) => (line ?? '').split(/\s+/);
/** The one line, over all pages, that starts with `start`. */
function lineOf(pages: string[][], start: string): { page: number; line: string } {
  const found = pages.flatMap((lines, page) => lines.filter((l) => l.startsWith(start)).map((line) => ({ page, line })));
  expect(found, `one line starting “${start}”`).toHaveLength(1);
  return found[0]!;
}

function notice(l: TempLedger, args: string[], name: string): { html: string; secs: Sec[]; h1: string } {
  const html = path.join(l.dir, name);
  l.ok(['--lang', 'zh', 'notice', ...args, '--out', html]);
  const src = fs.readFileSync(html, 'utf8');
  return { html, secs: sectionsOf(src), h1: unescape(/<h1>(.*?)<\/h1>/.exec(src)![1]!) };
}

/**
 * A compound whose 2023H2 disclosure is long: 120 households, 60 of them without a 2023
 * payment, 60 expenses through the half-year (every other one with an item and a payee long
 * enough to wrap), a few receipts of other income.
 */
function longLedger(): TempLedger {
  const l = TempLedger.standard('2024-01-20T10:00:00+08:00');
  l.ok(['--by', '张主任', 'household', 'import', path.join(FIXTURES, 'households.csv')]);
  l.ok(['--by', '张主任', 'bill', '2023']);
  const collections = fs.readFileSync(path.join(FIXTURES, 'collections-2023.csv'), 'utf8').trim().split('\n');
  const csv = path.join(l.dir, 'collections-2023-first-60.csv');
  fs.writeFileSync(csv, `${collections.slice(0, 61).join('\n')}\n`);
  l.ok(['--by', '李会计', 'import', 'collections', csv]);
  for (const [i, category] of ['停车费', '广告', '场地租金', '充电桩'].entries()) {
    l.ok(['--by', '李会计', 'income', String(300 + 100 * i), '--category', category, '--from', `${category}经营方`, '--date', `2023-${String(7 + i).padStart(2, '0')}-10`]);
  }
  const categories = ['保洁', '门卫', '绿化', '维修', '公共水电', '垃圾清运', '办公'];
  const start = Date.parse('2023-07-01T00:00:00Z');
  for (let i = 0; i < 60; i++) {
    const date = new Date(start + i * 3 * 86_400_000).toISOString().slice(0, 10);
    const long = i % 2 === 0;
    l.ok([
      '--by', '王出纳', 'spend', String(150 + ((i * 37) % 300)), '--category', categories[i % categories.length]!,
      '--payee', long ? '吕梁市某物业服务有限公司' : '张师傅', '--item', long ? `第${i + 1}次更换单元门禁与楼道照明` : `第${i + 1}次楼道维护`,
      '--approved-by', '张主任', '--voucher', `记-${i + 1}`, '--date', date,
    ]);
  }
  return l;
}

// ---------------------------------------------------------------------------------------

describe.skipIf(!PRINTING)('notices on A4 paper keep each heading with its section', () => {
  let demo: TempLedger;
  let long: TempLedger;
  beforeAll(() => {
    demo = demoLedger();
    long = longLedger();
  }, 300_000);
  afterAll(() => {
    demo?.cleanup();
    long?.cleanup();
  });

  describe('the demo’s 2022H2 disclosure', () => {
    let n: ReturnType<typeof notice>;
    let pages: string[][];
    beforeAll(() => {
      n = notice(demo, ['report', '--half', '2022H2'], '公示-2022H2.html');
      pages = pagesOf(printPdf(n.html).pdf);
    }, 120_000);

    it('has the sections of the disclosure, in order, on 2 to 4 pages', () => {
      expect(n.secs.map((s) => s.title)).toEqual([
        '一、基本情况', '二、收支汇总', '三、收入', '公共收益明细', '四、支出', '支出分类汇总', '五、作废与红冲', '六、一事一议',
        '七、欠费（截至2022年12月31日）', '欠费房号', '八、说明',
      ]);
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages.length).toBeLessThanOrEqual(4);
    });

    it('keeps every heading with its section and no page holds only a heading', () => {
      expect(layoutProblems(pages, n.secs, n.h1)).toEqual([]);
    });

    it('prints the figures of report --json', () => {
      const r = demo.json(['report', '--half', '2022H2']);
      // 二、收支汇总: the line under the column heads.
      const summary = lineOf(pages, '上期结余');
      const values = pages[summary.page]![pages[summary.page]!.indexOf(summary.line) + 1];
      expect(cols(values)).toEqual([r.opening_balance_fen, r.income_total_fen, r.expense_total_fen, r.closing_balance_fen].map(yuan));
      expect(cols(lineOf(pages, '本期收入合计').line)).toContain(yuan(r.income_total_fen));
      expect(cols(lineOf(pages, '本期支出合计').line)).toContain(yuan(r.expense_total_fen));
      const expenses = pages.flat().filter((l) => /^E2022-\d{4}\s/.test(l));
      expect(expenses).toHaveLength(r.expenses.length + r.voids.filter((v: { line: string }) => v.line === 'expense').length);
      expect(cols(lineOf(pages, '本年度（2022年）欠费').line).slice(-2)).toEqual([String(r.arrears.current_year.households), yuan(r.arrears.current_year.total_fen)]);
      const rooms = pages.flat().flatMap((l) => l.match(/\b\d-\d-\d{3}\b/g) ?? []);
      expect(rooms.sort()).toEqual(r.arrears.rooms.map((x: { code: string }) => x.code).sort());
    });

    it('keeps every heading with its section wherever the page breaks fall', () => {
      expect(shiftedProblems(n.html, n.secs, n.h1)).toEqual([]);
    }, 120_000);
  });

  describe('the demo’s vote notice (V2022-01)', () => {
    let n: ReturnType<typeof notice>;
    let pages: string[][];
    beforeAll(() => {
      n = notice(demo, ['vote', 'V2022-01'], 'vote.html');
      pages = pagesOf(printPdf(n.html).pdf);
    }, 120_000);

    it('has its four sections on 1 or 2 pages, each heading with its section', () => {
      expect(n.secs.map((s) => s.title)).toEqual(['一、表决事项', '二、表决结果', '三、计票规则与结果', '四、支出情况']);
      expect(pages.length).toBeLessThanOrEqual(2);
      expect(layoutProblems(pages, n.secs, n.h1)).toEqual([]);
    });

    it('prints the result line on the page of the figures it rests on, and they are the ledger’s', () => {
      const v = demo.json(['vote', 'show', 'V2022-01']);
      const result = lineOf(pages, '表决结果：');
      expect(result.line).toBe(`表决结果：${v.passed ? '通过' : '未通过'}`);
      // 三、计票规则与结果: each threshold with what was reached and what was needed, on the result's page.
      const names: Record<string, string> = { 'quorum-area': '参与表决的专有部分面积', 'quorum-owners': '参与表决的业主人数', 'yes-area': '同意的专有部分面积', 'yes-owners': '同意的业主人数' };
      expect(v.thresholds.length).toBeGreaterThan(0);
      for (const t of v.thresholds) {
        const row = lineOf(pages, `${names[t.key]!} `);
        expect(row.page, t.key).toBe(result.page);
        const fmt = (x: number) => (t.measure === 'area' ? `${area(x)}㎡` : `${x}人`);
        expect(cols(row.line).slice(-3)).toEqual([fmt(t.reached), fmt(t.needed), t.met ? '达到' : '未达到']);
      }
      // 二、表决结果: the tally.
      for (const [label, x] of [['全体业主', v.eligible], ['参与表决', v.participated], ['其中：同意', v.yes], ['反对', v.no], ['弃权', v.abstain]] as const) {
        const c = cols(lineOf(pages, `${label} `).line);
        expect([c[1], c[3]], label).toEqual([String(x.owners), area(x.area_m2)]);
      }
      expect(cols(lineOf(pages, '已支出合计').line)[1]).toBe(yuan(v.spent_fen));
    });

    it('keeps every heading with its section, and the result with its figures, wherever the page breaks fall', () => {
      const copies = shifted(n.html);
      const problems = copies.flatMap(({ shift, pages: p }) => {
        const result = p.findIndex((lines) => lines.includes('表决结果：通过'));
        const figures = p.findIndex((lines) => lines.some((l) => l.startsWith('同意的业主人数 ')));
        const apart = result < 0 || result !== figures ? [`the result line (page ${result + 1}) is not on the page of the thresholds (page ${figures + 1})`] : [];
        return [...layoutProblems(p, n.secs, n.h1), ...apart].map((x) => `shifted ${shift} mm: ${x}`);
      });
      expect(problems).toEqual([]);
    }, 120_000);
  });

  describe('a long disclosure (60 expenses, 60 rooms in arrears)', () => {
    let n: ReturnType<typeof notice>;
    let pages: string[][];
    beforeAll(() => {
      n = notice(long, ['report', '--half', '2023H2'], '公示-2023H2.html');
      pages = pagesOf(printPdf(n.html).pdf);
    }, 120_000);

    it('runs to several pages, the expenses and the rooms over more than one, each page of a table under its header', () => {
      expect(pages.length).toBeGreaterThanOrEqual(4);
      const pagesWith = (re: RegExp) => pages.flatMap((lines, i) => (lines.some((l) => re.test(l)) ? [i] : []));
      const expensePages = pagesWith(/^E2023-\d{4}\s/);
      const roomPages = pagesWith(/^\d-\d-\d{3}\s/);
      expect(expensePages.length).toBeGreaterThanOrEqual(2);
      expect(roomPages.length).toBeGreaterThanOrEqual(2);
      for (const i of expensePages) expect(pages[i]!.some((l) => /^编号\s+凭证\s+日期/.test(l)), `page ${i + 1}`).toBe(true);
      for (const i of roomPages) expect(pages[i]!.some((l) => /^房号\s+金额（元）\s+所欠年度\s+房号/.test(l)), `page ${i + 1}`).toBe(true);
      expect(layoutProblems(pages, n.secs, n.h1)).toEqual([]);
    });

    it('prints every expense and every room of report --json, and its totals', () => {
      const r = long.json(['report', '--half', '2023H2']);
      expect(r.expenses).toHaveLength(60);
      expect(r.arrears.rooms).toHaveLength(60);
      const numbers = pages.flat().flatMap((l) => /^(E2023-\d{4})\s/.exec(l)?.[1] ?? []);
      expect(numbers).toEqual(r.expenses.map((e: { number: string }) => e.number));
      const rooms = pages.flat().flatMap((l) => l.match(/\b\d-\d-\d{3}\b/g) ?? []);
      expect(rooms.sort()).toEqual(r.arrears.rooms.map((x: { code: string }) => x.code).sort());
      expect(cols(lineOf(pages, '本期支出合计').line)).toContain(yuan(r.expense_total_fen));
      expect(cols(lineOf(pages, '本期收入合计').line)).toContain(yuan(r.income_total_fen));
      const summary = lineOf(pages, '上期结余');
      const values = pages[summary.page]![pages[summary.page]!.indexOf(summary.line) + 1];
      expect(cols(values)).toEqual([r.opening_balance_fen, r.income_total_fen, r.expense_total_fen, r.closing_balance_fen].map(yuan));
      const arrears = lineOf(pages, '本年度（2023年）欠费');
      expect(cols(arrears.line).slice(-2)).toEqual([String(r.arrears.current_year.households), yuan(r.arrears.current_year.total_fen)]);
    });

    it('keeps every heading with its section wherever the page breaks fall', () => {
      expect(shiftedProblems(n.html, n.secs, n.h1)).toEqual([]);
    }, 180_000);
  });

  it('the check finds a heading left at the foot of a page and a table carried on without its header', () => {
    const secs: Sec[] = [
      { title: '一、甲', keep: true, head: ['项目', '金额'], rows: ['甲1', '合计'], under: '项目' },
      { title: '二、乙', keep: false, head: ['编号', '金额'], rows: ['E1', 'E2', 'E3'], under: '编号' },
    ];
    const good = [['标题', '一、甲', '项目 金额', '甲1 1.00', '合计 1.00', '二、乙', '编号 金额', 'E1 1.00'], ['编号 金额', 'E2 1.00', 'E3 1.00']];
    expect(layoutProblems(good, secs, '标题')).toEqual([]);
    expect(layoutProblems([['标题', '一、甲', '项目 金额', '甲1 1.00', '合计 1.00', '二、乙'], ['编号 金额', 'E1 1.00']], secs, '标题')).toEqual(['“二、乙” is the last line of page 1']);
    expect(layoutProblems([['标题', '一、甲', '项目 金额', '甲1 1.00'], ['合计 1.00'], ['二、乙', '编号 金额', 'E1 1.00']], secs, '标题')).toEqual([
      '“一、甲” is short but split: its last row (“合计”) is not on page 1',
      'page 2 carries on “一、甲” (row “合计”) without its header',
    ]);
    expect(layoutProblems([['标题', '一、甲', '项目 金额', '甲1 1.00', '合计 1.00', '二、乙', '编号 金额', 'E1 1.00'], ['E2 1.00', 'E3 1.00']], secs, '标题')).toEqual([
      'page 2 carries on “二、乙” (row “E2”) without its header',
    ]);
    expect(layoutProblems([['标题', '一、甲', '项目 金额', '甲1 1.00', '合计 1.00'], ['二、乙'], ['编号 金额', 'E1 1.00']], secs, '标题')).toEqual([
      '“二、乙” is the last line of page 2',
      'page 2 holds only 二、乙',
    ]);
  });
});
