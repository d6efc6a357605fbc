/**
 * The export as a beancount file that `bean-check` accepts. Beancount account components
 * must start with a capital letter or a digit and hold only letters, digits and `-`, so a
 * category is named by its English name (保洁 -> `Expenses:Cleaning`); one without an English
 * name by its code points (`X-4FDD-6D01`). The Chinese name stays in the account's metadata
 * and in the narration.
 */
import type { IsoDate } from '../../domain/dates.js';
import { formatFen, type Fen } from '../../domain/money.js';
import { alignPosting, uniqueNames, type Account, type CategoryInfo, type ExportHeader, type ExportTransaction, type JournalRenderer } from '../export.js';

/** A double-quoted beancount string: backslash and quote escaped, no line breaks. */
export function beancountString(s: string): string {
  const clean = s
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return `"${clean.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `ev-charging` -> `Ev-Charging`; `保洁` (no English name) -> `X-4FDD-6D01`. */
export function beancountComponent(name: string, nameEn: string | null): string {
  const words = (nameEn ?? '').normalize('NFKD').match(/[A-Za-z0-9]+/g) ?? [];
  if (words.length > 0) return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('-');
  const points = [...name].map((ch) => ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'));
  return points.length > 0 ? `X-${points.join('-')}` : 'Unnamed';
}

/** A link ties a void to what it voids: `^R2022-0001`. Links allow letters, digits, - _ / . */
const link = (number: string) => `^${number.replace(/[^A-Za-z0-9\-_/.]/g, '-')}`;

const amount = (fen: Fen) => `${formatFen(fen)} CNY`;
const posting = (account: string, fen: Fen) => {
  const a = amount(fen);
  return alignPosting('  ', account, a);
};

export function beancountRenderer(): JournalRenderer {
  let income = new Map<string, string>();
  let expense = new Map<string, string>();
  const name = (a: Account): string => {
    switch (a.type) {
      case 'cash':
        return 'Assets:Cash';
      case 'fees':
        return `Income:Fees:${a.year}`;
      case 'prepaid':
        return 'Income:Fees:Prepaid';
      case 'income':
        return `Income:Other:${income.get(a.category) ?? beancountComponent(a.category, null)}`;
      case 'expense':
        return `Expenses:${expense.get(a.category) ?? beancountComponent(a.category, null)}`;
    }
  };
  const components = (cats: CategoryInfo[], line: 'income' | 'expense') => {
    const list = cats.filter((c) => c.line === line);
    const unique = uniqueNames(list, (c) => beancountComponent(c.name, c.name_en));
    return new Map(list.map((c) => [c.name, unique.get(c)!]));
  };

  return {
    header(h: ExportHeader) {
      income = components(h.categories, 'income');
      expense = components(h.categories, 'expense');
      const open = h.firstDate ?? h.exportedOn;
      const lines = [
        `; ${h.compound.replace(/[\r\n]+/g, ' ')} · 物业费收支账本 · exported by ledger on ${h.exportedOn}`,
        '; 收付实现制 cash basis: Assets:Cash is the fund (结余); Income:Fees by fee year (Prepaid: not yet billed);',
        '; Income:Other and Expenses by category. A void (作废) is a reversing transaction on its own date, linked to',
        '; what it voids. Balance assertions restate the fund as ledger computes it at the start of every half-year.',
        '',
        `option "title" ${beancountString(h.compound || 'ledger')}`,
        'option "operating_currency" "CNY"',
        '',
        `${open} commodity CNY`,
        `${open} open Assets:Cash CNY`,
        `  name: ${beancountString('结余 the fund')}`,
      ];
      for (const y of h.feeYears) lines.push(`${open} open Income:Fees:${y} CNY`, `  name: ${beancountString(`${y}年物业费 the fee for ${y}`)}`);
      lines.push(`${open} open Income:Fees:Prepaid CNY`, `  name: ${beancountString('预收 paid ahead of any bill')}`);
      for (const c of h.categories) {
        lines.push(`${open} open ${name({ type: c.line, category: c.name })} CNY`);
        lines.push(`  name: ${beancountString(c.name)}`);
        if (c.name_en) lines.push(`  name-en: ${beancountString(c.name_en)}`);
      }
      return `${lines.join('\n')}\n`;
    },

    transaction(t: ExportTransaction) {
      const narration = t.number && !t.void ? `${t.number} ${t.narration}` : t.narration;
      const links = t.number ? ` ${link(t.number)}` : '';
      const out = [`${t.date} * ${beancountString(t.payee)} ${beancountString(narration)}${links}`];
      out.push(`  seq: ${t.seq}`, `  by: ${beancountString(t.recordedBy)}`, `  recorded: ${beancountString(t.recordedAt)}`);
      if (t.approvedBy) out.push(`  approved: ${beancountString(t.approvedBy)}`);
      if (t.voucher) out.push(`  voucher: ${beancountString(t.voucher)}`);
      if (t.vote) out.push(`  vote: ${beancountString(t.vote)}`);
      if (t.paperReceipt) out.push(`  paper: ${beancountString(t.paperReceipt)}`);
      for (const p of t.postings) out.push(posting(name(p.account), p.amountFen));
      return `\n${out.join('\n')}\n`;
    },

    balance(date: IsoDate, balanceFen: Fen) {
      return `\n${date} balance Assets:Cash ${amount(balanceFen)}\n`;
    },
  };
}
