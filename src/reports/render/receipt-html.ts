/**
 * Receipts to print (收据), the standard 三联 form: one A4 sheet per receipt, cut into three
 * identical parts — 存根联 (kept in the book), 收据联 (handed to the payer) and 记账联 (filed
 * with the accounts) — each with the compound, number, date, room and payer, what the money
 * covers, the amount in figures and in capitals (大写), the method, the collector (收款人)
 * with a box to sign, and the check code of the entry. A void receipt is stamped 作废 on every
 * part. Self-contained HTML: no script, font or image from anywhere.
 *
 * Every field is its own cell: nothing relies on spaces in the text (HTML collapses them,
 * which once printed `R2025-0051 日期` for a number and a date meant to stand apart).
 */
import { chineseCapitals, formatFenGrouped } from '../../domain/money.js';
import { paymentMethodName } from '../../domain/payment-methods.js';
import type { Receipt } from '../receipt.js';
import { esc, FONT_STACK } from './html.js';

/** The three parts, top to bottom, as they are cut apart. */
const PARTS: readonly { no: string; name: string; note: string }[] = [
  { no: '第一联', name: '存根联', note: '收款单位留存' },
  { no: '第二联', name: '收据联', note: '交付款人' },
  { no: '第三联', name: '记账联', note: '记账凭证' },
];

/** What the money covers: the fee years it pays, any prepayment, or the income's category. */
export function receiptCovers(r: Receipt): string {
  if (r.kind === 'income') return r.category?.zh ?? '其他收入';
  const years = r.allocations.map((a) => `${a.year}年物业管理费 ${formatFenGrouped(a.amount_fen)}元`);
  const allocated = r.allocations.reduce((s, a) => s + a.amount_fen, 0);
  if (r.amount_fen > allocated) years.push(`预收物业管理费 ${formatFenGrouped(r.amount_fen - allocated)}元`);
  return years.length > 0 ? years.join('；') : '物业管理费';
}

/** `记录号 566 · 校验码 68801b48511d356a`, or blanks to fill in where the entry has none yet. */
function checkLine(r: Receipt): string {
  if (r.seq != null && r.code) return `记录号 <b>${esc(String(r.seq))}</b> · 校验码 <b class="code">${esc(r.code)}</b>`;
  return '记录号 <span class="blank s"></span> · 校验码 <span class="blank"></span>';
}

function partHtml(r: Receipt, part: (typeof PARTS)[number]): string {
  const payerLabel = r.kind === 'collection' ? '业主' : '交款人';
  const payer = r.kind === 'collection' ? (r.owner ?? '') : (r.payer ?? '');
  // A long note is cut at three lines on paper (the ledger keeps it whole): the part's height is fixed.
  const note = r.note
    ? `<tr><th>备注</th><td colspan="3"><div class="clamp${r.note.length > 60 ? ' small' : ''}">${esc(r.note)}</div></td></tr>`
    : '';
  const voided = r.void
    ? `<tr class="voidline"><th>作废</th><td colspan="3">${esc(r.void.date)} 作废，原因：${esc(r.void.reason)}（${esc(r.void.by)}）</td></tr>`
    : '';
  return `<section class="part${r.void ? ' is-void' : ''}">
<div class="side"><span>${part.no}</span><span class="name">${part.name}</span><span class="note">${part.note}</span></div>
<div class="body">
<header>
<span class="no">No. <b>${esc(r.number)}</b></span>
<h1>${esc(r.compound)} 收款收据${r.void ? '<span class="tag">（作废）</span>' : ''}</h1>
<span class="date">日期：<b>${esc(r.date)}</b></span>
</header>
<table>
<colgroup><col class="k"><col class="v"><col class="k"><col class="v"></colgroup>
<tr><th>房号</th><td class="room">${esc(r.household ?? '—')}</td><th>${payerLabel}</th><td>${esc(payer)}</td></tr>
<tr><th>收款项目</th><td colspan="3">${esc(receiptCovers(r))}</td></tr>
<tr><th>金额（大写）</th><td class="caps">人民币${esc(chineseCapitals(r.amount_fen))}</td><th>（小写）</th><td class="num">¥${esc(formatFenGrouped(r.amount_fen))}</td></tr>
<tr><th>付款方式</th><td>${esc(r.method ? paymentMethodName(r.method, 'zh') : '—')}</td><th>原收据号</th><td>${esc(r.paper_receipt ?? '—')}</td></tr>
${note}${voided}</table>
<div class="signs">
<div class="sign"><span>收款人</span><span class="who">${esc(r.recorded_by)}</span><span class="box" title="签字"></span></div>
<div class="sign"><span>收款单位（盖章）</span><span class="box wide"></span></div>
</div>
<p class="check">${checkLine(r)}</p>
</div>
${r.void ? '<div class="stamp">作&#8201;废</div>' : ''}
</section>`;
}

