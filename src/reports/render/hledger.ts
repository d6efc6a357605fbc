/**
 * The export as an hledger journal that `hledger check --strict` and `ledger --pedantic`
 * both accept: the commodity, every account and every tag is declared before use, and free
 * text never reaches a place where either tool would read syntax into it.
 */
import type { IsoDate } from '../../domain/dates.js';
import { formatFen, type Fen } from '../../domain/money.js';
import { alignPosting, uniqueNames, type Account, type CategoryInfo, type ExportHeader, type ExportTransaction, type JournalRenderer } from '../export.js';

const TAGS = ['seq', 'by', 'recorded', 'approved', 'voucher', 'vote', 'paper'] as const;

/**
 * Free text on the transaction line. `;` would start a comment and `|` splits payee from
 * note in hledger; line breaks and tabs would end the line. A leading `(` would read as a code.
 */
export function hledgerText(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/;/g, '；')
    .replace(/\|/g, '¦')
    .replace(/ {2,}/g, ' ')
    .trim()
    .replace(/^\(/, '（');
}

/** A tag value: hledger ends a value at a comma; a colon could start another tag. */
const tagValue = (s: string) => hledgerText(s).replace(/,/g, '，').replace(/:/g, '：');

/** An account component: a category name may hold anything; keep letters (Chinese too), digits, - _ . */
export function hledgerComponent(s: string): string {
  const c = s
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}\-_.]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return c || 'unnamed';
}

/** The amount column: integer fen written at the edge, sign first, two decimals. */
const amount = (fen: Fen) => `${formatFen(fen)} CNY`;

const posting = (account: string, fen: Fen, assertion?: Fen) => {
  const a = amount(fen);
  const line = alignPosting('    ', account, a);
  return assertion === undefined ? line : `${line} = ${amount(assertion)}`;
};

/** `20230715T020000Z`: ISO 8601 basic format, so no colon enters a comment. */
const compactInstant = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export function hledgerRenderer(): JournalRenderer {
  let income = new Map<string, string>();
  let expense = new Map<string, string>();
  const name = (a: Account): string => {
    switch (a.type) {
      case 'cash':
        return 'assets:cash';
      case 'fees':
        return `income:fees:${a.year}`;
      case 'prepaid':
        return 'income:fees:prepaid';
      case 'income':
        return `income:other:${income.get(a.category) ?? hledgerComponent(a.category)}`;
      case 'expense':
        return `expenses:${expense.get(a.category) ?? hledgerComponent(a.category)}`;
    }
  };
  const components = (cats: CategoryInfo[], line: 'income' | 'expense') => {
    const list = cats.filter((c) => c.line === line);
    const unique = uniqueNames(list, (c) => hledgerComponent(c.name));
    return new Map(list.map((c) => [c.name, unique.get(c)!]));
  };

  return {
    header(h: ExportHeader) {
      income = components(h.categories, 'income');
      expense = components(h.categories, 'expense');
      const lines = [
        `; ${hledgerText(h.compound)} · 物业费收支账本 · exported by ledger on ${h.exportedOn}`,
        '; 收付实现制 cash basis. assets = the fund (结余); income fees by fee year (prepaid = not yet billed);',
        '; income other and expenses by category. A void (作废) is a reversing transaction on its own date.',
        '; Balance assertions restate the fund as ledger computes it at the start of every half-year.',
        '',
        'commodity CNY',
        '    format 1000.00 CNY',
        '',
        ...TAGS.map((t) => `tag ${t}`),
        '',
        'account assets:cash',
        '    ; 结余 the fund',
      ];
      for (const y of h.feeYears) lines.push(`account income:fees:${y}`, `    ; ${y}年物业费 the fee for ${y}`);
      lines.push('account income:fees:prepaid', '    ; 预收 paid ahead of any bill');
      for (const c of h.categories) {
        lines.push(`account ${name({ type: c.line, category: c.name })}`);
        lines.push(`    ; ${hledgerText(c.name)}${c.name_en ? ` ${hledgerText(c.name_en)}` : ''}`);
      }
      return `${lines.join('\n')}\n`;
    },

    transaction(t: ExportTransaction) {
      const code = t.number && !t.void ? ` (${t.number.replace(/[()\s]/g, '')})` : '';
      const out = [`${t.date} *${code} ${hledgerText(t.payee) || '-'} | ${hledgerText(t.narration) || '-'}`];
      out.push(`    ; seq: ${t.seq}`, `    ; by: ${tagValue(t.recordedBy)}`, `    ; recorded: ${compactInstant(t.recordedAt)}`);
      if (t.approvedBy) out.push(`    ; approved: ${tagValue(t.approvedBy)}`);
      if (t.voucher) out.push(`    ; voucher: ${tagValue(t.voucher)}`);
      if (t.vote) out.push(`    ; vote: ${tagValue(t.vote)}`);
      if (t.paperReceipt) out.push(`    ; paper: ${tagValue(t.paperReceipt)}`);
      for (const p of t.postings) out.push(posting(name(p.account), p.amountFen));
      return `\n${out.join('\n')}\n`;
    },

    balance(date: IsoDate, balanceFen: Fen) {
      return `\n${date} 结余核对 | fund balance at the start of ${date}\n${posting('assets:cash', 0, balanceFen)}\n`;
    },
  };
}
