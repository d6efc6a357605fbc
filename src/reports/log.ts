import { isRegisterKind, type EntryKind } from '../domain/entry-kinds.js';
import { FEE_BASIS_NAMES } from '../domain/fees.js';
import { ROLE_NAMES } from '../domain/roles.js';
import { registerEntryOf } from '../db/entry-codec.js';
import { formatArea } from '../domain/area.js';
import { text, type Text } from '../domain/errors.js';
import { formatFenGrouped } from '../domain/money.js';
import { paymentMethodText } from '../domain/payment-methods.js';
import { recentRecords, type LogRow } from '../db/log-repo.js';
import type { LedgerDb } from '../db/open-database.js';

export type { LogRow };

/** `log --json`: who recorded what and when, newest first; `limit` 0 for everything. */
export async function recordLog(ledger: LedgerDb, limit: number): Promise<LogRow[]> {
  return recentRecords(ledger, limit);
}

const KIND_NAMES: Record<string, Text> = {
  charge: text('开账', 'charge'),
  collection: text('收费', 'collection'),
  income: text('其他收入', 'income'),
  expense: text('支出', 'expense'),
  void: text('作废', 'void'),
  vote: text('表决', 'vote'),
  ballot: text('投票', 'ballot'),
  vote_close: text('表决结束', 'vote closed'),
  lock: text('结账', 'lock'),
  household: text('登记住户', 'household'),
  transfer: text('过户', 'transfer'),
  correction: text('更正', 'correction'),
  household_end: text('迁出', 'household ended'),
  appointment: text('任命', 'appointment'),
  role_end: text('卸任', 'role ended'),
  handover: text('交接', 'handover'),
  fee_standard: text('设定物业费', 'fee set'),
  setting: text('设置', 'setting'),
  category: text('新增类别', 'category'),
  upgrade: text('升级', 'upgrade'),
  key: text('密钥', 'key'),
  waiver: text('减免', 'waiver'),
  refund: text('退费', 'refund'),
};


/** What kind of record a line is, in words. */
export function logKind(r: LogRow): Text {
  return KIND_NAMES[r.kind] ?? text(r.kind, r.kind);
}

/** One short line on what was recorded. */
export function logSummary(r: LogRow): Text {
  const amount = r.amount_fen === null ? '' : formatFenGrouped(r.amount_fen);
  const join = (...parts: (string | null | undefined)[]) => parts.filter((p) => p !== null && p !== undefined && p !== '').join(' ');
  if (isRegisterKind(r.kind)) return registerSummary(r);
  switch (r.kind) {
    case 'charge':
      return text(join(r.household, `${r.year}年`, amount), join(r.household, String(r.year), amount));
    case 'collection': {
      const method = r.method === null ? null : paymentMethodText(r.method);
      return text(join(r.household, amount, method?.zh, r.note), join(r.household, amount, method?.en, r.note));
    }
    case 'income':
      return text(join(r.category, amount, r.party, r.note), join(r.category, amount, r.party, r.note));
    case 'expense':
      return text(join(r.category, amount, r.item, r.party, r.vote), join(r.category, amount, r.item, r.party, r.vote));
    case 'void':
      return text(join(`作废 ${r.target_number ?? ''}`, amount, r.note), join(`void ${r.target_number ?? ''}`, amount, r.note));
    case 'vote':
      return text(join(r.item, amount && `预算 ${amount}`), join(r.item, amount && `budget ${amount}`));
    case 'ballot':
      return text(join(r.vote, r.household, r.choice), join(r.vote, r.household, r.choice));
    case 'vote_close':
      return text(join(r.vote), join(r.vote));
    case 'lock':
      return text(`结账至 ${r.end_date}`, `locked through ${r.end_date}`);
    default:
      return text(join(amount, r.note), join(amount, r.note));
  }
}

/** A register entry in a few words (its payload decoded by the one converter). */
function registerSummary(r: LogRow): Text {
  let e;
  try {
    e = registerEntryOf(r as LogRow & { kind: EntryKind });
  } catch {
    return text(r.kind, r.kind);
  }
  const join = (...parts: (string | null | undefined)[]) => parts.filter((p) => p !== null && p !== undefined && p !== '').join(' ');
  switch (e.kind) {
    case 'household':
      return text(join(e.code, e.owner, `${formatArea(e.areaCenti)}㎡`, e.since), join(e.code, e.owner, `${formatArea(e.areaCenti)} m2`, e.since));
    case 'transfer':
      return text(join(e.code, `→ ${e.owner}`, e.note), join(e.code, `-> ${e.owner}`, e.note));
    case 'correction':
      return text(join(e.code, e.owner, e.areaCenti !== undefined ? `${formatArea(e.areaCenti)}㎡` : null, e.reason), join(e.code, e.owner, e.areaCenti !== undefined ? `${formatArea(e.areaCenti)} m2` : null, e.reason));
    case 'household_end':
      return text(join(e.code, e.reason), join(e.code, e.reason));
    case 'appointment':
      return text(`${e.person} 为${ROLE_NAMES[e.role].zh}`, `${e.person} as ${ROLE_NAMES[e.role].en}`);
    case 'role_end':
      return text(join(`${e.person} 卸任${ROLE_NAMES[e.role].zh}`, e.reason), join(`${e.person} no longer ${ROLE_NAMES[e.role].en}`, e.reason));
    case 'handover':
      return text(`${ROLE_NAMES[e.role].zh} ${e.from} → ${e.to}`, `${ROLE_NAMES[e.role].en} ${e.from} -> ${e.to}`);
    case 'fee_standard':
      return text(`${e.year} 年 ${formatFenGrouped(e.rateFen)} ${FEE_BASIS_NAMES[e.per].zh}`, `${e.year}: ${formatFenGrouped(e.rateFen)} ${FEE_BASIS_NAMES[e.per].en}`);
    case 'setting':
      return text(`${e.key} = ${String(e.value)}`, `${e.key} = ${String(e.value)}`);
    case 'category':
      return text(join(e.line, e.name, e.nameEn), join(e.line, e.name, e.nameEn));
    case 'upgrade':
      return text(e.note, e.note);
    case 'key':
      return text(`${e.person} 的密钥 ${e.fingerprint}`, `${e.person}'s key ${e.fingerprint}`);
  }
}
