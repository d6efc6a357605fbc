import type { Command } from 'commander';
import { z } from 'zod';
import { text } from '../../domain/errors.js';
import { ROLE_NAMES } from '../../domain/roles.js';
import { appoint, roleList } from '../../app/setup.js';
import { choiceField, label, nameField } from '../../import/fields.js';
import { textTable } from '../../reports/render/text-table.js';
import type { Cli } from '../runtime.js';

const roleField = choiceField(text('角色', 'role'), {
  chair: ['主任', '物管会主任'],
  collector: ['收费', '收费记账', '收费记账人'],
  reimburser: ['报账', '支出报账', '支出报账人'],
  supervisor: ['监督', '监督人'],
});

export function registerRole(program: Command, cli: Cli): void {
  const role = program.command('role').description('who keeps which line · 角色（收支两条线）');
  role
    .command('add <name> <role>')
    .description('appoint NAME as chair | collector | reimburser | supervisor')
    .action(async (name, r) => {
      const input = cli.parse(z.object({ name: nameField(label.person), role: roleField }), { name, role: r });
      const done = await appoint(cli.app(), input.name, input.role);
      cli.emit(done, (d) => cli.t(text(`已任命 ${d.person} 为${ROLE_NAMES[d.role].zh}`, `${d.person} is now the ${ROLE_NAMES[d.role].en}`)));
    });
  role
    .command('list')
    .description('list roles')
    .action(async () => {
      const rows = await roleList(cli.app());
      cli.emit(rows, (rs) =>
        textTable(
          [cli.t(text('姓名', 'name')), cli.t(text('角色', 'role')), cli.t(text('任命人', 'appointed by')), cli.t(text('时间', 'when'))],
          rs.map((x) => [x.person, cli.t(ROLE_NAMES[x.role]), x.recorded_by, x.recorded_at]),
        ),
      );
    });
}
