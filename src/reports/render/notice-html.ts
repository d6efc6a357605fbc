/**
 * Bulletin-board notices as print-ready A4 HTML, in Chinese: one file each, with nothing
 * loaded from anywhere (no scripts, web fonts or images; charts are inline SVG; fonts are
 * the CJK fonts already on the computer that prints it). Tables break between rows, never
 * inside one, and repeat their header on every page.
 */
import { formatFenGrouped, type Fen } from '../../domain/money.js';
import { formatPercent } from '../../domain/percent.js';
import type { ArrearsNotice, NoticeBase, ReportNotice, Signatures, VoteNotice } from '../notice.js';
import { esc, FONT_STACK, sectionHtml, SIGNATURE_CSS, signaturesHtml, TABLE_CSS } from './html.js';
import { disclosureDoc, disclosureTitle, zhDate, type Section } from './sections.js';

const NOTICE_CSS = `
@page { size: A4; margin: 14mm 12mm; }
html, body { margin: 0; padding: 0; background: #fff; }
body { font-family: ${FONT_STACK}; font-size: 9.5pt; line-height: 1.45; color: #000; }
.page { width: 186mm; max-width: 100%; margin: 0 auto; }
h1 { font-size: 17pt; text-align: center; margin: 0 0 1.5mm; letter-spacing: 0.04em; }
.subtitle { text-align: center; margin: 0 0 1mm; }
.lead { text-indent: 2em; margin: 3mm 0; }
.chart { margin: 1mm 0 3mm; break-inside: avoid; }
.chart svg { display: block; width: 100%; height: auto; }
.result { font-size: 13pt; font-weight: 700; text-align: center; margin: 4mm 0; }
.posting { margin-top: 4mm; break-inside: avoid; }
ul.notes { padding-left: 5mm; margin: 2mm 0; }
table.expenses, table.other_income, table.voids { font-size: 8.5pt; }
${TABLE_CSS}${SIGNATURE_CSS}
/* On paper: a heading (and the title with the lines under it) never ends a page; a short
   section (heading, table, chart, result) is never split; the closing (posting period,
   signatures, date) stays in one piece. */
h1, .subtitle, .lead, .block h2 { break-after: avoid; page-break-after: avoid; }
.block > table { break-before: avoid; }
.block.keep, .closing { break-inside: avoid; page-break-inside: avoid; }
`;

/** A section with at most this many rows is kept on one page with its heading. */
const KEEP_ROWS = 18;

/**
 * A section as one block for the printer: its heading, its table and what belongs to it
 * (a chart, the result line); kept whole on one page when short, else only its heading is
 * kept with the first rows.
 */
function block(s: Section, ...after: string[]): string {
  const keep = s.rows.length <= KEEP_ROWS;
  return `<section class="block${keep ? ' keep' : ''}">\n${[sectionHtml(s), ...after.filter(Boolean)].join('\n')}\n</section>`;
}

