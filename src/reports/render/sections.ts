/**
 * The disclosure laid out as titled sections of rows, in one language. Every format
 * (table, csv, md, html and the bulletin-board notice) renders these same sections, so they
 * all show the same lines in the same order; a format only decides how a cell looks.
 *
 * Cells are typed: money stays integer fen until the renderer formats it (grouped for people,
 * plain `55886.00` for spreadsheets), so no renderer parses text back into numbers.
 */
import { formatFenGrouped, type Fen } from '../../domain/money.js';
import type { Disclosure, DisclosureVote, ReceiptRuns } from '../disclosure.js';

export type Lang = 'zh' | 'en';
export type Cell = string | { fen: Fen } | { count: number };

export interface Section {
  key: string;
  title: string;
  head: string[];
  align: ('left' | 'right')[];
  rows: Cell[][];
  /** Indexes of rows that are subtotals or totals. */
  totals?: number[];
  /** Shown when there are no rows. */
  empty?: string;
  /** Columns kept on one line on paper (numbers, dates, codes, names); the others may wrap. */
  nowrap?: number[];
}

export interface DisclosureDoc {
  title: string;
  /** Lines under the title: the period, the day the figures stand on. */
  subtitle: string[];
  sections: Section[];
  notes: string[];
  signatures: { role: string; names: string }[];
  dateLine: string;
}

const fen = (f: Fen): Cell => ({ fen: f });
const count = (n: number): Cell => ({ count: n });

/** A cell as people read it: money grouped with two decimals. */
export function cellText(c: Cell): string {
  if (typeof c === 'string') return c;
  if ('fen' in c) return formatFenGrouped(c.fen);
  return String(c.count);
}

/** 2022-12-31 -> 2022年12月31日. */
export const zhDate = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

const RULE_SHORT: Record<string, [string, string]> = {
  general: ['一般事项（第278条）', 'general (art. 278)'],
  special: ['特别事项（第278条）', 'special (art. 278)'],
  'simple-majority': ['全体业主过半数', 'majority of all owners'],
};

export function runsText(r: ReceiptRuns, lang: Lang): string {
  if (r.count === 0) return '';
  const dash = lang === 'zh' ? '—' : '–';
  const one = ([a, b]: [string, string]) => (a === b ? a : `${a}${dash}${b}`);
  if (r.runs.length <= 3) return r.runs.map(one).join(lang === 'zh' ? '、' : ', ');
  return lang === 'zh' ? `${r.first}${dash}${r.last}（分 ${r.runs.length} 段）` : `${r.first}${dash}${r.last} (${r.runs.length} runs)`;
}

/** The compound's name and period as the notice title: 工行小区物业管理费收支公示（2022年7月—12月）. */
export function disclosureTitle(r: Disclosure, lang: Lang): string {
  return lang === 'zh' ? `${r.compound}物业管理费收支公示（${r.caption.zh}）` : `${r.compound}: property fee accounts, ${r.caption.en}`;
}

