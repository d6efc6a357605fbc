/** The disclosure as Markdown (GitHub tables), e.g. for a group chat or a wiki page. */
import type { Disclosure } from '../disclosure.js';
import { cellText, disclosureDoc, type Lang } from './sections.js';

/**
 * Text from the ledger as inert Markdown: HTML is escaped (a payee named `<script>` is shown,
 * never run, by a wiki or chat that renders Markdown), and so are the characters that would
 * make a link, an image, emphasis or code; table cells may not hold `|` or line breaks.
 */
export const mdCell = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, ' ');

export function disclosureMarkdown(r: Disclosure, lang: Lang): string {
  const doc = disclosureDoc(r, lang);
  const out: string[] = [`# ${mdCell(doc.title)}`, '', ...doc.subtitle.map((s) => `${mdCell(s)}  `)];
  for (const s of doc.sections) {
    out.push('', `## ${mdCell(s.title)}`, '');
    if (s.rows.length === 0 && s.empty) {
      out.push(mdCell(s.empty));
      continue;
    }
    out.push(`| ${s.head.map(mdCell).join(' | ')} |`);
    out.push(`| ${s.align.map((a) => (a === 'right' ? '---:' : '---')).join(' | ')} |`);
    s.rows.forEach((row, i) => {
      const cells = row.map((c) => mdCell(cellText(c)));
      out.push(`| ${(s.totals?.includes(i) ? cells.map((c) => (c ? `**${c}**` : c)) : cells).join(' | ')} |`);
    });
  }
  out.push('', ...doc.notes.map((n) => `- ${mdCell(n)}`), '');
  out.push(doc.signatures.map((s) => `${mdCell(s.role)}${lang === 'zh' ? '：' : ': '}${mdCell(s.names)}`).join(lang === 'zh' ? '　' : ' · ') + '  ');
  out.push(mdCell(doc.dateLine), '');
  return out.join('\n');
}
