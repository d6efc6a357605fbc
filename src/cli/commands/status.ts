import type { Command } from 'commander';
import { text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { statusReport, type Status } from '../../reports/status.js';
import type { Cli } from '../runtime.js';

export function registerStatus(program: Command, cli: Cli): void {
  program
    .command('status')
    .description("the fund, this year's collection rate, open votes and arrears at a glance · 概况")
    .action(async () => {
      const s = await statusReport(await cli.ledger(), cli.now);
      cli.emit(s, (x) => statusText(x, cli));
    });
}

function statusText(s: Status, cli: Cli): string {
  const y = formatFenGrouped;
  const t = (zh: string, en: string) => cli.t(text(zh, en));
  const c = s.collection;
  const lines = [
    t(`${s.compound}　截至 ${s.today}`, `${s.compound}, as of ${s.today}`),
    t(`结余：${y(s.balance_fen)} 元`, `fund balance: ${y(s.balance_fen)}`),
    t(
      `本半年（${s.this_half.label}）：收入 ${y(s.this_half.income_fen)} 元，支出 ${y(s.this_half.expense_fen)} 元`,
      `this half-year (${s.this_half.label}): income ${y(s.this_half.income_fen)}, expense ${y(s.this_half.expense_fen)}`,
    ),
    t(
      `${c.year}年收缴率：${c.collection_rate}（应收 ${c.billed.households} 户 ${y(c.billed.amount_fen)} 元，实收 ${y(c.paid.amount_fen)} 元；全额 ${c.paid.households_full} 户，部分 ${c.paid.households_partial} 户）`,
      `${c.year} collection rate: ${c.collection_rate} (billed ${c.billed.households} households, ${y(c.billed.amount_fen)}; paid ${y(c.paid.amount_fen)}; ${c.paid.households_full} in full, ${c.paid.households_partial} in part)`,
    ),
    t(
      `欠费：${s.arrears.households} 户，${y(s.arrears.total_fen)} 元（本年 ${y(s.arrears.current_year_fen)}，往年 ${y(s.arrears.earlier_years_fen)}）`,
      `arrears: ${s.arrears.households} households, ${y(s.arrears.total_fen)} (this year ${y(s.arrears.current_year_fen)}, earlier ${y(s.arrears.earlier_years_fen)})`,
    ),
  ];
  if (s.open_votes.length === 0) lines.push(t('进行中的表决：无', 'open votes: none'));
  else {
    lines.push(t(`进行中的表决：${s.open_votes.length} 项`, `open votes: ${s.open_votes.length}`));
    for (const v of s.open_votes) {
      lines.push(
        t(
          `  ${v.id} ${v.title}${v.budget_fen === null ? '' : `（预算 ${y(v.budget_fen)} 元）`}，已投票 ${v.participated_owners}/${v.eligible_owners} 人${v.closes_on ? `，${v.closes_on} 截止` : ''}`,
          `  ${v.id} ${v.title}${v.budget_fen === null ? '' : ` (budget ${y(v.budget_fen)})`}, ${v.participated_owners}/${v.eligible_owners} owners voted${v.closes_on ? `, closes ${v.closes_on}` : ''}`,
        ),
      );
    }
  }
  lines.push(
    t(
      `本年最新收据 ${s.last_receipt ?? '—'}，本年最新支出 ${s.last_expense ?? '—'}${s.locked_through ? `；已结账至 ${s.locked_through}` : ''}`,
      `this year's last receipt ${s.last_receipt ?? '-'}, last expense ${s.last_expense ?? '-'}${s.locked_through ? `; locked through ${s.locked_through}` : ''}`,
    ),
  );
  return lines.join('\n');
}
