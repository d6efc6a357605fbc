import type { Command } from 'commander';
import { z } from '../../import/zod.js';
import { areaM2, formatArea } from '../../domain/area.js';
import { text } from '../../domain/errors.js';
import { formatFen, formatFenGrouped } from '../../domain/money.js';
import {
  correctHousehold,
  endHousehold,
  householdList,
  householdStatement,
  importHouseholds,
  registerHouseholds,
  transferHousehold,
  type HouseholdStatement,
} from '../../app/households.js';
import { importKeys } from '../../db/import-keys.js';
import { areaField, codeField, dateField, label, nameField, noteField, phoneField } from '../../import/fields.js';
import { readHouseholdsCsv } from '../../import/households-csv.js';
import { recordSourceFor } from '../../import/xlsx.js';
import { textTable } from '../../reports/render/text-table.js';
import { progressBar } from '../progress.js';
import type { Cli } from '../runtime.js';


export function registerHousehold(program: Command, cli: Cli): void {
  const household = program.command('household').description('the household register · 住户');

  household
    .command('add <code>')
    .description('register a household, e.g. 1-1-101')
    .requiredOption('--owner <name>', 'owner (业主)')
    .requiredOption('--area <m2>', 'area in square metres (面积)')
    .option('--phone <phone>', 'phone (电话)')
    .option('--owner-id <id>', 'tells owners with the same name apart (业主编号)')
    .option('--since <date>', 'moved in on (入住日期); without it, billed for any year')
    .action(async (code, raw) => {
      const o = cli.parse(
        z.object({
          code: codeField,
          owner: nameField(label.owner),
          area: areaField,
          phone: phoneField.optional(),
          ownerId: nameField(label.ownerId).optional(),
          since: dateField(label.since, cli.today).optional(),
        }),
        { ...raw, code },
      );
      const [done] = await registerHouseholds(await cli.app({ write: true }), [
        { code: o.code, owner: o.owner, ownerId: o.ownerId ?? null, areaCenti: o.area, phone: o.phone ?? null, since: o.since ?? null },
      ]);
      const row = done!.household;
      warnNamesakes(cli, [[row.code, ...done!.namesakes]]);
      cli.emit({ code: row.code, owner: row.owner, owner_id: row.owner_id, area_m2: areaM2(row.area_centi), phone: row.phone, since: row.since }, (h) =>
        cli.t(text(`已登记 ${h.code}（${h.owner}，${formatArea(row.area_centi)}㎡）`, `registered ${h.code} (${h.owner}, ${formatArea(row.area_centi)} m2)`)),
      );
    });

  household
    .command('import <file>')
    .description('register households from CSV (UTF-8, BOM or GBK) or .xlsx: code,owner,area,phone,since[,owner_id] or 房号,业主,面积,电话,入住日期[,业主编号]')
    .option('--sheet <name>', 'the sheet of an .xlsx workbook to read (default the first)')
    .action(async (file, raw: { sheet?: string }) => {
      const app = await cli.app({ write: true });
      const bar = progressBar(cli.io, text('导入住户', 'importing households'), cli.lang, 0);
      const source = await recordSourceFor(file, { sheet: raw.sheet, onRead: bar.update });
      const done = await importHouseholds(app, (isRegistered) => readHouseholdsCsv(file, cli.today, { isRegistered, seen: importKeys(app.ledger) }, source), {
        namesakesListed: NAMESAKES_SHOWN,
      }).finally(() => bar.stop());
      warnNamesakes(cli, done.namesakes, done.namesake_groups);
      const area = done.area_centi;
      cli.emit({ imported: done.imported, area_m2: areaM2(area) }, (d) =>
        cli.t(text(`已导入 ${d.imported} 户，合计面积 ${formatArea(area)}㎡`, `imported ${d.imported} households, ${formatArea(area)} m2 in all`)),
      );
    });

  household
    .command('transfer <code>')
    .description('过户: from --date the unit has a new owner; what it owes or has prepaid stays with the unit')
    .requiredOption('--to <name>', 'the new owner (新业主)')
    .option('--phone <phone>', 'phone (电话)')
    .option('--owner-id <id>', 'tells owners with the same name apart (业主编号)')
    .option('--date <date>', 'from this day (default today)')
    .option('--note <text>', 'note (备注)')
    .action(async (code, raw) => {
      const o = cli.parse(
        z.object({
          code: codeField,
          to: nameField(label.owner),
          phone: phoneField.optional(),
          ownerId: nameField(label.ownerId).optional(),
          date: dateField(label.date, cli.today).optional(),
          note: noteField(label.note).optional(),
        }),
        { ...raw, code },
      );
      const r = await transferHousehold(await cli.app({ write: true }), {
        code: o.code,
        owner: o.to,
        ownerId: o.ownerId ?? null,
        phone: o.phone ?? null,
        date: o.date ?? null,
        note: o.note || null,
      });
      cli.emit(r, (d) => {
        const head = cli.t(text(`${d.household} 已过户：${d.from_owner} → ${d.to_owner}（自 ${d.date} 起）`, `${d.household} transferred: ${d.from_owner} -> ${d.to_owner} (from ${d.date})`));
        return `${head}\n${positionText(cli, d.date, d.owed_fen, d.credit_fen)}`;
      });
    });

  household
    .command('correct <code>')
    .description('更正: put right a registration mistake (owner, area, phone, owner id), as from registration')
    .option('--owner <name>', 'owner (业主)')
    .option('--area <m2>', 'area in square metres (面积)')
    .option('--phone <phone>', 'phone (电话)')
    .option('--owner-id <id>', 'owner id (业主编号)')
    .requiredOption('--reason <text>', 'why (原因)')
    .action(async (code, raw) => {
      const o = cli.parse(
        z.object({
          code: codeField,
          owner: nameField(label.owner).optional(),
          area: areaField.optional(),
          phone: phoneField.optional(),
          ownerId: nameField(label.ownerId).optional(),
          reason: nameField(label.reason),
        }),
        { ...raw, code },
      );
      const r = await correctHousehold(await cli.app({ write: true }), {
        code: o.code,
        reason: o.reason,
        ...(o.owner !== undefined ? { owner: o.owner } : {}),
        ...(o.area !== undefined ? { areaCenti: o.area } : {}),
        ...(o.phone !== undefined ? { phone: o.phone } : {}),
        ...(o.ownerId !== undefined ? { ownerId: o.ownerId } : {}),
      });
      if (r.namesakes.length > 0) warnNamesakes(cli, [[o.code, ...r.namesakes]]);
      const h = r.household;
      cli.emit({ code: h.code, owner: h.owner, owner_id: h.owner_id, area_m2: areaM2(h.area_centi), phone: h.phone, reason: o.reason }, (d) =>
        cli.t(text(`已更正 ${d.code}：业主 ${d.owner}，面积 ${formatArea(h.area_centi)}㎡`, `corrected ${d.code}: owner ${d.owner}, area ${formatArea(h.area_centi)} m2`)),
      );
    });

  household
    .command('end <code>')
    .description('迁出/拆除/合并: from --date the unit is off the register; what it owes stays owed')
    .option('--date <date>', 'from this day (default today)')
    .requiredOption('--reason <text>', 'why (原因)')
    .action(async (code, raw) => {
      const o = cli.parse(z.object({ code: codeField, date: dateField(label.date, cli.today).optional(), reason: nameField(label.reason) }), { ...raw, code });
      const r = await endHousehold(await cli.app({ write: true }), o.code, o.date ?? null, o.reason);
      cli.emit(r, (d) => {
        const lines = [cli.t(text(`${d.household} 自 ${d.ended} 起不在册`, `${d.household} is off the register from ${d.ended}`)), positionText(cli, d.ended, d.owed_fen, d.credit_fen)];
        if (d.unused_fen > 0) {
          const y = d.ended.slice(0, 4);
          lines.push(
            cli.t(
              text(
                `按月折算：${y}年已按全年开单，其中 ${formatFenGrouped(d.unused_fen)} 元对应迁出后的月份，可用 ledger fee waive ${d.household} ${y} ${formatFen(d.unused_fen)} 减免`,
                `prorate is on: ${y} was billed in full; ${formatFenGrouped(d.unused_fen)} of it is for the months after the unit left (ledger fee waive ${d.household} ${y} ${formatFen(d.unused_fen)})`,
              ),
            ),
          );
        }
        return lines.join('\n');
      });
    });

  household
    .command('list')
    .description('list households (with --as-of, those on the register that day and their owners then)')
    .option('--as-of <date>', 'as it stood on this day')
    .action(async (raw) => {
      const o = cli.parse(z.object({ asOf: dateField(label.date, cli.today).optional() }), raw);
      const rows = await householdList(await cli.app(), o.asOf);
      cli.emit(
        rows.map((h) => ({ code: h.code, owner: h.owner, owner_id: h.owner_id, area_m2: areaM2(h.area_centi), phone: h.phone, since: h.since, ended: h.ended })),
        () =>
          textTable(
            [cli.t(text('房号', 'code')), cli.t(text('业主', 'owner')), cli.t(text('面积㎡', 'area m2')), cli.t(text('电话', 'phone')), cli.t(text('入住', 'since')), cli.t(text('迁出', 'ended'))],
            rows.map((h) => [h.code, h.owner_id ? `${h.owner}（${h.owner_id}）` : h.owner, formatArea(h.area_centi), h.phone ?? '', h.since ?? '', h.ended ?? '']),
            ['left', 'left', 'right', 'left', 'left', 'left'],
          ) + `\n${cli.t(text(`共 ${rows.length} 户`, `${rows.length} households`))}`,
      );
    });

  household
    .command('show <code>')
    .description("a household's statement: owners, charges, receipts, what it owes or has prepaid")
    .option('--as-of <date>', 'as it stood at the end of this day')
    .action(async (code, raw) => {
      const o = cli.parse(z.object({ code: codeField, asOf: dateField(label.date, cli.today).optional() }), { ...raw, code });
      const s = await householdStatement(await cli.app(), o.code, o.asOf);
      cli.emit(s, (st) => statementText(st, cli));
    });
}

