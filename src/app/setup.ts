import fs from 'node:fs';
import { RuleError, text } from '../domain/errors.js';
import type { Fen } from '../domain/money.js';
import { conflictingRole, ROLE_NAMES, type Role } from '../domain/roles.js';
import { closeLedger, inTransaction, openLedger, type LedgerDb } from '../db/open-database.js';
import { addRole as insertRole, listRoles, rolesOf } from '../db/roles-repo.js';
import { readSettings, writeSettings } from '../db/settings-repo.js';
import { billedHouseholds } from '../db/entries-repo.js';
import { feeSetFor, insertFee } from '../db/fees-repo.js';
import { stamp, type AppContext } from './context.js';
import { requireOperator } from './guards.js';

export interface InitInput {
  name: string;
  chair: string;
  feeFen: Fen;
  majorThresholdFen: Fen;
}

/** A new ledger, its settings and its chair, or no file at all if anything fails. */
export async function initLedger(file: string, input: InitInput, now: Date): Promise<LedgerDb> {
  const ledger = openLedger(file, { create: true, now });
  try {
    await inTransaction(ledger, async () => {
      await writeSettings(ledger, {
        name: input.name,
        defaultFeeFen: input.feeFen,
        majorThresholdFen: input.majorThresholdFen,
        followMajority: false,
      });
      await insertRole(ledger, { person: input.chair, role: 'chair', recorded_at: now.toISOString(), recorded_by: input.chair });
    });
    return ledger;
  } catch (err) {
    closeLedger(ledger);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    throw err;
  }
}

/** Appoints someone. Only the chair appoints; collector and reimburser are never one person. */
export async function appoint(ctx: AppContext, person: string, role: Role): Promise<{ person: string; role: Role }> {
  return inTransaction(ctx.ledger, async () => {
    const by = await requireOperator(ctx, ['chair'], text('任命', 'appoint roles'));
    const held = await rolesOf(ctx.ledger, person);
    if (held.includes(role)) {
      throw new RuleError(text(`${person} 已经是${ROLE_NAMES[role].zh}`, `${person} is already the ${ROLE_NAMES[role].en}`));
    }
    const conflict = conflictingRole(role);
    if (conflict && held.includes(conflict)) {
      throw new RuleError(
        text(
          `收支两条线：${person} 已是${ROLE_NAMES[conflict].zh}，不能再任${ROLE_NAMES[role].zh}`,
          `income and expense are kept by different people: ${person} is already the ${ROLE_NAMES[conflict].en} and cannot also be the ${ROLE_NAMES[role].en}`,
        ),
      );
    }
    await insertRole(ctx.ledger, { person, role, ...stamp(ctx, by) });
    return { person, role };
  });
}

export const roleList = (ctx: AppContext) => listRoles(ctx.ledger);

/** Sets YEAR's fee; a year already billed keeps its fee, so every household pays the same. */
export async function setFee(ctx: AppContext, year: number, amountFen: Fen): Promise<{ year: number; amount_fen: Fen }> {
  return inTransaction(ctx.ledger, async () => {
    const by = await requireOperator(ctx, ['chair'], text('设定物业费', 'set the fee'));
    const billed = await billedHouseholds(ctx.ledger, year);
    const current = (await feeSetFor(ctx.ledger, year)) ?? (await readSettings(ctx.ledger)).defaultFeeFen;
    if (billed.size > 0 && current !== amountFen) {
      throw new RuleError(
        text(
          `${year}年已向 ${billed.size} 户开出账单，费用标准不能再改`,
          `${year} is already billed to ${billed.size} households; its fee can no longer change`,
        ),
      );
    }
    await insertFee(ctx.ledger, { year, amount_fen: amountFen, ...stamp(ctx, by) });
    return { year, amount_fen: amountFen };
  });
}

/** The fee for a year: the one set for it, else the one agreed at `init`. */
export async function feeFor(ledger: LedgerDb, year: number): Promise<Fen> {
  return (await feeSetFor(ledger, year)) ?? (await readSettings(ledger)).defaultFeeFen;
}
