import type { Command } from 'commander';
import { z } from 'zod';
import { areaM2, formatArea } from '../../domain/area.js';
import { text } from '../../domain/errors.js';
import { formatFenGrouped } from '../../domain/money.js';
import { householdList, householdStatement, registerHouseholds, type HouseholdStatement } from '../../app/households.js';
import { areaField, codeField, dateField, label, nameField, phoneField } from '../../import/fields.js';
import { readHouseholdsCsv } from '../../import/households-csv.js';
import { textTable } from '../../reports/render/text-table.js';
import type { Cli } from '../runtime.js';


export function registerHousehold(program: Command, cli: Cli): void {
  const household = program.command('household').description('the household register · 住户');

  household
    .command('add <code>')
    .description('register a household, e.g. 1-1-101')
    .requiredOption('--owner <name>', 'owner (业主)')
    .requiredOption('--area <m2>', 'area in square metres (面积)')
    .option('--phone <phone>', 'phone (电话)')
    .option('--since <date>', 'moved in on (入住日期); without it, billed for any year')
    .action(async (code, raw) => {
      const o = cli.parse(
        z.object({
          code: codeField,
          owner: nameField(label.owner),
          area: areaField,
          phone: phoneField.optional(),
          since: dateField(label.since, cli.today).optional(),
        }),
        { ...raw, code },
      );
      const [row] = await registerHouseholds(cli.app(), [
        { code: o.code, owner: o.owner, areaCenti: o.area, phone: o.phone ?? null, since: o.since ?? null },
      ]);
      cli.emit({ code: row!.code, owner: row!.owner, area_m2: areaM2(row!.area_centi), phone: row!.phone, since: row!.since }, (h) =>
        cli.t(text(`已登记 ${h.code}（${h.owner}，${formatArea(row!.area_centi)}㎡）`, `registered ${h.code} (${h.owner}, ${formatArea(row!.area_centi)} m2)`)),
      );
    });

  household
    .command('import <file>')
    .description('register households from CSV (UTF-8, BOM or GBK): code,owner,area,phone,since or 房号,业主,面积,电话,入住日期')
    .action(async (file) => {
      const rows = readHouseholdsCsv(file, cli.today);
      const done = await registerHouseholds(cli.app(), rows);
      const area = done.reduce((s, h) => s + h.area_centi, 0);
      cli.emit({ imported: done.length, area_m2: areaM2(area) }, (d) =>
        cli.t(text(`已导入 ${d.imported} 户，合计面积 ${formatArea(area)}㎡`, `imported ${d.imported} households, ${formatArea(area)} m2 in all`)),
      );
    });

  household
    .command('list')
    .description('list households')
    .action(async () => {
      const rows = await householdList(cli.app());
      cli.emit(
        rows.map((h) => ({ code: h.code, owner: h.owner, area_m2: areaM2(h.area_centi), phone: h.phone, since: h.since })),
        () =>
          textTable(
            [cli.t(text('房号', 'code')), cli.t(text('业主', 'owner')), cli.t(text('面积㎡', 'area m2')), cli.t(text('电话', 'phone')), cli.t(text('入住', 'since'))],
            rows.map((h) => [h.code, h.owner, formatArea(h.area_centi), h.phone ?? '', h.since ?? '']),
            ['left', 'left', 'right', 'left', 'left'],
          ) + `\n${cli.t(text(`共 ${rows.length} 户`, `${rows.length} households`))}`,
      );
    });

  household
    .command('show <code>')
    .description("a household's statement: charges, receipts, what it owes or has prepaid")
    .action(async (code) => {
      const c = cli.parse(codeField, code);
      const s = await householdStatement(cli.app(), c);
      cli.emit(s, (st) => statementText(st, cli));
    });
}

function statementText(s: HouseholdStatement, cli: Cli): string {
  const t = (zh: string, en: string) => cli.t(text(zh, en));
  const h = s.household;
  const lines = [
    t(`${h.code}  业主：${h.owner}  面积：${formatArea(h.area_centi)}㎡${h.since ? `  入住：${h.since}` : ''}`, `${h.code}  owner ${h.owner}  area ${formatArea(h.area_centi)} m2${h.since ? `  since ${h.since}` : ''}`),
    '',
    t('应收（账单）', 'charges'),
    textTable(
      [t('年度', 'year'), t('起算日', 'owed from'), t('金额', 'amount')],
      s.charges.map((c) => [c.year, c.date, formatFenGrouped(c.amount_fen)]),
      ['left', 'left', 'right'],
    ),
    t('收据', 'receipts'),
    textTable(
      [t('收据号', 'receipt'), t('日期', 'date'), t('金额', 'amount'), t('状态', 'status')],
      s.receipts.map((r) => [r.receipt, r.date, formatFenGrouped(r.amount_fen), r.void ? t(`作废（${r.voided_on}）`, `void (${r.voided_on})`) : '']),
      ['left', 'left', 'right', 'left'],
    ),
  ];
  if (s.owed_fen > 0) {
    const years = s.owed.map((o) => `${o.year}: ${formatFenGrouped(o.owed_fen)}`).join(', ');
    lines.push(t(`欠费 ${formatFenGrouped(s.owed_fen)} 元（${years}）`, `owes ${formatFenGrouped(s.owed_fen)} (${years})`));
  } else if (s.credit_fen > 0) {
    lines.push(t(`预交余额 ${formatFenGrouped(s.credit_fen)} 元`, `prepaid ${formatFenGrouped(s.credit_fen)}`));
  } else {
    lines.push(t('已结清', 'paid up'));
  }
  return lines.join('\n');
}