/** What a unit owes or has prepaid on a day, in a sentence. */
function positionText(cli: Cli, date: string, owedFen: number, creditFen: number): string {
  if (owedFen > 0) return cli.t(text(`截至 ${date} 欠费 ${formatFenGrouped(owedFen)} 元（欠费随房屋）`, `owes ${formatFenGrouped(owedFen)} on ${date} (arrears stay with the unit)`));
  if (creditFen > 0) return cli.t(text(`截至 ${date} 预交余额 ${formatFenGrouped(creditFen)} 元`, `prepaid ${formatFenGrouped(creditFen)} on ${date}`));
  return cli.t(text(`截至 ${date} 已结清`, `paid up on ${date}`));
}

/** 同名业主: units whose owners share a name, with no owner id to tell them apart, count as one owner in votes. */
/** A big register is told of its first namesakes and how many more (household list shows them all). */
const NAMESAKES_SHOWN = 20;

/** Warns of groups of namesakes: `all` (or the first of them, of `total` groups in all). */
function warnNamesakes(cli: Cli, all: readonly string[][], total?: number): void {
  const groups = all.filter((g) => g.length >= 2);
  const SHOWN = NAMESAKES_SHOWN;
  for (const g of groups.slice(0, SHOWN)) {
    cli.warn(
      text(
        `${g.join('、')} 的业主同名，将视为同一业主（表决时按一人计）；如不是同一人，请用 --owner-id 区分`,
        `${g.join(', ')} have owners of the same name and count as one owner in votes; if they are different people, tell them apart with --owner-id`,
      ),
    );
  }
  const count = total ?? groups.length;
  if (count > SHOWN) {
    cli.warn(text(`另有 ${count - SHOWN} 组同名业主未列出`, `and ${count - SHOWN} more groups of units whose owners share a name`));
  }
}

