import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { parseDate } from '../../domain/dates.js';
import { text, type Text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { formatPercent } from '../../domain/percent.js';
import { type Threshold, type VoteOutcome, type VoteRule } from '../../domain/vote-rules.js';
import { castBallot, closeVote, importBallots, openVote, ownersByCode } from '../../app/votes.js';
import {
  CHOICE_NAMES,
  RULE_NAMES,
  budgetLeftText,
  neededFor,
  voteJson,
  voteList,
  voteState,
  type VoteState,
} from '../../reports/vote-state.js';
import { amountField, choiceField, codeField, dateField, label, nameField } from '../../import/fields.js';
import { ballotChoiceField, readBallotsCsv } from '../../import/ballots-csv.js';
import { recordSourceFor } from '../../import/xlsx.js';
import { textTable } from '../../reports/render/text-table.js';
import { progressBar } from '../progress.js';
import type { Cli } from '../runtime.js';
import { voteIdField } from './spend.js';

const ruleField = choiceField(text('表决规则', 'rule'), {
  general: ['一般', '一般事项'],
  special: ['特别', '特别事项', '重大'],
  'simple-majority': ['过半', '简单多数'],
} satisfies Record<VoteRule, string[]>);

/** The day voting ends: unlike a record's date, it may lie ahead. */
const closesField = z.string().transform((s, ctx) => {
  const d = parseDate(s);
  if (d === null) {
    const t = text(`截止日期“${s}”不是有效日期（格式 YYYY-MM-DD）`, `closing day "${s}" is not a real date (YYYY-MM-DD)`);
    ctx.issues.push({ code: 'custom', message: t.en, input: s, params: { text: t } });
    return z.NEVER;
  }
  return d;
});

export function registerVote(program: Command, cli: Cli): void {
  const vote = program.command('vote').description("owners' votes on major matters (一事一议, 民法典 第278条) · 表决");

  vote
    .command('open')
    .description('open a vote (the chair); ids V<YEAR>-<NN>')
    .requiredOption('--title <text>', 'the matter, e.g. 外墙雨水管更换')
    .option('--budget <amount>', 'the budget put to the owners (预算)')
    .option('--rule <rule>', 'general | special | simple-majority', 'general')
    .option('--closes <date>', 'last day of voting (截止日期)')
    .option('--date <date>', 'day opened (default today)')
    .action(async (raw) => {
      const o = cli.parse(
        z.object({
          title: nameField(text('事项', 'title')),
          budget: amountField(text('预算', 'budget')).optional(),
          rule: ruleField,
          closes: closesField.optional(),
          date: dateField(label.date, cli.today).default(cli.today),
        }),
        raw,
      );
      const done = await openVote(await cli.app({ write: true }), { title: o.title, budgetFen: o.budget ?? null, rule: o.rule, closesOn: o.closes ?? null, date: o.date });
      cli.emit(done, (d) =>
        [
          cli.t(text(`已发起表决 ${d.id}：${d.title}`, `opened vote ${d.id}: ${d.title}`)),
          cli.t(text(`规则：${RULE_NAMES[d.rule].zh}`, `rule: ${RULE_NAMES[d.rule].en}`)),
          d.budget_fen === null ? cli.t(text('预算：未定', 'budget: none given')) : cli.t(text(`预算：${formatFenGrouped(d.budget_fen)} 元`, `budget: ${formatFenGrouped(d.budget_fen)}`)),
          cli.t(text(`投票期：${d.opened_on} 至 ${d.closes_on ?? '（未定）'}`, `voting from ${d.opened_on} to ${d.closes_on ?? '(not set)'}`)),
          ...(d.follow_majority ? [cli.t(text('本小区议事规则：未投票业主从众（随多数）', "the compound's rules: owners who do not vote follow the majority (从众)"))] : []),
        ].join('\n'),
      );
    });

  vote
    .command('cast <id> <code> <choice>')
    .description("record the ballot of CODE's owner: yes|no|abstain (同意/反对/弃权); it covers all their units")
    .option('--date <date>', 'day of the ballot (default today)')
    .action(async (id, code, choice, raw) => {
      const o = cli.parse(
        z.object({ id: voteIdField, code: codeField, choice: ballotChoiceField, date: dateField(label.date, cli.today).default(cli.today) }),
        { ...raw, id, code, choice },
      );
      const done = await castBallot(await cli.app({ write: true }), o.id, { code: o.code, choice: o.choice }, o.date);
      cli.emit(done, (d) => {
        const c = CHOICE_NAMES[d.choice];
        const was = d.replaced ? CHOICE_NAMES[d.replaced] : null;
        return cli.t(
          text(
            `${d.vote}：${d.owner}（${d.household}）${c.zh}${was ? `（替换此前的“${was.zh}”）` : ''}`,
            `${d.vote}: ${d.owner} (${d.household}) votes ${c.en}${was ? ` (replacing an earlier ${was.en})` : ''}`,
          ),
        );
      });
    });

  vote
    .command('import <id> <file>')
    .description('ballots from CSV (UTF-8, BOM or GBK) or .xlsx: code,choice or 房号,表决 (同意/反对/弃权); all rows or none')
    .option('--date <date>', 'day the ballots were counted (default today)')
    .option('--sheet <name>', 'the sheet of an .xlsx workbook to read (default the first)')
    .action(async (id, file, raw) => {
      const o = cli.parse(z.object({ id: voteIdField, date: dateField(label.date, cli.today).default(cli.today) }), { ...raw, id });
      const app = await cli.app({ write: true });
      const ownersOf = await ownersByCode(app);
      const bar = progressBar(cli.io, text('读取表决票', 'reading ballots'), cli.lang, 0);
      const source = await recordSourceFor(file, { sheet: raw.sheet, onRead: bar.update });
      const ballots = (() => {
        try {
          return readBallotsCsv(file, ownersOf, source);
        } finally {
          bar.stop();
        }
      })();
      const done = await importBallots(app, o.id, ballots, o.date);
      cli.emit(done, (d) =>
        cli.t(
          text(
            `${d.vote}：已导入 ${d.imported} 张票（同意 ${d.yes}，反对 ${d.no}，弃权 ${d.abstain}）${d.replaced ? `，其中 ${d.replaced} 张替换此前的票` : ''}`,
            `${d.vote}: imported ${d.imported} ballots (yes ${d.yes}, no ${d.no}, abstain ${d.abstain})${d.replaced ? `; ${d.replaced} replace earlier ballots` : ''}`,
          ),
        ),
      );
    });

  vote
    .command('close <id>')
    .description('close a vote and freeze its result (the chair)')
    .option('--date <date>', 'day closed (default today)')
    .action(async (id, raw) => {
      const o = cli.parse(z.object({ id: voteIdField, date: dateField(label.date, cli.today).default(cli.today) }), { ...raw, id });
      const done = await closeVote(await cli.app({ write: true }), o.id, o.date);
      cli.emit(voteJson(done), () => voteText(done, cli));
    });

  vote
    .command('show <id>')
    .description('what passed and why: each threshold, the figure reached, met or not')
    .action(async (id) => {
      const v = await voteState(await cli.app(), cli.parse(voteIdField, id));
      cli.emit(voteJson(v), () => voteText(v, cli));
    });

  vote
    .command('list')
    .description('every vote, its result, budget and spending')
    .action(async () => {
      const votes = await voteList(await cli.app());
      cli.emit(
        votes.map((v) => ({
          id: v.id,
          title: v.title,
          rule: v.rule,
          status: v.status,
          passed: v.passed,
          opened_on: v.openedOn,
          closes_on: v.closesOn,
          closed_on: v.closedOn,
          budget_fen: v.budgetFen,
          spent_fen: v.spentFen,
        })),
        () =>
          textTable(
            [t(cli, '编号', 'id'), t(cli, '事项', 'matter'), t(cli, '规则', 'rule'), t(cli, '状态', 'status'), t(cli, '预算', 'budget'), t(cli, '已支出', 'spent')],
            votes.map((v) => [v.id, v.title, cli.t(RULE_SHORT[v.rule]), cli.t(statusText(v)), v.budgetFen === null ? '' : formatFenGrouped(v.budgetFen), formatFenGrouped(v.spentFen)]),
            ['left', 'left', 'left', 'left', 'right', 'right'],
          ) + `\n${t(cli, `共 ${votes.length} 项表决`, `${votes.length} vote(s)`)}`,
      );
    });
}

const t = (cli: Cli, zh: string, en: string) => cli.t(text(zh, en));

const RULE_SHORT: Record<VoteRule, Text> = {
  general: text('一般事项', 'general'),
  special: text('特别事项', 'special'),
  'simple-majority': text('全体过半', 'simple majority'),
};

function statusText(v: VoteState): Text {
  if (v.status === 'open') return text('投票中', 'open');
  return v.passed ? text(`${v.closedOn} 通过`, `passed ${v.closedOn}`) : text(`${v.closedOn} 未通过`, `failed ${v.closedOn}`);
}

/** Hundredths of a square metre, written like money: `9,920.03`. */
const area = (centi: number) => formatFenGrouped(centi);

function thresholdLabel(th: Threshold): Text {
  const op = th.inclusive ? '≥' : '>';
  const f = `${th.fraction[0]}/${th.fraction[1]}`;
  switch (th.key) {
    case 'quorum-owners':
      return text(`参与表决人数 ${op} 全体业主的 ${f}`, `owners taking part ${op} ${f} of all owners`);
    case 'quorum-area':
      return text(`参与表决面积 ${op} 总面积的 ${f}`, `area taking part ${op} ${f} of all area`);
    case 'yes-owners':
      return text(`同意人数 ${op} 参与表决人数的 ${f}`, `owners saying yes ${op} ${f} of owners taking part`);
    case 'yes-area':
      return text(`同意面积 ${op} 参与表决面积的 ${f}`, `area saying yes ${op} ${f} of area taking part`);
    case 'yes-all-owners':
      return text(`同意人数 ${op} 全体业主的 ${f}`, `owners saying yes ${op} ${f} of all owners`);
  }
}

function tallyTable(o: VoteOutcome, cli: Cli): string {
  const row = (label: Text, owners: number, centi: number) => [cli.t(label), owners, area(centi)];
  return textTable(
    ['', t(cli, '业主人数', 'owners'), t(cli, '面积㎡', 'area m2')],
    [
      row(text('全体业主', 'all owners'), o.eligible.owners, o.eligible.areaCenti),
      row(text('参与表决', 'taking part'), o.participated.owners, o.participated.areaCenti),
      row(text('  同意', '  yes'), o.yes.owners, o.yes.areaCenti),
      row(text('  反对', '  no'), o.no.owners, o.no.areaCenti),
      row(text('  弃权', '  abstain'), o.abstain.owners, o.abstain.areaCenti),
    ],
    ['left', 'right', 'right'],
  );
}

function thresholdTable(o: VoteOutcome, cli: Cli): string {
  return textTable(
    [t(cli, '门槛', 'threshold'), t(cli, '达到', 'reached'), t(cli, '至少需要', 'needed'), t(cli, '结果', 'result')],
    o.thresholds.map((th) => {
      const fig = (n: number) => (th.measure === 'area' ? `${area(n)}㎡` : String(n));
      return [
        cli.t(thresholdLabel(th)),
        `${fig(th.reached)} / ${fig(th.base)} (${formatPercent(th.reached, th.base)})`,
        fig(neededFor(th)),
        th.met ? t(cli, '✓ 达到', '✓ met') : t(cli, '✗ 未达到', '✗ not met'),
      ];
    }),
    ['left', 'right', 'right', 'left'],
  );
}

/** Why a tally passes or fails, in words. */
function verdict(o: VoteOutcome): Text {
  if (o.passed) return text('各项门槛均已达到', 'every threshold is met');
  if (o.participated.owners === 0) return text('无人参与表决', 'nobody took part');
  const missed = o.thresholds.filter((th) => !th.met).map(thresholdLabel);
  return text(`未达到：${missed.map((m) => m.zh).join('；')}`, `not met: ${missed.map((m) => m.en).join('; ')}`);
}

function voteText(v: VoteState, cli: Cli): string {
  const r = v.result;
  const lines = [
    `${v.id}  ${v.title}`,
    t(cli, `规则：${RULE_NAMES[v.rule].zh}`, `rule: ${RULE_NAMES[v.rule].en}`),
    t(cli, `投票期：${v.openedOn} 至 ${v.closesOn ?? '（未定）'}`, `voting from ${v.openedOn} to ${v.closesOn ?? '(not set)'}`),
    v.status === 'closed'
      ? t(cli, `状态：已于 ${v.closedOn} 结束表决，按当日房产登记计票，结果已固定`, `status: closed on ${v.closedOn}, counted over the register of that day; the result is final`)
      : t(cli, `状态：投票中（以下为截至 ${v.countedAsOf} 的票数）`, `status: open (running tally as of ${v.countedAsOf})`),
    cli.t(budgetLeftText(v)),
    '',
    tallyTable(r, cli),
    thresholdTable(r, cli),
  ];
  if (r.adjusted) {
    lines.push(
      '',
      t(
        cli,
        `从众（本小区议事规则：未投票的业主随参与表决者的多数）调整后：`,
        `adjusted under 从众 (the compound's rules: owners who did not vote follow the majority of those who did):`,
      ),
      tallyTable(r.adjusted, cli),
      thresholdTable(r.adjusted, cli),
    );
  }
  const decidingTally = r.adjusted ?? r;
  const why = cli.t(verdict(decidingTally));
  const basis = r.adjusted ? t(cli, '（以从众调整后的结果为准）', ' (decided by the adjusted tally)') : '';
  lines.push('');
  if (v.status === 'open') {
    lines.push(
      decidingTally.passed
        ? t(cli, `结论：尚未结束；按目前票数将通过${basis}`, `result: not closed yet; as it stands it would pass${basis}`)
        : t(cli, `结论：尚未结束；按目前票数不通过${basis}——${why}`, `result: not closed yet; as it stands it would fail${basis}: ${why}`),
    );
  } else {
    lines.push(
      v.passed
        ? t(cli, `结论：通过${basis}——${why}`, `result: PASSED${basis}: ${why}`)
        : t(cli, `结论：未通过${basis}——${why}`, `result: FAILED${basis}: ${why}`),
    );
  }
  return lines.join('\n');
}
