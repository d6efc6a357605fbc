import type { Command } from 'commander';
import { text } from '../../domain/errors.js';
import { followMajoritySetting, setFollowMajority } from '../../app/votes.js';
import { choiceField } from '../../import/fields.js';
import { changeSetting, settingsOf } from '../../app/setup.js';
import type { Cli } from '../runtime.js';

const onOff = choiceField(text('开关', 'on/off'), { on: ['开', '是', 'yes', 'true'], off: ['关', '否', 'no', 'false'] });

const describe = (on: boolean) =>
  on
    ? text('从众：开（未投票的业主随参与表决者的多数；结果同时列出原始票数与调整后票数）', 'follow-majority (从众): on (owners who do not vote follow the majority; results show the raw and the adjusted tally)')
    : text('从众：关（只计实际投票）', 'follow-majority (从众): off (only ballots cast count)');

export function registerSetting(program: Command, cli: Cli): void {
  const setting = program.command('setting').description("the compound's own rules · 议事规则设置");
  setting
    .command('follow-majority [onoff]')
    .description('从众: owners who do not vote follow the majority (off by default); applies to votes opened afterwards (the chair)')
    .action(async (value) => {
      if (value === undefined) {
        const s = await followMajoritySetting(await cli.app());
        cli.emit(s, (d) => cli.t(describe(d.follow_majority)));
        return;
      }
      const on = cli.parse(onOff, value) === 'on';
      const done = await setFollowMajority(await cli.app({ write: true }), on);
      cli.emit(done, (d) => cli.t(describe(d.follow_majority)) + '\n' + cli.t(text('适用于此后发起的表决', 'applies to votes opened from now on')));
    });
  setting
    .command('prorate [onoff]')
    .description('按月折算: a household registered or ended during a year pays for its months on the register (off by default; the chair)')
    .action(async (value) => {
      const describeProrate = (on: boolean) =>
        on
          ? text('按月折算：开（年中入住或迁出的住户按在册月数计费，入住月与迁出月均计）', 'prorate (按月折算): on (a household on the register for part of a year pays fee × months ÷ 12)')
          : text('按月折算：关（在册即收全年物业费）', 'prorate (按月折算): off (a whole year\'s fee)');
      if (value === undefined) {
        const s = await settingsOf(await cli.app());
        cli.emit({ prorate: s.prorate }, (d) => cli.t(describeProrate(d.prorate)));
        return;
      }
      const on = cli.parse(onOff, value) === 'on';
      const done = await changeSetting(await cli.app({ write: true }), 'prorate', on, text('修改计费设置', 'change the fee settings'));
      cli.emit({ prorate: done }, (d) => cli.t(describeProrate(d.prorate)) + '\n' + cli.t(text('适用于此后开出的账单', 'applies to bills run from now on')));
    });
}
