import type { IsoDate } from '../domain/dates.js';
import { InputError, RuleError, text, type Text } from '../domain/errors.js';
import { ROLE_NAMES, type Role } from '../domain/roles.js';
import { lockedThrough } from '../db/entries-repo.js';
import { rolesOf } from '../db/roles-repo.js';
import type { AppContext } from './context.js';

/**
 * The operator of a write, who must hold one of `roles` when the record is entered.
 * No operator is a usage error (exit 2); the wrong person is refused by a rule (exit 1).
 */
export async function requireOperator(ctx: AppContext, roles: readonly Role[], action: Text): Promise<string> {
  const by = ctx.by?.trim();
  if (!by) {
    throw new InputError(
      text(`${action.zh}需要经办人：请加 --by 姓名，或设置环境变量 LEDGER_OPERATOR`, `who is recording? ${action.en} needs --by NAME (or LEDGER_OPERATOR)`),
    );
  }
  const held = await rolesOf(ctx.ledger, by);
  if (!roles.some((r) => held.includes(r))) {
    const zh = roles.map((r) => ROLE_NAMES[r].zh).join('或');
    const en = roles.map((r) => ROLE_NAMES[r].en).join(' or ');
    throw new RuleError(text(`${by} 不是${zh}，不能${action.zh}`, `${by} is not the ${en} and cannot ${action.en}`));
  }
  return by;
}

/** Refuses entries dated in a period closed by `ledger lock`. */
export async function requireOpenPeriod(ctx: AppContext, dates: readonly IsoDate[]): Promise<void> {
  const through = await lockedThrough(ctx.ledger);
  if (!through) return;
  const locked = dates.filter((d) => d <= through);
  if (locked.length > 0) {
    const first = locked.sort()[0]!;
    throw new RuleError(
      text(
        `${first} 所在期间已结账（截至 ${through} 已公示并锁定）。更正请记入未结账期间，例如以今天的日期冲销。`,
        `${first} is in a closed period (locked through ${through} after its disclosure). Record corrections in the open period, e.g. dated today.`,
      ),
    );
  }
}
