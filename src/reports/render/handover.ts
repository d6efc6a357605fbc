/** The handover sheet (交接清单): one function per format, text for the terminal and A4 HTML to print and sign. */
import { anchorText } from '../../domain/chain.js';
import type { HandoverSheet } from '../handover.js';
import { text, type Text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { ROLE_NAMES } from '../../domain/roles.js';
import { esc } from './html.js';

/** The sheet's lines, label and value, in the reader's language. */
function lines(s: HandoverSheet, t: (m: Text) => string): [string, string][] {
  const yuan = (f: number) => `${formatFenGrouped(f)} ${t(text('元', 'yuan'))}`;
  const rows: [string, string][] = [
    [t(text('交接事项', 'role')), t(ROLE_NAMES[s.role])],
    [t(text('交接日期', 'date')), s.date],
    [t(text('交出人', 'handed over by')), s.from],
    [t(text('接收人', 'taken over by')), s.to],
    [t(text('账面结余', 'fund by the book')), yuan(s.balance_fen)],
  ];
  if (s.cash_fen !== null) {
    rows.push([t(text('清点现金', 'cash counted')), yuan(s.cash_fen)]);
    const diff = s.difference_fen!;
    rows.push([t(text('差额', 'difference')), diff === 0 ? t(text('相符', 'agrees')) : `${diff > 0 ? '+' : ''}${yuan(diff)}`]);
  }
  rows.push(
    [t(text('最后一张收据', 'last receipt')), s.last_receipt ?? '-'],
    [t(text('最后一张支出凭证', 'last voucher')), s.last_voucher ?? '-'],
    [t(text('未结束的表决', 'open votes')), s.open_votes.length ? s.open_votes.map((v) => `${v.id} ${v.title}`).join('; ') : '-'],
    [t(text('欠费', 'arrears')), t(text(`${s.arrears.households} 户，${formatFenGrouped(s.arrears.total_fen)} 元`, `${s.arrears.households} households, ${formatFenGrouped(s.arrears.total_fen)}`))],
    [t(text('账本校验码', 'check code')), t(anchorText(s.head))],
  );
  return rows;
}

const SIGNERS: Text[] = [text('交出人', 'handed over by'), text('接收人', 'taken over by'), text('监交人', 'witness')];

export function handoverText(s: HandoverSheet, t: (m: Text) => string): string {
  const rows = lines(s, t);
  const width = Math.max(...rows.map(([k]) => [...k].length));
  return [
    t(text(`${s.compound} 交接清单`, `${s.compound}: handover sheet`)),
    ...rows.map(([k, v]) => `${k.padEnd(width + 2)}${v}`),
    '',
    SIGNERS.map((x) => `${t(x)}${t(text('：', ': '))}________`).join('    '),
  ].join('\n');
}

export function handoverHtml(s: HandoverSheet, t: (m: Text) => string, lang: 'zh' | 'en'): string {
  const rows = lines(s, t)
    .map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`)
    .join('\n');
  const sign = SIGNERS.map((x) => `<div class="sig"><span>${esc(t(x))}${esc(t(text("：", ": ")))}</span><span class="line"></span><span>${esc(t(text("日期", "date")))}${esc(t(text("：", ": ")))}</span><span class="line short"></span></div>`).join('\n');
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(s.compound)} ${esc(t(text('交接清单', 'handover sheet')))}</title>
<style>
@page { size: A4 portrait; margin: 20mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif; font-size: 12pt; color: #000; }
h1 { text-align: center; font-size: 18pt; letter-spacing: 0.2em; margin: 0 0 8mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.8pt solid #000; padding: 3mm 4mm; text-align: left; vertical-align: top; }
th { width: 40mm; background: #f4f4f4; font-weight: 600; }
.sigs { margin-top: 18mm; display: flex; flex-direction: column; gap: 12mm; }
.sig { display: flex; align-items: flex-end; gap: 3mm; }
.line { display: inline-block; border-bottom: 0.8pt solid #000; width: 60mm; height: 8mm; }
.line.short { width: 35mm; }
</style></head><body>
<h1>${esc(s.compound)} ${esc(t(text('交接清单', 'handover sheet')))}</h1>
<table>
${rows}
</table>
<div class="sigs">
${sign}
</div>
</body></html>
`;
}
