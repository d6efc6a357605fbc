import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { yearOf } from '../../domain/dates.js';
import { InputError, RuleError, text } from '../../domain/errors.js';
import { FEE_BASIS_NAMES } from '../../domain/fees.js';
import { formatFen, formatFenGrouped, parseAmount } from '../../domain/money.js';
import { yearField } from '../../import/fields.js';
import { budgetReport, type BudgetReport } from '../../reports/budget.js';
import { householdsLivingCount } from '../../db/report-repo.js';
import type { Cli } from '../runtime.js';

/** An amount of 0 or more: `--reserve 0` holds no reserve. */
const reserveField = z.string().transform((raw, ctx) => {
  // ¥ ￥ 元, written as \u escapes (see test/cli/code-cache.test.ts: the bundle stays ASCII).
  if (/^\s*[\u00a5\uffe5]?\s*0+(?:\.0{1,2})?\s*(?:\u5143)?\s*$/.test(raw)) return 0;
  const fen = parseAmount(raw);
  if (fen === null) {
    const t = text(
      `储备金“${raw}”不是有效金额（应为 0 或以上，最多两位小数，如 10000 或 0）`,
      `reserve "${raw}" is not a valid amount (0 or more, at most two decimals, e.g. 10000 or 0)`,
    );
    ctx.issues.push({ code: 'custom', message: t.en, input: raw, params: { text: t } });
    return z.NEVER;
  }
  return fen;
});

export function registerBudget(program: Command, cli: Cli): void {
  program
    .command('budget <year>')
    .description("a proposal for YEAR's fee from last year's figures, with its working and the rate by area · 下年度物业费测算")
    .option('--reserve <amount>', 'the reserve (储备金) the fund should hold at the end of the year (default: three months of recurring expense; 0 for none); the fee never leaves the fund below it')
    .action(async (year, raw) => {
      const o = cli.parse(z.object({ year: yearField, reserve: reserveField.optional() }), { year, reserve: raw.reserve });
      if (o.year - 1 > yearOf(cli.today)) {
        throw new InputError(text(`${o.year - 1}年尚未开始，无法测算${o.year}年的物业费`, `${o.year - 1} has not begun; there is nothing to base ${o.year}'s fee on`));
      }
      const ledger = await cli.ledger();
      if ((await householdsLivingCount(ledger, o.year)) === 0) {
        throw new RuleError(text(`${o.year}年没有在住住户，无法测算`, `no households live here in ${o.year}; nothing to divide the costs by`));
      }
      const r = await budgetReport(ledger, o.year, o.reserve ?? null, cli.now);
      cli.emit(r, (b) => budgetText(b, cli.lang));
    });
}

const y = formatFenGrouped;

/** A rate with its unit: `500.00 元/户/年`, `0.56 元/㎡/月`; in English `500.00 per household per year`. */
function rateWith(fen: number, per: BudgetReport['basis_fee_per'], zh: boolean): string {
  return zh ? `${y(fen)} ${FEE_BASIS_NAMES[per].zh}` : `${y(fen)} ${FEE_BASIS_NAMES[per].en}`;
}

