import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { logKind, logSummary, recordLog } from '../../reports/log.js';
import { textTable } from '../../reports/render/text-table.js';
import type { Cli } from '../runtime.js';

/** An ISO instant as the committee's local time, to the minute. */
function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export function registerLog(program: Command, cli: Cli): void {
  program
    .command('log')
    .description('who recorded what, and when, newest first · 操作记录')
    .option('--limit <n>', 'how many records (0: all)', '50')
    .action(async (raw) => {
      const o = cli.parse(
        z.object({
          limit: z.string().transform((s, ctx) => {
            const n = /^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : NaN;
            if (Number.isInteger(n)) return n;
            const message = text(`--limit 应为非负整数，而不是“${s}”`, `--limit must be a whole number (0 for all), not "${s}"`);
            ctx.issues.push({ code: 'custom', message: message.en, input: s, params: { text: message } });
            return z.NEVER;
          }),
        }),
        raw,
      );
      const rows = await recordLog(await cli.ledger(), o.limit);
      cli.emit(rows, (list) => {
        if (list.length === 0) return cli.t(text('账本里还没有记录', 'nothing has been recorded yet'));
        const head = [text('序号', 'seq'), text('记录时间', 'recorded'), text('经办人', 'by'), text('类型', 'what'), text('编号', 'number'), text('日期', 'date'), text('内容', 'details')];
        return textTable(
          head.map((h) => cli.t(h)),
          list.map((r) => [r.seq ?? '', localTime(r.recorded_at), r.recorded_by, cli.t(logKind(r)), r.number ?? '', r.date ?? '', cli.t(logSummary(r))]),
          ['right', 'left', 'left', 'left', 'left', 'left', 'left'],
        );
      });
    });
}
