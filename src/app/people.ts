/**
 * People and their keys: who holds which role (with dates) and which key; a person changing
 * their own passphrase; the chair and a second officer giving someone a new key when theirs is
 * forgotten (what they signed before stays valid: it was signed with the key they held then).
 */
import { InputError, RuleError, text } from '../domain/errors.js';
import type { IsoDate } from '../domain/dates.js';
import type { Role } from '../domain/roles.js';
import { keyEntryAllowed } from '../domain/rules.js';
import { inTransaction } from '../db/open-database.js';
import { journalWriter } from '../db/journal.js';
import { appendRegister, loadProjection } from '../db/register-repo.js';
import { todayOf, type AppContext } from './context.js';
import { enforce, operatorOf } from './guards.js';
import { newKey, unseal } from './keys.js';

export interface PersonKeys {
  name: string;
  roles: { role: Role; from: IsoDate; to: IsoDate | null }[];
  fingerprint: string | null;
  key_since: IsoDate | null;
}

/** `key list`: each person, the roles they held (with dates) and their key's fingerprint. */
export async function keyList(ctx: AppContext): Promise<PersonKeys[]> {
  const p = await loadProjection(ctx.ledger);
  const names = [...new Set([...p.people(), ...p.keys.keys()])];
  return names.map((name) => {
    const k = p.currentKey(name);
    return {
      name,
      roles: p.tenures.filter((t) => t.person === name).map((t) => ({ role: t.role, from: t.from, to: t.to })),
      fingerprint: k?.fingerprint ?? null,
      key_since: k?.date ?? null,
    };
  });
}

const noPassphrases = () => new InputError(text('需要密码（终端输入或环境变量）', 'passphrases are needed (a terminal or the environment)'));

/** `key change`: the `--by` person proves the old passphrase and chooses a new one. */
export async function changeKey(ctx: AppContext): Promise<{ name: string; fingerprint: string }> {
  return inTransaction(ctx.ledger, async () => {
    const by = operatorOf(ctx, text('更换密码', 'change a passphrase'));
    if (!ctx.passphrases) throw noPassphrases();
    const p = await loadProjection(ctx.ledger);
    const current = p.currentKey(by);
    if (!current) throw new InputError(text(`${by} 还没有密钥`, `${by} has no key yet`));
    unseal(current.sealed, await ctx.passphrases.recorder(by), by);
    const k = newKey(await ctx.passphrases.chosen(`${by}（新）`));
    enforce(keyEntryAllowed(p, by, by, null, todayOf(ctx)));
    appendRegister(ctx.ledger, journalWriter(ctx.ledger), p, [
      { kind: 'key', person: by, publicKey: k.publicKey, fingerprint: k.fingerprint, sealed: k.sealed, date: todayOf(ctx), recordedAt: ctx.now.toISOString(), recordedBy: by, approvedBy: null },
    ]);
    return { name: by, fingerprint: k.fingerprint };
  });
}

/** `key reset NAME --approved-by NAME2`: a new key for NAME, by the chair, approved by a supervisor or another chair. */
export async function resetKey(ctx: AppContext, person: string, approvedBy: string): Promise<{ name: string; fingerprint: string }> {
  return inTransaction(ctx.ledger, async () => {
    const by = operatorOf(ctx, text('重设密钥', 'reset a key'));
    if (!ctx.passphrases) throw noPassphrases();
    const p = await loadProjection(ctx.ledger);
    if (!p.people().includes(person) && !p.keys.has(person)) throw new InputError(text(`账本中没有 ${person}`, `${person} is not in this ledger`));
    if (person === by) throw new RuleError(text(`不能重设自己的密钥；换口令请用 ledger --by ${by} key change`, `you cannot reset your own key; to change your passphrase use ledger --by ${by} key change`));
    enforce(keyEntryAllowed(p, person, by, approvedBy, todayOf(ctx)));
    const k = newKey(await ctx.passphrases.chosen(person));
    appendRegister(ctx.ledger, journalWriter(ctx.ledger), p, [
      { kind: 'key', person, publicKey: k.publicKey, fingerprint: k.fingerprint, sealed: k.sealed, date: todayOf(ctx), recordedAt: ctx.now.toISOString(), recordedBy: by, approvedBy },
    ]);
    return { name: person, fingerprint: k.fingerprint };
  });
}