/** The posting period, signatures and date: the end of every notice, never split. */
function closing(...parts: string[]): string {
  return `<div class="closing">\n${parts.join('\n')}\n</div>`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>${esc(title)}</title>
<style>${NOTICE_CSS}</style></head>
<body><div class="page">
${body}
</div></body></html>
`;
}

function signatureBlock(n: NoticeBase): string {
  const roles: [keyof Signatures, string][] = [
    ['collector', '收费记账人'],
    ['reimburser', '支出报账人'],
    ['supervisor', '监督人'],
    ['chair', '物管会主任'],
  ];
  return signaturesHtml({
    signatures: roles.map(([k, role]) => ({ role, names: n.signatures[k].join('、') })),
    dateLine: `${n.compound}物业管理委员会　${zhDate(n.posted_on)}`,
  });
}

function postingHtml(n: NoticeBase, contact: string): string {
  return `<p class="posting">公示期：${zhDate(n.posting.from)}至${zhDate(n.posting.to)}（共${n.posting.days}天）。${esc(contact)}</p>`;
}

const who = (names: string[]) => names.join('、');

/** 1234500 fen -> "12,345" (whole yuan, for chart labels only). */
const yuanLabel = (fen: Fen) => formatFenGrouped(Math.round(fen / 100) * 100).replace(/\.00$/, '');

/** A step of 1, 2 or 5 × 10^k units (at least `unit`) giving at most five gridlines up to `max`. */
function niceStep(max: number, unit: number): number {
  for (let step = unit; ; step *= 10) {
    for (const m of [1, 2, 5]) if (step * m * 5 >= max) return step * m;
  }
}

export interface ChartScale {
  /** The smallest gridline step: 100 for fen (one yuan), 1 for counts. */
  unit: number;
  label: (v: number) => string;
  /** Shown under the chart, e.g. 单位：元. */
  caption: string;
}

export const YUAN: ChartScale = { unit: 100, label: (v) => yuanLabel(v), caption: '单位：元' };
export const PEOPLE: ChartScale = { unit: 1, label: (v) => String(v), caption: '单位：人' };

const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Grouped bars, one group per label, each group a bar per series; negative values (a month
 * whose voids exceed its receipts) go below the zero line.
 */
export function barChartSvg(labels: string[], series: { name: string; color: string; values: number[] }[], caption: string, scale: ChartScale = YUAN): string {
  const W = 700;
  const H = 230;
  const left = 58;
  const right = 10;
  const top = 28;
  const bottom = 34;
  const all = series.flatMap((s) => s.values);
  const max = Math.max(0, ...all);
  const min = Math.min(0, ...all);
  const step = niceStep(Math.max(max - min, scale.unit), scale.unit);
  const hi = Math.ceil(max / step) * step || step;
  const lo = Math.floor(min / step) * step;
  const plotH = H - top - bottom;
  const y = (v: number) => r1(top + ((hi - v) / (hi - lo)) * plotH);
  const groupW = (W - left - right) / Math.max(labels.length, 1);
  const barW = Math.min(34, (groupW * 0.7) / series.length);
  const parts: string[] = [];
  parts.push(`<text x="${left}" y="14" font-size="11" font-weight="600">${esc(caption)}</text>`);
  series.forEach((s, i) => {
    const lx = W - right - (series.length - i) * 74;
    parts.push(`<rect x="${lx}" y="5" width="11" height="11" fill="${s.color}"/><text x="${lx + 15}" y="15" font-size="10.5">${esc(s.name)}</text>`);
  });
  for (let v = lo; v <= hi; v += step) {
    parts.push(`<line x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 0 ? '#000' : '#ccc'}" stroke-width="${v === 0 ? 1 : 0.6}"/>`);
    parts.push(`<text x="${left - 4}" y="${r1(y(v) + 3.5)}" font-size="9" text-anchor="end">${scale.label(v)}</text>`);
  }
  const showValues = labels.length * series.length <= 14;
  labels.forEach((label, g) => {
    const gx = left + g * groupW;
    const start = gx + (groupW - barW * series.length) / 2;
    series.forEach((s, i) => {
      const v = s.values[g] ?? 0;
      const x = r1(start + i * barW);
      const y0 = y(Math.max(v, 0));
      const h = r1(Math.abs(y(v) - y(0)));
      parts.push(`<rect x="${x}" y="${y0}" width="${r1(barW - 2)}" height="${h}" fill="${s.color}"/>`);
      if (showValues && v !== 0) {
        const ty = v > 0 ? y0 - 3 : r1(y(v) + 10);
        parts.push(`<text x="${r1(x + (barW - 2) / 2)}" y="${r1(ty)}" font-size="8" text-anchor="middle">${scale.label(v)}</text>`);
      }
    });
    parts.push(`<text x="${r1(gx + groupW / 2)}" y="${H - bottom + 15}" font-size="10" text-anchor="middle">${esc(label)}</text>`);
  });
  parts.push(`<text x="${left}" y="${H - 4}" font-size="9" fill="#333">${scale.caption}</text>`);
  return `<div class="chart"><svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(caption)}" font-family='${FONT_STACK}'>\n${parts.join('\n')}\n</svg></div>`;
}

/**
 * A long, narrow table folded into `groups` side-by-side blocks (row-major), so a list of
 * rooms takes a third of the paper.
 */
export function foldSection(s: Section, groups: number): Section {
  const k = s.head.length;
  const rows: Section['rows'] = [];
  for (let i = 0; i < s.rows.length; i += groups) {
    const row = s.rows.slice(i, i + groups).flat();
    while (row.length < k * groups) row.push('');
    rows.push(row);
  }
  const repeat = <T>(xs: T[]) => Array.from({ length: groups }, () => xs).flat();
  return {
    ...s,
    head: repeat(s.head),
    align: repeat(s.align),
    rows,
    nowrap: repeat(s.head.map((_, j) => j)).flatMap((j, i) => (s.nowrap?.includes(j) ? [i] : [])),
    totals: undefined,
  };
}

const INCOME = '#1f5fa8';
const EXPENSE = '#e8a33d';