export function disclosureDoc(r: Disclosure, lang: Lang): DisclosureDoc {
  const zh = lang === 'zh';
  const t = (z: string, e: string) => (zh ? z : e);
  const money = t('金额（元）', 'amount (yuan)');
  const Y = r.basics.fee_year;
  const d = (s: string) => (zh ? zhDate(s) : s);

  const subtitle = [
    t(`统计期间：${d(r.period.from)}至${d(r.period.to)}`, `period: ${r.period.from} to ${r.period.to}`),
  ];
  if (r.running) subtitle.push(t(`本期尚未结束，数字截至今日（${d(r.as_of)}）`, `the period has not ended: figures as of today (${r.as_of})`));

  const sections: Section[] = [];

  sections.push({
    key: 'basics',
    nowrap: [0],
    title: t('一、基本情况', '1. Basics'),
    head: [t('项目', 'item'), t('户数', 'households'), money, t('说明', 'note')],
    align: ['left', 'right', 'right', 'left'],
    rows: [
      [t('住户', 'households'), count(r.basics.households), '', t(`${Y}年度在住`, `living here in ${Y}`)],
      [t('收费标准', 'fee'), '', fen(r.basics.fee_fen), t('元/户/年', 'per household per year')],
      [t('应收', 'billed'), count(r.basics.billed.households), fen(r.basics.billed.amount_fen), t(`${Y}年度物业费`, `${Y} fees`)],
      [
        t('实收', 'paid'),
        count(r.basics.paid.households_full + r.basics.paid.households_partial),
        fen(r.basics.paid.amount_fen),
        t(
          `全额 ${r.basics.paid.households_full} 户，部分 ${r.basics.paid.households_partial} 户（截至${d(r.as_of)}）`,
          `${r.basics.paid.households_full} in full, ${r.basics.paid.households_partial} in part (as of ${r.as_of})`,
        ),
      ],
      [t('收缴率', 'collection rate'), '', '', r.basics.collection_rate],
      // 减免 of the period: how many households and how much, never who (the notice is public).
      ...(r.waivers.households > 0
        ? [[t('减免', 'waived'), count(r.waivers.households), fen(r.waivers.total_fen), t('本期减免（低保、空置等）', 'waived in the period (hardship, vacancy)')] as Cell[]]
        : []),
    ],
  });

  sections.push({
    key: 'summary',
    title: t('二、收支汇总', '2. Summary'),
    head: [t('上期结余', 'opening balance'), t('本期收入', 'income'), t('本期支出', 'expense'), t('本期结余', 'closing balance')],
    align: ['right', 'right', 'right', 'right'],
    rows: [[fen(r.opening_balance_fen), fen(r.income_total_fen), fen(r.expense_total_fen), fen(r.closing_balance_fen)]],
  });

  const income: Cell[][] = [
    [t(`物业费·本年度（${Y}年）`, `fees for ${Y}`), fen(r.income.fees_current_fen), '', ''],
    [t('物业费·往年欠费', 'fees: arrears caught up'), fen(r.income.fees_arrears_fen), '', ''],
    [t('物业费·预收以后年度', 'fees: prepaid for later years'), fen(r.income.fees_prepaid_fen), '', ''],
    ...(r.income.refunds_fen > 0 ? [[t('其中：退还预收（已扣除）', 'of which refunds paid back (deducted)'), fen(-r.income.refunds_fen), '', ''] as Cell[]] : []),
    [t('物业费小计', 'fees subtotal'), fen(r.income.fees_total_fen), runsText(r.fee_receipts, lang), count(r.fee_receipts.count)],
  ];
  const incomeTotals = [3];
  for (const c of r.other_income_by_category) {
    income.push([t(`公共收益·${c.category}`, `other income: ${c.category_en ?? c.category}`), fen(c.amount_fen), runsText(c.receipts, lang), count(c.count)]);
  }
  if (r.other_income_by_category.length > 0) {
    incomeTotals.push(income.length);
    income.push([t('公共收益小计', 'other income subtotal'), fen(r.income.other_fen), '', count(r.other_income.length)]);
  }
  incomeTotals.push(income.length);
  income.push([t('本期收入合计', 'total income'), fen(r.income_total_fen), '', count(r.fee_receipts.count + r.other_income.length)]);
  sections.push({
    key: 'income',
    title: t('三、收入', '3. Income'),
    head: [t('项目', 'item'), money, t('收据号', 'receipts'), t('张数', 'count')],
    align: ['left', 'right', 'left', 'right'],
    rows: income,
    totals: incomeTotals,
  });

  if (r.other_income.length > 0) {
    sections.push({
      key: 'other_income',
    nowrap: [0, 1, 2, 5],
      title: t('公共收益明细', 'Other income, item by item'),
      head: [t('收据号', 'receipt'), t('日期', 'date'), t('类别', 'category'), t('交款方', 'payer'), money, t('经办', 'by'), t('备注', 'note')],
      align: ['left', 'left', 'left', 'left', 'right', 'left', 'left'],
      rows: r.other_income.map((i) => [
        i.number,
        i.date,
        zh ? i.category : i.category_en ?? i.category,
        i.payer ?? '',
        fen(i.amount_fen),
        i.by,
        [i.void ? t(`作废（${i.voided_on}）`, `VOID (${i.voided_on})`) : '', i.note ?? ''].filter(Boolean).join(' '),
      ]),
    });
  }

  const expenseVoids = r.voids.filter((v) => v.line === 'expense');
  const expenseRows: Cell[][] = r.expenses.map((e) => [
    e.number,
    e.voucher ?? '',
    e.date,
    zh ? e.category : e.category_en ?? e.category,
    e.item,
    e.payee,
    fen(e.amount_fen),
    e.by,
    e.approved_by ?? '',
    e.vote ?? '',
    e.void ? t(`作废（${e.voided_on}）`, `VOID (${e.voided_on})`) : '',
  ]);
  for (const v of expenseVoids) {
    expenseRows.push([
      v.number,
      '',
      v.date,
      v.category ?? '',
      t(`红冲：${v.reason}`, `reversal: ${v.reason}`),
      '',
      fen(v.amount_fen),
      v.by,
      '',
      v.vote ?? '',
      v.earlier_period ? t(`冲销上期 ${v.original_date} 支出`, `reverses ${v.original_date}, an earlier period`) : t(`冲销 ${v.original_date} 支出`, `reverses ${v.original_date}`),
    ]);
  }
  sections.push({
    key: 'expenses',
    nowrap: [0, 1, 2, 3, 7, 8, 9],
    title: t('四、支出', '4. Expenses'),
    head: [
      t('编号', 'number'), t('凭证', 'voucher'), t('日期', 'date'), t('类别', 'category'), t('摘要', 'item'), t('收款方', 'payee'),
      money, t('经办', 'by'), t('审批', 'approved'), t('表决', 'vote'), t('备注', 'note'),
    ],
    align: ['left', 'left', 'left', 'left', 'left', 'left', 'right', 'left', 'left', 'left', 'left'],
    rows: [...expenseRows, [t('本期支出合计', 'total expense'), '', '', '', '', '', fen(r.expense_total_fen), '', '', '', '']],
    totals: [expenseRows.length],
  });

  if (r.expenses_by_category.length > 0) {
    sections.push({
      key: 'expenses_by_category',
      title: t('支出分类汇总', 'Expenses by category'),
      head: [t('类别', 'category'), t('笔数', 'count'), money],
      align: ['left', 'right', 'right'],
      rows: [
        ...r.expenses_by_category.map((c) => [zh ? c.category : c.category_en ?? c.category, count(c.count), fen(c.amount_fen)]),
        [t('合计', 'total'), count(r.expenses_by_category.reduce((n, c) => n + c.count, 0)), fen(r.expense_total_fen)],
      ],
      totals: [r.expenses_by_category.length],
    });
  }

  sections.push({
    key: 'voids',
    nowrap: [0, 1, 2, 6],
    title: t('五、作废与红冲', '5. Voids (reversals)'),
    head: [t('冲销日期', 'voided on'), t('原编号', 'number'), t('原日期', 'dated'), t('项目', 'line'), money, t('原因', 'reason'), t('经办', 'by')],
    align: ['left', 'left', 'left', 'left', 'right', 'left', 'left'],
    rows: r.voids.map((v) => [
      v.date,
      v.number,
      v.earlier_period ? t(`${v.original_date}（上期）`, `${v.original_date} (earlier)`) : v.original_date,
      v.line === 'fees'
        ? t(`物业费（${v.household ?? ''}）`, `fees (${v.household ?? ''})`)
        : v.line === 'other_income'
          ? t(`公共收益·${v.category ?? ''}`, `other income: ${v.category ?? ''}`)
          : t(`支出·${v.category ?? ''}`, `expense: ${v.category ?? ''}`),
      fen(v.amount_fen),
      v.reason,
      v.by,
    ]),
    empty: t('本期无作废。', 'No voids in this period.'),
  });

  const votes = [...r.votes, ...r.votes_opened];
  sections.push({
    key: 'votes',
    nowrap: [0],
    title: t('六、一事一议', '6. Votes'),
    head: [
      t('编号', 'vote'), t('事项', 'matter'), t('规则', 'rule'), t('参与（户/㎡）', 'took part (owners/m²)'), t('同意（户/㎡）', 'yes (owners/m²)'),
      t('结果', 'result'), t('预算（元）', 'budget'), t('已支出（元）', 'spent'),
    ],
    align: ['left', 'left', 'left', 'right', 'right', 'left', 'right', 'right'],
    rows: votes.map((v) => voteRow(v, lang)),
    empty: t('本期无表决事项。', 'No votes in this period.'),
  });

  sections.push({
    key: 'arrears',
    title: t(`七、欠费（截至${d(r.arrears.as_of)}）`, `7. Arrears (as of ${r.arrears.as_of})`),
    head: [t('项目', 'item'), t('户数', 'households'), money],
    align: ['left', 'right', 'right'],
    rows: [
      [t(`本年度（${Y}年）欠费`, `${Y} fees owed`), count(r.arrears.current_year.households), fen(r.arrears.current_year.total_fen)],
      [t('往年欠费', 'earlier years owed'), count(r.arrears.earlier_years.households), fen(r.arrears.earlier_years.total_fen)],
      [t('合计', 'total'), count(r.arrears.households), fen(r.arrears.total_fen)],
    ],
    totals: [2],
  });
  if (r.arrears.rooms.length > 0) {
    sections.push({
      key: 'arrears_rooms',
    nowrap: [0],
      title: t('欠费房号', 'Arrears by room'),
      head: [t('房号', 'room'), money, t('所欠年度', 'years owed')],
      align: ['left', 'right', 'left'],
      rows: r.arrears.rooms.map((a) => [
        a.code,
        fen(a.owed_fen),
        a.years.map((y) => (zh ? `${y.year}年 ${formatFenGrouped(y.owed_fen)}` : `${y.year}: ${formatFenGrouped(y.owed_fen)}`)).join(zh ? '；' : '; '),
      ]),
    });
  }

  sections.push({
    key: 'monthly',
    nowrap: [0],
    title: t('月度收支', 'Month by month'),
    head: [t('月份', 'month'), t('收入（元）', 'income'), t('支出（元）', 'expense')],
    align: ['left', 'right', 'right'],
    rows: r.monthly.map((m) => [zh ? `${Number(m.month.slice(0, 4))}年${Number(m.month.slice(5))}月` : m.month, fen(m.income_fen), fen(m.expense_fen)]),
  });

  const notes = [
    t(
      '本表按收付实现制编制：收入按实际收款日期、支出按实际付款日期计入；作废（红冲）按冲销日期计入当期，原记录保留并标注“作废”。',
      'Cash basis: income counts on the day received, expense on the day paid; a void counts on its own date, and the original stays listed, marked VOID.',
    ),
    t(
      `收缴率 = 实收 ÷ 应收（${Y}年度物业费，截至${d(r.as_of)}）；缴费按先欠后新的顺序抵缴，超出部分为预收。`,
      `Collection rate = paid ÷ billed (${Y} fees, as of ${r.as_of}); payments settle the oldest year first, any excess is prepaid.`,
    ),
    ...(r.head
      ? [
          t(
            `记录号 ${r.head.seq} · 校验码 ${r.head.code}（本表所依据的最新一条记录；任何人可用 ledger verify --expect ${r.head.seq}:${r.head.code} 核对此前的账目未被改动）`,
            `entry ${r.head.seq} · check code ${r.head.code} (the latest record this statement reflects; ledger verify --expect ${r.head.seq}:${r.head.code} proves the books up to it unchanged)`,
          ),
        ]
      : []),
  ];

  const roles: [keyof Disclosure['signatures'], string, string][] = [
    ['collector', '收费记账人', 'collector'],
    ['reimburser', '支出报账人', 'reimburser'],
    ['supervisor', '监督人', 'supervisor'],
    ['chair', '物管会主任', 'chair'],
  ];
  return {
    title: disclosureTitle(r, lang),
    subtitle,
    sections,
    notes,
    signatures: roles.map(([k, z, e]) => ({ role: t(z, e), names: r.signatures[k].join(zh ? '、' : ', ') })),
    dateLine: t(`${r.compound}物业管理委员会　${zhDate(r.generated_on)}`, `${r.compound} management committee, ${r.generated_on}`),
  };
}

function voteRow(v: DisclosureVote, lang: Lang): Cell[] {
  const zh = lang === 'zh';
  const tally = (x: { owners: number; area_m2: number } | undefined) =>
    x ? `${x.owners}${zh ? '户' : ''}/${x.area_m2.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}㎡` : '';
  const result = v.status === 'open' ? (zh ? '进行中' : 'open') : v.passed ? (zh ? '通过' : 'passed') : zh ? '未通过' : 'rejected';
  return [
    v.id,
    v.title,
    (RULE_SHORT[v.rule] ?? [v.rule, v.rule])[zh ? 0 : 1],
    tally(v.tally?.participated),
    tally(v.tally?.yes),
    v.closed_on ? (zh ? `${result}（${v.closed_on}）` : `${result} (${v.closed_on})`) : result,
    v.budget_fen === null ? (zh ? '无' : 'none') : { fen: v.budget_fen },
    { fen: v.spent_fen },
  ];
}
