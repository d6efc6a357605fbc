/** The disclosure as text tables for the terminal (cli-table3; CJK text aligned by display width). */
import type { Disclosure } from '../disclosure.js';
import { cellText, disclosureDoc, type Lang } from './sections.js';
import { textTable } from './text-table.js';

export function disclosureTable(r: Disclosure, lang: Lang): string {
  const doc = disclosureDoc(r, lang);
  const out: string[] = [doc.title, ...doc.subtitle];
  for (const s of doc.sections) {
    out.push('', s.title);
    if (s.rows.length === 0 && s.empty) out.push(s.empty);
    else {
      // Terminals are narrow: a column with nothing in it (e.g. no notes) is left out here.
      const rows = s.rows.map((row) => row.map(cellText));
      const keep = s.head.map((_, j) => rows.some((row) => row[j] !== ''));
      const pick = <T>(xs: T[]) => xs.filter((_, j) => keep[j]);
      out.push(textTable(pick(s.head), rows.map(pick), pick(s.align)));
    }
  }
  out.push('', ...doc.notes.map((n) => `* ${n}`), '');
  out.push(doc.signatures.map((s) => `${s.role}${lang === 'zh' ? '：' : ': '}${s.names}`).join(lang === 'zh' ? '　' : '   '));
  out.push(doc.dateLine);
  return out.join('\n');
}