/** 《工行小区物业管理费收支公示（2022年7月—12月）》 */
export function reportNoticeHtml(n: ReportNotice): string {
  const r = n.disclosure;
  const doc = disclosureDoc(r, 'zh');
  const chart = barChartSvg(
    r.monthly.map((m) => `${Number(m.month.slice(5))}月`),
    [
      { name: '收入', color: INCOME, values: r.monthly.map((m) => m.income_fen) },
      { name: '支出', color: EXPENSE, values: r.monthly.map((m) => m.expense_fen) },
    ],
    `${r.caption.zh}每月收支`,
  );
  const sections = doc.sections.filter((s) => s.key !== 'monthly').map((s) => (s.key === 'arrears_rooms' ? foldSection(s, 2) : s));
  const body = sections
    .map((s) => block(s, s.key === 'summary' ? chart : ''))
    .join('\n');
  const lead = `根据本小区“半年公示一次，接受业主监督”的约定，现将${r.caption.zh}物业管理费收支情况公示如下：`;
  return page(
    doc.title,
    `<h1>${esc(doc.title)}</h1>
${doc.subtitle.map((s) => `<p class="subtitle">${esc(s)}</p>`).join('\n')}
<p class="lead">${esc(lead)}</p>
${body}
<section class="block keep">
<h2>八、说明</h2>
<ul class="notes">
${[...doc.notes, '欠费按房号公示，不公示业主姓名和电话。'].map((x) => `<li>${esc(x)}</li>`).join('\n')}
</ul>
${closing(postingHtml(n, `如有疑问或异议，请在公示期内向监督人${who(n.signatures.supervisor)}或物管会主任${who(n.signatures.chair)}反映，可查阅收据存根和支出凭证。`), signatureBlock(n))}
</section>`,
  );
}

export function reportNoticeTitle(n: ReportNotice): string {
  return disclosureTitle(n.disclosure, 'zh');
}

const THRESHOLD_NAMES: Record<string, string> = {
  'quorum-area': '参与表决的专有部分面积',
  'quorum-owners': '参与表决的业主人数',
  'yes-area': '同意的专有部分面积',
  'yes-owners': '同意的业主人数',
  'yes-all-owners': '同意的业主人数（占全体业主）',
};

