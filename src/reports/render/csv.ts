/**
 * The disclosure as one CSV sheet for Excel and WPS: UTF-8 with a BOM (without it Excel on
 * Chinese Windows reads the file as GBK), CRLF line ends, money as plain numbers with two
 * decimals and no thousands separators (`55886.00`), income positive, voids negative.
 *
 * No cell is run as a formula: a TEXT cell starting with `=`, `+`, `-`, `@`, tab or CR gets a
 * leading `'`, which spreadsheets show as text and people still read (`'=SUM(A1)`). Money
 * cells are numbers and stay numbers, so `-500.00` remains a negative amount.
 */
import { formatFen } from '../../domain/money.js';
import type { Disclosure } from '../disclosure.js';
import { disclosureDoc, type Cell, type Lang } from './sections.js';

const BOM = '\uFEFF';

/** Text that a spreadsheet would treat as a formula, neutralised by a leading apostrophe. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvCell(c: Cell): string {
  if (typeof c === 'string') return quote(neutralise(c));
  if ('fen' in c) return formatFen(c.fen);
  return String(c.count);
}

export function csvLine(cells: Cell[]): string {
  return cells.map(csvCell).join(',');
}

export function disclosureCsv(r: Disclosure, lang: Lang): string {
  const doc = disclosureDoc(r, lang);
  const lines: string[] = [csvLine([doc.title]), ...doc.subtitle.map((s) => csvLine([s]))];
  for (const s of doc.sections) {
    lines.push('', csvLine([s.title]), csvLine(s.head));
    if (s.rows.length === 0 && s.empty) lines.push(csvLine([s.empty]));
    for (const row of s.rows) lines.push(csvLine(row));
  }
  lines.push('', ...doc.notes.map((n) => csvLine([n])), '');
  for (const sig of doc.signatures) lines.push(csvLine([sig.role, sig.names]));
  lines.push(csvLine([doc.dateLine]));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
