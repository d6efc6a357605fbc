import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { ROLE_NAMES } from '../../domain/roles.js';
import { appoint, endRole, roleList } from '../../app/setup.js';
import { dateField, label, nameField, noteField, roleField } from '../../import/fields.js';
import { textTable } from '../../reports/render/text-table.js';
import type { Cli } from '../runtime.js';


export function registerRole(program: Command, cli: Cli): void {
  const role = program.command('role').description('who keeps which line · 角色（收支两条线）');
  role
    .command('add <name> <role>')
    .description('appoint NAME as chair | collector | reimburser | supervisor')
    .action(async (name, r) => {
      const input = cli.parse(z.object({ name: nameField(label.person), role: roleField }), { name, role: r });
      const done = await appoint(await cli.app({ write: true }), input.name, input.role);
      cli.emit(done, (d) => cli.t(text(`已任命 ${d.person} 为${ROLE_NAMES[d.role].zh}`, `${d.person} is now the ${ROLE_NAMES[d.role].en}`)));
    });
  role
    .command('end <name> <role>')
    .description('换届: from --date NAME no longer holds ROLE; what NAME recorded before stays valid')
    .option('--date <date>', 'from this day (default today)')
    .option('--reason <text>', 'why (原因)')
    .action(async (name, r, raw) => {
      const input = cli.parse(
        z.object({ name: nameField(label.person), role: roleField, date: dateField(label.date, cli.today).optional(), reason: noteField(label.reason).optional() }),
        { ...raw, name, role: r },
      );
      const done = await endRole(await cli.app({ write: true }), input.name, input.role, input.date ?? null, input.reason || null);
      cli.emit(done, (d) => cli.t(text(`${d.name} 自 ${d.to} 起不再担任${ROLE_NAMES[d.role].zh}`, `${d.name} is no longer the ${ROLE_NAMES[d.role].en} from ${d.to}`)));
    });
  role
    .command('list')
    .description('who holds which role, from when to when (with --as-of, those in office that day)')
    .option('--as-of <date>', 'as it stood on this day')
    .action(async (raw) => {
      const o = cli.parse(z.object({ asOf: dateField(label.date, cli.today).optional() }), raw);
      const rows = await roleList(await cli.app(), o.asOf);
      cli.emit(rows, (rs) =>
        textTable(
          [cli.t(text('姓名', 'name')), cli.t(text('角色', 'role')), cli.t(text('起', 'from')), cli.t(text('止', 'to'))],
          rs.map((x) => [x.name, cli.t(ROLE_NAMES[x.role]), x.from, x.to ?? cli.t(text('在任', 'in office'))]),
        ),
      );
    });
}