const areaText = (m2: number) => `${m2.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
const centi = (m2: number) => Math.round(m2 * 100);

export function voteNoticeTitle(n: VoteNotice): string {
  return `${n.compound}一事一议${n.vote.status === 'closed' ? '表决结果公告' : '表决公告'}（${n.vote.id} ${n.vote.title}）`;
}

export function voteNoticeHtml(n: VoteNotice): string {
  const v = n.vote;
  const closed = v.status === 'closed';
  const title = voteNoticeTitle(n);
  const info: Section = {
    key: 'vote-info',
    title: '一、表决事项',
    head: ['项目', '内容'],
    align: ['left', 'left'],
    rows: [
      ['编号', v.id],
      ['事项', v.title],
      ['预算', v.budget_fen === null ? '无' : `${formatFenGrouped(v.budget_fen)} 元`],
      ['表决规则', n.rule_text.zh],
      ['发起日期', zhDate(v.opened_on)],
      ['投票截止', v.closes_on ? zhDate(v.closes_on) : '—'],
      ...(v.closed_on ? [['结束日期', zhDate(v.closed_on)]] : []),
    ],
  };
  const parts = [`<h1>${esc(title)}</h1>`, block(info)];
  if (closed) {
    const e = v.eligible;
    const notVoted = { owners: e.owners - v.participated.owners, area_m2: (centi(e.area_m2) - centi(v.participated.area_m2)) / 100 };
    const row = (name: string, t: { owners: number; area_m2: number }, base: { owners: number; area_m2: number }) => [
      name,
      { count: t.owners },
      formatPercent(t.owners, base.owners),
      areaText(t.area_m2),
      formatPercent(centi(t.area_m2), centi(base.area_m2)),
    ];
    parts.push(
      block({
        key: 'vote-tally',
        title: '二、表决结果',
        head: ['项目', '业主人数', '占比', '专有部分面积（㎡）', '占比'],
        align: ['left', 'right', 'right', 'right', 'right'],
        rows: [
          row('全体业主', e, e),
          row('参与表决', v.participated, e),
          row('　其中：同意', v.yes, v.participated),
          row('　　　　反对', v.no, v.participated),
          row('　　　　弃权', v.abstain, v.participated),
          row('未参与表决', notVoted, e),
        ],
      },
      barChartSvg(
        ['同意', '反对', '弃权', '未参与'],
        [
          { name: '人数', color: INCOME, values: [v.yes.owners, v.no.owners, v.abstain.owners, notVoted.owners] },
        ],
        '表决情况（业主人数）',
        PEOPLE,
      )),
      block({
        key: 'vote-thresholds',
        title: '三、计票规则与结果',
        head: ['条件', '要求', '实际', '至少需要', '是否达到'],
        align: ['left', 'left', 'right', 'right', 'left'],
        rows: v.thresholds.map((t) => {
          const unit = t.measure === 'area' ? '㎡' : '人';
          const fmt = (x: number) => (t.measure === 'area' ? `${areaText(x)}${unit}` : `${x}${unit}`);
          return [THRESHOLD_NAMES[t.key] ?? t.key, `${t.inclusive ? '≥' : '>'} ${t.fraction} × ${fmt(t.base)}`, fmt(t.reached), fmt(t.needed), t.met ? '达到' : '未达到'];
        }),
      },
      `<p class="result">表决结果：${v.passed ? '通过' : '未通过'}</p>`,
      v.adjusted
        ? `<p>本小区议事规则约定未表决业主从多数（从众）；按约定调整后${v.adjusted.passed ? '通过' : '未通过'}，原始计票${v.raw_passed ? '通过' : '未通过'}。</p>`
        : ''),
    );
    parts.push(
      block({
        key: 'vote-spending',
        title: '四、支出情况',
        head: ['编号', '日期', '摘要', '收款方', '金额（元）', '备注'],
        align: ['left', 'left', 'left', 'left', 'right', 'left'],
        rows: [
          ...n.expenses.map((x) => [x.number, x.date, x.item, x.payee, { fen: x.amount_fen }, x.void ? '作废' : '']),
          ['已支出合计', '', '', '', { fen: v.spent_fen }, v.budget_left_fen === null ? '' : `预算余额 ${formatFenGrouped(v.budget_left_fen)} 元`],
        ],
        totals: [n.expenses.length],
        empty: '尚无支出。',
      }),
    );
  } else {
    parts.push(
      `<p class="lead">现就上述事项征求全体业主意见。请各位业主在${v.closes_on ? zhDate(v.closes_on) : '截止日'}前将签名的表决票（同意、反对或弃权）交物管会。一位业主拥有多套房屋的，按一人计算、面积合并计算。</p>`,
    );
  }
  parts.push(closing(postingHtml(n, `如有疑问或异议，请在公示期内向监督人${who(n.signatures.supervisor)}或物管会主任${who(n.signatures.chair)}反映。`), signatureBlock(n)));
  return page(title, parts.join('\n'));
}

export function arrearsNoticeTitle(n: ArrearsNotice): string {
  return `${n.compound}物业费欠费公示（截至${zhDate(n.as_of)}）`;
}

export function arrearsNoticeHtml(n: ArrearsNotice): string {
  const title = arrearsNoticeTitle(n);
  const years = [...n.by_year].sort((a, b) => a.year - b.year);
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p class="lead">截至${zhDate(n.as_of)}，本小区共有 ${n.households} 户尚未缴清物业管理费，合计 ${formatFenGrouped(n.total_fen)} 元，按房号公示如下。请相关业主尽快到物管会缴纳；已缴纳的以收据为准。</p>`,
    block(
      {
      key: 'arrears-years',
      title: '一、欠费汇总',
      head: ['年度', '欠费户数', '欠费金额（元）'],
      align: ['left', 'right', 'right'],
      rows: [
        ...n.by_year.map((y) => [`${y.year}年${y.year === n.fee_year ? '（本年度）' : ''}`, { count: y.households }, { fen: y.total_fen }]),
        ['合计', { count: n.households }, { fen: n.total_fen }],
      ],
      totals: [n.by_year.length],
      empty: '无欠费。',
    },
    years.length > 0
      ? barChartSvg(
          years.map((y) => `${y.year}年`),
          [{ name: '欠费', color: EXPENSE, values: years.map((y) => y.total_fen) }],
          '各年度欠费金额',
        )
      : '',
    ),
    block(
      foldSection(
        {
          key: 'arrears-rooms',
          title: '二、欠费房号',
          head: ['房号', '欠费（元）', '所欠年度'],
          align: ['left', 'right', 'left'],
          rows: n.rooms.map((r) => [r.code, { fen: r.owed_fen }, r.years.map((y) => y.year).join('、')]),
          nowrap: [0],
          empty: '无欠费房号。',
        },
        3,
      ),
    ),
    closing(postingHtml(n, `如已缴纳仍在名单中，请持收据与收费记账人${who(n.signatures.collector)}核对；其他疑问请向监督人${who(n.signatures.supervisor)}反映。`), signatureBlock(n)),
  ];
  return page(title, body.join('\n'));
}
