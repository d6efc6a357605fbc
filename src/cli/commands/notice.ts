import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { dateField, label } from '../../import/fields.js';
import { arrearsNotice, DEFAULT_POSTING_DAYS, reportNotice, voteNotice } from '../../reports/notice.js';
import { arrearsNoticeHtml, arrearsNoticeTitle, reportNoticeHtml, reportNoticeTitle, voteNoticeHtml, voteNoticeTitle } from '../../reports/render/notice-html.js';
import type { Cli } from '../runtime.js';
import { outField, periodFromOptions } from './report.js';
import { writeFileAtomic } from '../../io/write-file-atomic.js';
import { voteIdField } from './spend.js';

const daysField = z.string().transform((s, ctx) => {
  const n = /^\d{1,3}$/.test(s.trim()) ? Number(s.trim()) : 0;
  if (n < 1 || n > 365) {
    ctx.issues.push({ code: 'custom', message: '', input: s, params: { text: text(`公示天数“${s}”应为 1 到 365 的整数`, `posting days "${s}" must be a whole number from 1 to 365`) } });
    return z.NEVER;
  }
  return n;
});

const common = z.object({ out: outField, days: daysField.optional() });

/**
 * Writes the notice to --out (or prints the HTML) and says where it went. Notices are in
 * Chinese whatever --lang says: they go on the compound's bulletin board.
 */
function deliver(cli: Cli, html: string, title: string, out: string | undefined, extra: Record<string, unknown>): void {
  if (!out) {
    cli.io.stdout(html);
    return;
  }
  writeFileAtomic(out, html);
  cli.emit({ out, title, ...extra }, (d) => cli.t(text(`已生成公示《${d.title}》：${d.out}`, `wrote the notice "${d.title}" to ${d.out}`)));
}

export function registerNotice(program: Command, cli: Cli): void {
  const notice = program.command('notice').description('print-ready A4 notices for the bulletin board (HTML, in Chinese) · 公示');

  notice
    .command('report')
    .description('the half-year disclosure as a notice, with a chart of monthly income and expense')
    .option('--half [period]', 'the half-year, e.g. 2022H2 (bare or absent: the last completed one)')
    .option('--year <year>', 'a calendar year instead')
    .option('--from <date>', 'or any period: first day (with --to)')
    .option('--to <date>', 'last day')
    .option('--out <file>', 'the HTML file to write (else standard output)')
    .option('--days <n>', `days on the board (公示期), default ${DEFAULT_POSTING_DAYS}`)
    .action(async (raw) => {
      const o = cli.parse(common, { out: raw.out, days: raw.days });
      const period = periodFromOptions(cli, raw);
      const n = await reportNotice(await cli.ledger(), period, cli.now, o.days);
      deliver(cli, reportNoticeHtml(n), reportNoticeTitle(n), o.out, { period: n.disclosure.period, posting: n.posting });
    });

  notice
    .command('vote <id>')
    .description("a vote's notice: the matter and, once closed, its result and spending")
    .option('--out <file>', 'the HTML file to write (else standard output)')
    .option('--days <n>', `days on the board (公示期), default ${DEFAULT_POSTING_DAYS}`)
    .action(async (id, raw) => {
      const o = cli.parse(common.extend({ id: voteIdField }), { out: raw.out, days: raw.days, id });
      const n = await voteNotice(await cli.ledger(), o.id, cli.now, o.days);
      deliver(cli, voteNoticeHtml(n), voteNoticeTitle(n), o.out, { vote: n.vote.id, status: n.vote.status, posting: n.posting });
    });

  notice
    .command('arrears')
    .description('the rooms that owe fees, by room number (never names or phones)')
    .option('--as-of <date>', 'the day (default today)')
    .option('--out <file>', 'the HTML file to write (else standard output)')
    .option('--days <n>', `days on the board (公示期), default ${DEFAULT_POSTING_DAYS}`)
    .action(async (raw) => {
      const o = cli.parse(common.extend({ asOf: dateField(label.date, cli.today).optional() }), { out: raw.out, days: raw.days, asOf: raw.asOf });
      const n = await arrearsNotice(await cli.ledger(), o.asOf ?? cli.today, cli.now, o.days);
      deliver(cli, arrearsNoticeHtml(n), arrearsNoticeTitle(n), o.out, { as_of: n.as_of, households: n.households, total_fen: n.total_fen, posting: n.posting });
    });
}