/** The working, line by line, so the committee can check every step by hand. */
export function budgetText(b: BudgetReport, lang: 'zh' | 'en'): string {
  const zh = lang === 'zh';
  const L: string[] = [];
  const working = b.working.map((w) => (zh ? w.zh : w.en));
  const a = b.per_area;
  const set = b.year_fee_set_fen !== null && b.year_fee_set_per !== null ? b.year_fee_set_fen : null;
  const change = b.change_fen;
  const unit = b.basis_fee_per === 'household' ? (zh ? '元' : '') : zh ? '元/㎡/月' : ' per m² per month';
  if (zh) {
    L.push(`${b.compound} ${b.year}年物业费测算（依据${b.basis_year}年收支）`);
    if (b.basis_incomplete) L.push(`注意：${b.basis_year}年尚未结束：收支数字截至 ${b.figures_to}，结余和收缴率截至 ${b.as_of}。`);
    L.push('', ...working, '');
    L.push(
      `建议 ${b.year} 年物业费：每户每年 ${y(b.fee_fen)} 元${a ? `，或按面积每月每平方米 ${a.rate} 元` : ''}（${b.basis_year}年为 ${rateWith(b.basis_fee_fen, b.basis_fee_per, true)}${set !== null ? `；${b.year}年已定 ${rateWith(set, b.year_fee_set_per!, true)}` : ''}）`,
    );
    if (change !== null) L.push(change > 0 ? `比${b.basis_year}年上调 ${formatFen(change)} ${unit}。` : change < 0 ? `比${b.basis_year}年下调 ${formatFen(-change)} ${unit}。` : `与${b.basis_year}年持平。`);
    L.push(`按此标准和上年收缴率，预计可收 ${y(b.expected_fen)} 元，${b.year}年末结余约 ${y(b.year_end.closing_fen)} 元（储备金 ${y(b.reserve.target_fen)} 元）。`);
    if (b.reserve_floor.fee_fen < b.fee_fen) {
      L.push(
        `上年结余高出储备金 ${y(b.reserve.surplus_fen)} 元。如物管会决定动用这部分结余，物业费最低可为每户每年 ${y(b.reserve_floor.fee_fen)} 元（年末结余约 ${y(b.reserve_floor.closing_fen)} 元，仍不低于储备金）${b.reserve_floor.fee_fen > 0 ? '；再低就会使基金年末低于储备金' : ''}。`,
      );
    }
    L.push('');
    L.push(`一事一议专项支出（单列，不计入测算基数）：${y(b.one_off.total_fen)} 元`);
    for (const v of b.one_off.votes) L.push(`   ${v.id} ${v.title}：${y(v.amount_fen)} 元`);
  } else {
    L.push(`${b.compound}: proposed fee for ${b.year} (from ${b.basis_year}'s figures)`);
    if (b.basis_incomplete) L.push(`note: ${b.basis_year} has not ended: income and expense to ${b.figures_to}, balance and collection rate as of ${b.as_of}.`);
    L.push('', ...working, '');
    L.push(
      `proposed fee for ${b.year}: ${y(b.fee_fen)} per household per year${a ? `, or by area ${a.rate} per m² per month` : ''} (${b.basis_year}: ${rateWith(b.basis_fee_fen, b.basis_fee_per, false)}${set !== null ? `; already set for ${b.year}: ${rateWith(set, b.year_fee_set_per!, false)}` : ''})`,
    );
    if (change !== null) L.push(change > 0 ? `up ${formatFen(change)}${unit} on ${b.basis_year}.` : change < 0 ? `down ${formatFen(-change)}${unit} on ${b.basis_year}.` : `the same as ${b.basis_year}.`);
    L.push(`at last year's rate it brings in ${y(b.expected_fen)}, leaving about ${y(b.year_end.closing_fen)} at the end of ${b.year} (reserve ${y(b.reserve.target_fen)}).`);
    if (b.reserve_floor.fee_fen < b.fee_fen) {
      L.push(
        `the balance carried is ${y(b.reserve.surplus_fen)} above the reserve. If the committee decides to spend it, the fee could go as low as ${y(b.reserve_floor.fee_fen)} per household (about ${y(b.reserve_floor.closing_fen)} left at the end of the year, still at or above the reserve)${b.reserve_floor.fee_fen > 0 ? '; any lower would leave the fund below the reserve' : ''}.`,
      );
    }
    L.push('');
    L.push(`one-off spending under votes (shown apart, not in the base): ${y(b.one_off.total_fen)}`);
    for (const v of b.one_off.votes) L.push(`   ${v.id} ${v.title}: ${y(v.amount_fen)}`);
  }
  return L.join('\n');
}
