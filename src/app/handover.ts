/**
 * 交接 (handover): at 换届 the outgoing holder of a role hands the books to the incoming one
 * before a witness (监交人). One entry ends FROM's tenure and starts TO's; the printed sheet
 * (交接清单) says what was handed over: the fund by the book and the cash counted, the last
 * receipt and voucher numbers, open votes, arrears, and the check code of the journal.
 */
import type { IsoDate } from '../domain/dates.js';
import type { Fen } from '../domain/money.js';
import type { Role } from '../domain/roles.js';
import { text } from '../domain/errors.js';
import { handoverAllowed } from '../domain/rules.js';
import { fundBalance } from '../db/balance-repo.js';
import { inTransaction } from '../db/open-database.js';
import { handoverSheet, type HandoverSheet } from '../reports/handover.js';
import { todayOf, type AppContext } from './context.js';
import { enforce, requireOpenPeriod, requireOperatorWith } from './guards.js';
import { entryMeta, record } from './register.js';
import { keyForNewcomer } from './setup.js';

export interface HandoverInput {
  role: Role;
  from: string;
  to: string;
  date: IsoDate | null;
  cashFen: Fen | null;
}

export async function handover(ctx: AppContext, input: HandoverInput): Promise<HandoverSheet> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair'], text('办理交接', 'record handovers'));
    const date = input.date ?? todayOf(ctx);
    enforce(handoverAllowed(projection, input.role, input.from, input.to, date));
    await requireOpenPeriod(ctx, [date]);
    const balance = await fundBalance(ctx.ledger, date);
    record(ctx, projection, [{ ...entryMeta(ctx, by, date), kind: 'handover', role: input.role, from: input.from, to: input.to, cashFen: input.cashFen, balanceFen: balance }]);
    await keyForNewcomer(ctx, projection, input.to, by);
    return handoverSheet(ctx.ledger, ctx.now, { ...input, date, witness: by, balanceFen: balance });
  });
}
