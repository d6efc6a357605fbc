import { InputError, RuleError, text } from '../domain/errors.js';
import { inTransaction, type LedgerDb } from '../db/open-database.js';
import { findCategory, listCategories, type CategoryRow, type Line } from '../db/categories-repo.js';
import type { AppContext } from './context.js';
import { requireOperatorWith } from './guards.js';
import { entryMeta, record } from './register.js';

export type { Line };

export const LINE_NAMES = { expense: text('支出', 'expense'), income: text('收入', 'income') } as const;

/**
 * A category of `line` by its Chinese or English name. An unknown name is bad input
 * (exit 2) and the message lists the categories the line knows.
 */
export async function requireCategory(ledger: LedgerDb, line: Line, name: string): Promise<CategoryRow> {
  const found = await findCategory(ledger, line, name);
  if (found) return found;
  const known = await listCategories(ledger, line);
  const zh = known.map((c) => c.name).join('、');
  const en = known.map((c) => (c.name_en ? `${c.name} ${c.name_en}` : c.name)).join(', ');
  throw new InputError(
    text(
      `没有名为“${name}”的${LINE_NAMES[line].zh}类别；可用：${zh}（可用 ledger category add 新增）`,
      `no ${line} category "${name}"; known: ${en} (add one with ledger category add)`,
    ),
  );
}

export interface CategoryInput {
  name: string;
  line: Line;
  nameEn: string | null;
}

/** Adds a category to a line. Only the chair does; a name (Chinese or English) is never used twice on a line. */
export async function addCategory(ctx: AppContext, input: CategoryInput): Promise<{ line: Line; name: string; name_en: string | null }> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair'], text('新增类别', 'add categories'));
    for (const n of [input.name, input.nameEn]) {
      if (n === null) continue;
      const clash = projection.findCategory(input.line, n);
      if (clash) {
        throw new RuleError(
          text(
            `${LINE_NAMES[input.line].zh}类别“${n}”已存在（${clash.name}${clash.nameEn ? ` ${clash.nameEn}` : ''}）`,
            `the ${input.line} category "${n}" already exists (${clash.name}${clash.nameEn ? ` ${clash.nameEn}` : ''})`,
          ),
        );
      }
    }
    record(ctx, projection, [{ ...entryMeta(ctx, by), kind: 'category', line: input.line, name: input.name, nameEn: input.nameEn }]);
    return { line: input.line, name: input.name, name_en: input.nameEn };
  });
}

export const categoryList = (ctx: AppContext, line?: Line) => listCategories(ctx.ledger, line);
