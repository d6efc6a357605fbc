import { anchorText } from '../../domain/chain.js';
import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { RuleError, text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { verifyLedger, type VerifyReport } from '../../app/integrity.js';
import { displayWidth } from '../../reports/export.js';
import { entryCount, progressBar } from '../progress.js';
import type { Cli } from '../runtime.js';

/** How many problems are printed; the rest are counted. */
const SHOWN = 20;

export function registerVerify(program: Command, cli: Cli): void {
  program
    .command('verify')
    .description('check the whole ledger: hash chain, numbering, allocations, voids, locks, schema · 核查账本')
    .option(
      '--expect <seq:code>',
      'an anchor printed earlier on a receipt, report or notice (记录号 SEQ · 校验码 CODE, at least 16 hex digits): the history up to it must be unchanged; may be given more than once',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .action(async (raw) => {
      const anchor = z.string().transform((s, ctx) => {
        const m = /^(\d+):([0-9a-fA-F]{16,64})$/.exec(s.trim());
        if (m) return { seq: Number(m[1]), code: m[2]!.toLowerCase() };
        const message = text(
          `--expect 应为 记录号:校验码（校验码至少 16 位十六进制），而不是“${s}”`,
          `--expect must be SEQ:CODE (the check code at least 16 hex digits), not "${s}"`,
        );
        ctx.issues.push({ code: 'custom', message: message.en, input: s, params: { text: message } });
        return z.NEVER;
      });
      const o = cli.parse(z.object({ expect: z.array(anchor) }), raw);
      const ledger = await cli.readLedger();
      const bar = progressBar(cli.io, text('核查', 'verifying'), cli.lang, await entryCount(cli, ledger));
      const report = await verifyLedger(ledger, cli.now, { expect: o.expect, onProgress: bar.update }).finally(() => bar.stop());
      cli.emit(report, (r) => verifyText(r, cli));
      if (!report.ok) {
        const [first, ...rest] = report.problems;
        const more = rest.length > SHOWN - 1 ? rest.length - (SHOWN - 1) : 0;
        const details = rest.slice(0, SHOWN - 1).map((p) => text(`error: ${p.text.zh}`, `error: ${p.text.en}`));
        if (more > 0) details.push(text(`error: 另有 ${more} 处问题（--json 列出前 100 处）`, `error: and ${more} more problem(s) (--json lists the first 100)`));
        throw new RuleError(first!.text, details);
      }
    });
}

function verifyText(r: VerifyReport, cli: Cli): string {
  if (!r.ok) {
    return cli.t(text(`账本核查未通过：发现 ${r.problems.length} 处问题（见下）`, `the ledger did NOT verify: ${r.problems.length} problem(s), listed below`));
  }
  const lines: string[] = [];
  const row = (zh: string, en: string, value: string) => {
    const label = cli.t(text(zh, en));
    lines.push(`  ${label}${' '.repeat(Math.max(1, 17 - displayWidth(label)))}${value}`);
  };
  lines.push(
    cli.t(
      text(
        '账本核查通过：哈希链完整，编号连续，分摊、作废与结账均无误，每条记录的规则与签名均已复核',
        'the ledger verifies: hash chain intact, numbering without gaps, allocations, voids and locks consistent, every rule and signature re-checked',
      ),
    ),
  );
  const kinds = Object.entries(r.kinds)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  row('记录', 'entries', `${r.entries}${kinds ? ` (${kinds})` : ''}`);
  if (r.first_date) row('日期', 'dates', `${r.first_date} … ${r.last_date}`);
  for (const s of r.numbering) row(`编号 ${s.series}`, `numbers ${s.series}`, `${s.first} … ${s.last} (${s.count})`);
  row('结余', 'fund balance', formatFenGrouped(r.balance_fen));
  row('已结账至', 'locked through', r.locked_through ?? '-');
  row('最新哈希', 'last hash', r.last_hash ?? '-');
  if (r.head) row('校验码', 'check code', cli.t(anchorText(r.head)));
  if (r.recorded_before_signatures > 0) {
    row('签名前的记录', 'before signatures', cli.t(text(`${r.recorded_before_signatures} 条（记录人当时尚无密钥；哈希链与规则照常核查）`, `${r.recorded_before_signatures} entries (their recorders had no key yet; chain and rules checked as usual)`)));
  }
  for (const w of r.warnings) lines.push(`${cli.t(text('注意', 'note'))}: ${cli.t(w)}`);
  return lines.join('\n');
}
