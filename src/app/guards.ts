import type { IsoDate } from '../domain/dates.js';
import { InputError, RuleError, text, type Text } from '../domain/errors.js';
import type { Projection } from '../domain/projection.js';
import type { Role } from '../domain/roles.js';
import { outsideLock, roleHeld } from '../domain/rules.js';
import { hasForbiddenText } from '../domain/text.js';
import { lockedThrough } from '../db/entries-repo.js';
import { loadCommittee, loadProjection, type Committee } from '../db/register-repo.js';
import { todayOf, type AppContext } from './context.js';

/** Refuses with a rule's reason (domain/rules.ts), when it gives one. */
export function enforce(reason: Text | null): void {
  if (reason) throw new RuleError(reason);
}

/** The operator's name as given, or a usage error (exit 2) when there is none. */
export function operatorOf(ctx: AppContext, action: Text): string {
  const by = ctx.by?.trim().normalize('NFC');
  if (!by) {
    throw new InputError(
      text(`${action.zh}需要经办人：请加 --by 姓名，或设置环境变量 LEDGER_OPERATOR`, `who is recording? ${action.en} needs --by NAME (or LEDGER_OPERATOR)`),
    );
  }
  // A name with an invisible or control character is bad input, not someone else (it would read as an officer's name).
  if (hasForbiddenText(by)) {
    throw new InputError(text(`经办人姓名含有换行、控制字符、零宽字符或文字方向标记`, `the name given with --by holds a line break, a control character, a zero-width character or a bidirectional mark`));
  }
  return by;
}

/**
 * The operator of a write, who must hold one of `roles` on the day the record is entered
 * (a reimburser appointed today may enter last year's paper vouchers). No operator is a usage
 * error (exit 2); the wrong person is refused by a rule (exit 1).
 */
export async function requireOperator(ctx: AppContext, roles: readonly Role[], action: Text): Promise<string> {
  return (await requireOperatorWithCommittee(ctx, roles, action)).by;
}

/**
 * `requireOperator`, also handing back the committee it checked against: who holds which role,
 * the settings, fees, categories and keys, without the register of units (ten thousand
 * households in a district, which a write at the gate such as `spend` or `void` never reads).
 */
export async function requireOperatorWithCommittee(ctx: AppContext, roles: readonly Role[], action: Text): Promise<{ by: string; committee: Committee }> {
  const by = operatorOf(ctx, action);
  const committee = await loadCommittee(ctx.ledger);
  enforce(roleHeld(committee, by, roles, todayOf(ctx), action));
  return { by, committee };
}

/** `requireOperator`, also handing back the projection it checked against. */
export async function requireOperatorWith(ctx: AppContext, roles: readonly Role[], action: Text): Promise<{ by: string; projection: Projection }> {
  const by = operatorOf(ctx, action);
  const projection = await loadProjection(ctx.ledger);
  enforce(roleHeld(projection, by, roles, todayOf(ctx), action));
  return { by, projection };
}

/** Refuses entries dated in a period closed by `ledger lock`. */
export async function requireOpenPeriod(ctx: AppContext, dates: readonly IsoDate[]): Promise<void> {
  enforce(outsideLock(await lockedThrough(ctx.ledger), dates));
}
