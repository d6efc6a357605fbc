import fs from 'node:fs';
import { localDate, type IsoDate } from '../domain/dates.js';
import { RuleError, text, type Text } from '../domain/errors.js';
import type { FeeBasis, SettingKey, Settings } from '../domain/entry-kinds.js';
import type { Fen } from '../domain/money.js';
import { Projection } from '../domain/projection.js';
import type { Role } from '../domain/roles.js';
import { appointmentAllowed, roleEndAllowed } from '../domain/rules.js';
import { closeLedger, inTransaction, type LedgerDb } from '../db/open-database.js';
import { createStore } from '../db/open-store.js';
import { discardCompound } from '../db/postgres/connect.js';
import { listRoles } from '../db/roles-repo.js';
import { billedHouseholds } from '../db/entries-repo.js';
import { readSettings } from '../db/settings-repo.js';
import { todayOf, type AppContext, type Passphrases } from './context.js';
import { giveKey, signCommit } from './signing.js';
import { enforce, requireOperatorWith } from './guards.js';
import { entryMeta, record } from './register.js';

export interface InitInput {
  name: string;
  chair: string;
  feeFen: Fen;
  majorThresholdFen: Fen;
}

/** A new ledger, its settings and its chair (the first entries of its journal), or no file at all if anything fails. */
export async function initLedger(file: string, input: InitInput, now: Date, passphrases?: Passphrases, compound?: string): Promise<LedgerDb> {
  const ledger = await createStore(file, input.name, { now, compound });
  try {
    await inTransaction(ledger, async () => {
      const ctx: AppContext = { ledger, by: input.chair, now };
      const meta = entryMeta(ctx, input.chair, localDate(now));
      const projection = new Projection();
      record(ctx, projection, [
        { ...meta, kind: 'appointment', person: input.chair, role: 'chair' },
        { ...meta, kind: 'setting', key: 'name', value: input.name },
        { ...meta, kind: 'setting', key: 'defaultFeeFen', value: input.feeFen },
        { ...meta, kind: 'setting', key: 'majorThresholdFen', value: input.majorThresholdFen },
      ]);
      // The chair's key, and the first commit signed with it.
      if (passphrases) {
        await giveKey(ledger, projection, input.chair, await passphrases.chosen(input.chair), input.chair, now);
        await signCommit(ledger, 0, passphrases, now);
      }
    });
    return ledger;
  } catch (err) {
    // Nothing of a refused init stays: not the file, nor the compound's schema.
    if (ledger.pg) await discardCompound(ledger.pg);
    await closeLedger(ledger);
    if (!ledger.pg) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    throw err;
  }
}

/** Appoints someone from today. Only the chair appoints; collector and reimburser are never one person. */
export async function appoint(ctx: AppContext, person: string, role: Role): Promise<{ person: string; role: Role; from: IsoDate }> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair'], text('任命', 'appoint roles'));
    const date = todayOf(ctx);
    enforce(appointmentAllowed(projection, person, role, date));
    record(ctx, projection, [{ ...entryMeta(ctx, by, date), kind: 'appointment', person, role }]);
    await keyForNewcomer(ctx, projection, person, by);
    return { person, role, from: date };
  });
}

/** 换届: from `date` `person` no longer holds `role`; what they recorded before stays valid. */
export async function endRole(
  ctx: AppContext,
  person: string,
  role: Role,
  date: IsoDate | null,
  reason: string | null,
): Promise<{ name: string; role: Role; to: IsoDate }> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair'], text('卸任', 'end roles'));
    const on = date ?? todayOf(ctx);
    enforce(roleEndAllowed(projection, person, role, on));
    record(ctx, projection, [{ ...entryMeta(ctx, by, on), kind: 'role_end', person, role, reason }]);
    return { name: person, role, to: on };
  });
}

export const roleList = (ctx: AppContext, asOf?: IsoDate) => listRoles(ctx.ledger, asOf);

/** Sets YEAR's fee standard; a year already billed keeps its fee, so every household pays by the same standard. */
export async function setFee(ctx: AppContext, year: number, rateFen: Fen, per: FeeBasis = 'household'): Promise<{ year: number; amount_fen: Fen; per: FeeBasis }> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair'], text('设定物业费', 'set the fee'));
    const billed = await billedHouseholds(ctx.ledger, year);
    const current = projection.feeFor(year);
    if (billed.size > 0 && (current.rateFen !== rateFen || current.per !== per)) {
      throw new RuleError(
        text(`${year}年已向 ${billed.size} 户开出账单，费用标准不能再改`, `${year} is already billed to ${billed.size} households; its fee can no longer change`),
      );
    }
    record(ctx, projection, [{ ...entryMeta(ctx, by), kind: 'fee_standard', year, rateFen, per }]);
    return { year, amount_fen: rateFen, per };
  });
}


/** Changes one of the compound's settings (the chair), as a journal entry: who changed it and when stays on record. */
export async function changeSetting<K extends SettingKey>(ctx: AppContext, key: K, value: Settings[K], action: Text): Promise<Settings[K]> {
  return inTransaction(ctx.ledger, async () => {
    const { by, projection } = await requireOperatorWith(ctx, ['chair'], action);
    if (projection.settings[key] !== value) record(ctx, projection, [{ ...entryMeta(ctx, by), kind: 'setting', key, value }]);
    return value;
  });
}

/** The settings in force (a read). */
export const settingsOf = (ctx: AppContext): Promise<Settings> => readSettings(ctx.ledger);

/** Someone given a role who has no key yet gets one, with the passphrase they choose. */
export async function keyForNewcomer(ctx: AppContext, projection: Projection, person: string, by: string): Promise<void> {
  if (ctx.passphrases && !projection.currentKey(person)) await giveKey(ctx.ledger, projection, person, await ctx.passphrases.chosen(person), by, ctx.now);
}
