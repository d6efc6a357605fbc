import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { ROLE_NAMES } from '../../domain/roles.js';
import { changeKey, keyList, resetKey } from '../../app/people.js';
import { label, nameField } from '../../import/fields.js';
import { textTable } from '../../reports/render/text-table.js';
import type { Cli } from '../runtime.js';

export function registerKey(program: Command, cli: Cli): void {
  const key = program.command('key').description("people's signing keys · 密钥");
  key
    .command('list')
    .description('each person, the roles they held (with dates) and their key fingerprint')
    .action(async () => {
      const rows = await keyList(await cli.app());
      cli.emit(rows, (rs) =>
        textTable(
          [cli.t(text('姓名', 'name')), cli.t(text('角色', 'roles')), cli.t(text('密钥指纹', 'key fingerprint')), cli.t(text('启用', 'since'))],
          rs.map((r) => [
            r.name,
            r.roles.map((x) => `${cli.t(ROLE_NAMES[x.role])} ${x.from}–${x.to ?? ''}`).join('; '),
            r.fingerprint ?? cli.t(text('（尚无）', '(none yet)')),
            r.key_since ?? '',
          ]),
        ),
      );
    });
  key
    .command('change')
    .description('the --by person changes their passphrase (old: $LEDGER_PASSPHRASE, new: $LEDGER_NEW_PASSPHRASE, else asked)')
    .action(async () => {
      const r = await changeKey(await cli.app({ write: true }));
      cli.emit(r, (d) => cli.t(text(`${d.name} 的密码已更换，新密钥指纹 ${d.fingerprint}`, `${d.name}'s passphrase is changed; new key ${d.fingerprint}`)));
    });
  key
    .command('reset <name>')
    .description('a forgotten passphrase: the chair (--by) and a supervisor or another chair give NAME a new key; what NAME signed before stays valid')
    .requiredOption('--approved-by <name>', 'the second officer (审批人): a supervisor or another chair')
    .action(async (name, raw) => {
      const o = cli.parse(z.object({ name: nameField(label.person), approvedBy: nameField(label.person) }), { ...raw, name });
      const r = await resetKey(await cli.app({ write: true }), o.name, o.approvedBy);
      cli.emit(r, (d) => cli.t(text(`已为 ${d.name} 设定新密钥 ${d.fingerprint}`, `${d.name} has a new key ${d.fingerprint}`)));
    });
}
