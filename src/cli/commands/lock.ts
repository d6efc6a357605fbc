import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { lockPeriod } from '../../app/integrity.js';
import { dateField } from '../../import/fields.js';
import type { Cli } from '../runtime.js';

export function registerLock(program: Command, cli: Cli): void {
  program
    .command('lock')
    .description('close every day up to D once its disclosure is posted; later corrections go into the open period · 结账')
    .requiredOption('--through <date>', 'last day to close (结账截止日), e.g. 2022-12-31')
    .action(async (raw) => {
      const o = cli.parse(z.object({ through: dateField(text('结账截止日', 'lock date'), cli.today) }), raw);
      const done = await lockPeriod(await cli.app({ write: true }), o.through);
      cli.emit(done, (d) =>
        cli.t(
          text(
            `已结账至 ${d.through}${d.previous ? `（此前至 ${d.previous}）` : ''}：此后不再接受 ${d.through} 及以前日期的记录，更正请记入未结账期间。`,
            `locked through ${d.through}${d.previous ? ` (was ${d.previous})` : ''}: entries dated on or before it are refused from now on; corrections go into the open period.`,
          ),
        ),
      );
    });
}
