import type { Command } from 'commander';
import { z } from 'zod';
import { yearOf } from '../../domain/dates.js';
import { InputError, RuleError, text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { amountField, yearField } from '../../import/fields.js';
import { budgetReport, type BudgetReport } from '../../reports/budget.js';
import { householdsLivingCount } from '../../db/report-repo.js';
import type { Cli } from '../runtime.js';

export function registerBudget(program: Command, cli: Cli): void {
  program
    .command('budget <year>')
    .description("a proposal for YEAR's fee from last year's figures, with its working · 下年度物业费测算")
    .option('--reserve <amount>', 'the reserve (储备金) the fund should hold; only a shortfall raises the fee')
    .action(async (year, raw) => {
      const o = cli.parse(z.object({ year: yearField, reserve: amountField(text('储备金', 'reserve')).optional() }), { year, reserve: raw.reserve });
      if (o.year - 1 > yearOf(cli.today)) {
        throw new InputError(text(`${o.year - 1}年尚未开始，无法测算${o.year}年的物业费`, `${o.year - 1} has not begun; there is nothing to base ${o.year}'s fee on`));
      }
      const ledger = cli.ledger();
      if ((await householdsLivingCount(ledger, o.year)) === 0) {
        throw new RuleError(text(`${o.year}年没有在住住户，无法测算`, `no households live here in ${o.year}; nothing to divide the costs by`));
      }
      const r = await budgetReport(ledger, o.year, o.reserve ?? 0, cli.now);
      cli.emit(r, (b) => budgetText(b, cli.lang));
    });
}

const y = formatFenGrouped;

/** The working, line by line, so the committee can check every step by hand. */
export function budgetText(b: BudgetReport, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const L: string[] = [];
  const cat = (c: { category: string; category_en: string | null; amount_fen: number; count: number }) =>
    zh ? `${c.category} ${y(c.amount_fen)}（${c.count}笔）` : `${c.category_en ?? c.category} ${y(c.amount_fen)} (${c.count})`;
  const payers = `${Math.floor(b.payers_milli / 1000)}.${String(b.payers_milli % 1000).padStart(3, '0')}`;
  if (zh) {
    L.push(`${b.compound} ${b.year}年物业费测算（依据${b.basis_year}年收支）`);
    if (b.basis_incomplete) L.push(`注意：${b.basis_year}年尚未结束，数字截至 ${b.as_of}。`);
    L.push('');
    L.push(`1. ${b.basis_year}年经常性支出（不含一事一议）：${y(b.recurring.total_fen)} 元`);
    if (b.recurring.by_category.length) L.push(`   ${b.recurring.by_category.map(cat).join('；')}`);
    if (b.recurring.months < 12) {
      L.push(`   账本始于${b.basis_year}年，上述支出只覆盖 ${b.recurring.months} 个月，按全年折算：${y(b.recurring.total_fen)} × 12 ÷ ${b.recurring.months} = ${y(b.recurring.annual_fen)} 元`);
    }
    L.push(`2. 公共收益（停车、广告等，预计持续）：${y(b.other_income.total_fen)} 元`);
    if (b.other_income.by_category.length) L.push(`   ${b.other_income.by_category.map(cat).join('；')}`);
    L.push(`3. 储备金目标 ${y(b.reserve_target_fen)} 元，上年结余 ${y(b.balance_carried_fen)} 元，需补足 ${y(b.reserve_topup_fen)} 元`);
    const base = b.recurring.months < 12 ? b.recurring.annual_fen : b.recurring.total_fen;
    L.push(`4. 需由物业费承担 = 1 + 3 − 2 = ${y(base)} + ${y(b.reserve_topup_fen)} − ${y(b.other_income.total_fen)} = ${y(b.need_fen)} 元`);
    L.push(`5. 预计缴费户数 = ${b.households} 户 × 收缴率 ${b.collection_rate}${b.collection_rate_assumed ? '（上年无收费记录，按100%计）' : `（${b.basis_year}年）`} = ${payers} 户`);
    L.push(`6. 每户每年 = ${y(b.need_fen)} ÷ ${payers} = ${y(b.exact_fee_fen)} 元，向上取整为 ${y(b.fee_fen)} 元`);
    L.push('');
    L.push(`建议 ${b.year} 年物业费：每户每年 ${y(b.fee_fen)} 元（${b.basis_year}年为 ${y(b.basis_fee_fen)} 元${b.year_fee_set_fen !== null ? `；${b.year}年已定 ${y(b.year_fee_set_fen)} 元` : ''}）`);
    L.push(`按此标准和上年收缴率，预计可收 ${y(b.expected_fen)} 元。`);
    L.push('');
    L.push(`一事一议专项支出（单列，不计入测算基数）：${y(b.one_off.total_fen)} 元`);
    for (const v of b.one_off.votes) L.push(`   ${v.id} ${v.title}：${y(v.amount_fen)} 元`);
  } else {
    L.push(`${b.compound}: proposed fee for ${b.year} (from ${b.basis_year}'s figures)`);
    if (b.basis_incomplete) L.push(`note: ${b.basis_year} has not ended; figures as of ${b.as_of}.`);
    L.push('');
    L.push(`1. recurring expenses in ${b.basis_year} (not under a vote): ${y(b.recurring.total_fen)}`);
    if (b.recurring.by_category.length) L.push(`   ${b.recurring.by_category.map(cat).join('; ')}`);
    if (b.recurring.months < 12) {
      L.push(`   the ledger began in ${b.basis_year}: these cover ${b.recurring.months} months, so a full year is ${y(b.recurring.total_fen)} × 12 ÷ ${b.recurring.months} = ${y(b.recurring.annual_fen)}`);
    }
    L.push(`2. other income (parking, advertising ..., assumed to recur): ${y(b.other_income.total_fen)}`);
    if (b.other_income.by_category.length) L.push(`   ${b.other_income.by_category.map(cat).join('; ')}`);
    L.push(`3. reserve target ${y(b.reserve_target_fen)}, balance carried ${y(b.balance_carried_fen)}, top-up ${y(b.reserve_topup_fen)}`);
    L.push(`4. to raise from fees = 1 + 3 − 2 = ${y(b.recurring.months < 12 ? b.recurring.annual_fen : b.recurring.total_fen)} + ${y(b.reserve_topup_fen)} − ${y(b.other_income.total_fen)} = ${y(b.need_fen)}`);
    L.push(`5. paying households = ${b.households} × collection rate ${b.collection_rate}${b.collection_rate_assumed ? ' (no record last year: 100% assumed)' : ''} = ${payers}`);
    L.push(`6. per household = ${y(b.need_fen)} ÷ ${payers} = ${y(b.exact_fee_fen)}, rounded up to ${y(b.fee_fen)}`);
    L.push('');
    L.push(`proposed fee for ${b.year}: ${y(b.fee_fen)} per household per year (${b.basis_year}: ${y(b.basis_fee_fen)}${b.year_fee_set_fen !== null ? `; already set for ${b.year}: ${y(b.year_fee_set_fen)}` : ''})`);
    L.push(`at last year's rate it brings in ${y(b.expected_fen)}.`);
    L.push('');
    L.push(`one-off spending under votes (shown apart, not in the base): ${y(b.one_off.total_fen)}`);
    for (const v of b.one_off.votes) L.push(`   ${v.id} ${v.title}: ${y(v.amount_fen)}`);
  }
  return L.join('\n');
}

