import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { text } from '../../domain/errors.js';
import { addCategory, categoryList, LINE_NAMES } from '../../app/categories.js';
import { choiceField, label, nameField } from '../../import/fields.js';
import { textTable } from '../../reports/render/text-table.js';
import type { Cli } from '../runtime.js';

const lineField = choiceField(text('收支线', 'line'), { expense: ['支出'], income: ['收入'] });

export function registerCategory(program: Command, cli: Cli): void {
  const category = program.command('category').description('income and expense categories · 收支类别');
  category
    .command('add <name>')
    .description('add a category to the expense or the income line (the chair)')
    .requiredOption('--line <line>', 'expense | income')
    .option('--en <name>', 'its English name')
    .action(async (name, raw) => {
      const o = cli.parse(z.object({ name: nameField(label.name), line: lineField, en: nameField(text('英文名', 'English name')).optional() }), { ...raw, name });
      const done = await addCategory(await cli.app({ write: true }), { name: o.name, line: o.line, nameEn: o.en ?? null });
      cli.emit(done, (d) =>
        cli.t(text(`已新增${LINE_NAMES[d.line].zh}类别：${d.name}${d.name_en ? `（${d.name_en}）` : ''}`, `added the ${d.line} category ${d.name}${d.name_en ? ` (${d.name_en})` : ''}`)),
      );
    });
  category
    .command('list')
    .description('list categories')
    .option('--line <line>', 'expense | income')
    .action(async (raw) => {
      const o = cli.parse(z.object({ line: lineField.optional() }), raw);
      const rows = (await categoryList(await cli.app(), o.line)).map((c) => ({ line: c.line, name: c.name, name_en: c.name_en }));
      cli.emit(rows, (rs) =>
        textTable(
          [cli.t(text('收支线', 'line')), cli.t(text('名称', 'name')), cli.t(text('英文名', 'English'))],
          rs.map((r) => [cli.t(LINE_NAMES[r.line]), r.name, r.name_en ?? '']),
        ),
      );
    });
}