function statementText(s: HouseholdStatement, cli: Cli): string {
  const t = (zh: string, en: string) => cli.t(text(zh, en));
  const h = s.household;
  const lines = [
    t(`${h.code}  业主：${h.owner}  面积：${formatArea(h.area_centi)}㎡${h.since ? `  入住：${h.since}` : ''}`, `${h.code}  owner ${h.owner}  area ${formatArea(h.area_centi)} m2${h.since ? `  since ${h.since}` : ''}`),
    ...(s.owners.length > 1 ? [t('历任业主', 'owners'), ...s.owners.map((o) => `  ${o.name}${o.owner_id ? `（${o.owner_id}）` : ''}  ${o.from ?? ''} – ${o.to ?? ''}`)] : []),
    ...(s.ended ? [t(`自 ${s.ended} 起不在册`, `off the register from ${s.ended}`)] : []),
    '',
    t('应收（账单）', 'charges'),
    textTable(
      [t('年度', 'year'), t('起算日', 'owed from'), t('金额', 'amount'), t('减免', 'waived')],
      s.charges.map((c) => [c.year, c.date, formatFenGrouped(c.amount_fen), c.waived_fen ? formatFenGrouped(c.waived_fen) : '']),
      ['left', 'left', 'right', 'right'],
    ),
    ...s.waivers.map((w) => t(`减免 ${w.waiver}（${w.date}）${w.year}年 ${formatFenGrouped(w.amount_fen)} 元${w.void ? '（已作废）' : ''}`, `waiver ${w.waiver} (${w.date}) ${w.year}: ${formatFenGrouped(w.amount_fen)}${w.void ? ' (void)' : ''}`)),
    ...s.refunds.map((r) => t(`退费 ${r.refund}（${r.date}）${formatFenGrouped(r.amount_fen)} 元`, `refund ${r.refund} (${r.date}): ${formatFenGrouped(r.amount_fen)}`)),
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