function sheetHtml(r: Receipt): string {
  return `<article class="sheet">
${PARTS.map((p) => partHtml(r, p)).join('\n<div class="cut">沿虚线剪开</div>\n')}
</article>`;
}

const CSS = `
@page { size: A4 portrait; margin: 8mm 10mm; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; }
body { font-family: ${FONT_STACK}; font-size: 10.5pt; color: #000; }
.sheet { width: 190mm; height: 279mm; margin: 0 auto; display: flex; flex-direction: column; justify-content: space-between; break-after: page; page-break-after: always; }
.sheet:last-child { break-after: auto; page-break-after: auto; }
.part { position: relative; height: 88mm; display: flex; border: 0.8pt solid #000; break-inside: avoid; overflow: hidden; }
.side { width: 9mm; border-right: 0.6pt solid #000; writing-mode: vertical-rl; text-orientation: upright; display: flex; justify-content: center; align-items: center; gap: 2mm; font-size: 9pt; letter-spacing: 0.1em; background: #f4f4f4; }
.side .name { font-weight: 700; font-size: 11pt; }
.side .note { font-size: 8pt; }
.body { flex: 1; padding: 2.5mm 4mm 1.5mm; display: flex; flex-direction: column; }
header { display: grid; grid-template-columns: 1fr auto 1fr; align-items: baseline; gap: 3mm; margin-bottom: 2mm; font-size: 10pt; }
header .date { text-align: right; white-space: nowrap; }
header .no { white-space: nowrap; }
header .no b { color: #c00; font-size: 11.5pt; letter-spacing: 0.05em; }
h1 { font-size: 14pt; letter-spacing: 0.15em; margin: 0; text-align: center; }
h1 .tag { color: #c00; letter-spacing: 0; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
col.k { width: 24mm; }
th, td { border: 0.6pt solid #000; padding: 1.1mm 2mm; text-align: left; vertical-align: middle; overflow-wrap: anywhere; }
th { font-weight: 600; background: #f4f4f4; white-space: nowrap; }
td.num { font-size: 12pt; font-weight: 700; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.caps { font-weight: 700; letter-spacing: 0.05em; }
td.room { font-weight: 700; white-space: nowrap; }
tr.voidline td, tr.voidline th { color: #c00; }
.clamp { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; line-clamp: 2; overflow: hidden; }
.clamp.small { font-size: 8.5pt; line-height: 1.25; -webkit-line-clamp: 3; line-clamp: 3; }
.signs { display: flex; justify-content: space-between; align-items: flex-end; margin-top: auto; padding-top: 2mm; }
.sign { display: flex; align-items: flex-end; gap: 2mm; white-space: nowrap; }
.sign .who { font-weight: 600; }
.sign .box { display: inline-block; width: 30mm; height: 10mm; border: 0.6pt solid #000; }
.sign .box.wide { width: 34mm; height: 12mm; border-style: dashed; }
.check { margin: 1.5mm 0 0; font-size: 8.5pt; color: #222; }
.check .code { font-family: "DejaVu Sans Mono", Consolas, monospace; letter-spacing: 0.03em; }
.check .blank { display: inline-block; width: 40mm; border-bottom: 0.6pt solid #000; }
.check .blank.s { width: 14mm; }
.cut { text-align: center; font-size: 7pt; color: #666; border-top: 0.8pt dashed #666; line-height: 1; padding-top: 0.5mm; height: 3mm; }
.stamp { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%) rotate(-18deg); color: rgba(204, 0, 0, 0.75); border: 2.2mm double rgba(204, 0, 0, 0.75); border-radius: 3mm; font-size: 40pt; font-weight: 800; letter-spacing: 0.4em; padding: 1mm 4mm 1mm 8mm; pointer-events: none; }
@media screen { body { background: #ddd; } .sheet { background: #fff; margin: 6mm auto; padding: 0; box-shadow: 0 0 3mm #999; } }
`;

/** Receipts ready to print, one A4 sheet (three parts) each. */
export function receiptsHtml(receipts: readonly Receipt[]): string {
  const first = receipts[0]!;
  const last = receipts[receipts.length - 1]!;
  const title = receipts.length === 1 ? `${first.compound} 收据 ${first.number}` : `${first.compound} 收据 ${first.number}—${last.number}`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>${CSS}</style></head>
<body>
${receipts.map(sheetHtml).join('\n')}
</body></html>
`;
}
