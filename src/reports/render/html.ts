/**
 * The disclosure as one self-contained HTML page (no scripts, fonts or images from
 * anywhere): the sections as tables. The bulletin-board notice (notice-html.ts) builds on
 * the same pieces.
 */
import type { Disclosure } from '../disclosure.js';
import { cellText, disclosureDoc, type DisclosureDoc, type Lang, type Section } from './sections.js';

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Local CJK fonts only: Noto/Source Han on Linux, YaHei/SimHei on Windows, PingFang on macOS. */
export const FONT_STACK =
  '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimHei", "WenQuanYi Micro Hei", "Noto Sans SC", sans-serif';

export const TABLE_CSS = `
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; }
th, td { border: 0.6pt solid #444; padding: 1.2mm 1.6mm; vertical-align: top; overflow-wrap: break-word; }
td.nw { white-space: nowrap; }
th { background: #eee; font-weight: 600; text-align: center; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: 700; background: #f6f6f6; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
h2 { font-size: 12pt; margin: 5mm 0 1mm; break-after: avoid; }
p.empty { margin: 1mm 0 3mm; color: #333; }
`;

export function sectionHtml(s: Section): string {
  const head = `<h2>${esc(s.title)}</h2>`;
  if (s.rows.length === 0 && s.empty) return `${head}\n<p class="empty">${esc(s.empty)}</p>`;
  const th = s.head.map((h) => `<th>${esc(h)}</th>`).join('');
  const rows = s.rows
    .map((row, i) => {
      const tds = row
        .map((c, j) => `<td${s.align[j] === 'right' ? ' class="num"' : s.nowrap?.includes(j) ? ' class="nw"' : ''}>${esc(cellText(c))}</td>`)
        .join('');
      return `<tr${s.totals?.includes(i) ? ' class="total"' : ''}>${tds}</tr>`;
    })
    .join('\n');
  return `${head}\n<table class="${esc(s.key)}"><thead><tr>${th}</tr></thead>\n<tbody>\n${rows}\n</tbody></table>`;
}

export function signaturesHtml(doc: Pick<DisclosureDoc, 'signatures' | 'dateLine'>, colon = '：'): string {
  const lines = doc.signatures
    .map((s) => `<div class="sig"><span class="role">${esc(s.role)}${colon}</span><span class="name">${esc(s.names)}</span><span class="line"></span></div>`)
    .join('\n');
  return `<div class="signatures">\n${lines}\n</div>\n<p class="dateline">${esc(doc.dateLine)}</p>`;
}

export const SIGNATURE_CSS = `
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm 10mm; margin-top: 8mm; break-inside: avoid; }
.sig { display: flex; align-items: baseline; white-space: nowrap; }
.sig .line { flex: 1; border-bottom: 0.6pt solid #000; margin-left: 2mm; min-width: 20mm; }
.dateline { text-align: right; margin-top: 6mm; }
`;

export function disclosureHtml(r: Disclosure, lang: Lang): string {
  const doc = disclosureDoc(r, lang);
  return `<!doctype html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<title>${esc(doc.title)}</title>
<style>
body { font-family: ${FONT_STACK}; font-size: 10.5pt; line-height: 1.45; color: #000; max-width: 270mm; margin: 8mm auto; padding: 0 6mm; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 2mm; }
.subtitle { text-align: center; margin: 0; }
${TABLE_CSS}${SIGNATURE_CSS}
</style></head>
<body>
<h1>${esc(doc.title)}</h1>
${doc.subtitle.map((s) => `<p class="subtitle">${esc(s)}</p>`).join('\n')}
${doc.sections.map(sectionHtml).join('\n')}
<ul class="notes">
${doc.notes.map((n) => `<li>${esc(n)}</li>`).join('\n')}
</ul>
${signaturesHtml(doc, lang === 'zh' ? '：' : ':\u00a0')}
</body></html>
`;
}
