import { formatArea } from '../domain/area.js';
import { text, type Text } from '../domain/errors.js';
import { formatFenGrouped } from '../domain/money.js';
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
  fee: text('设定物业费', 'fee set'),
};

const METHOD_NAMES: Record<string, Text> = {
  cash: text('现金', 'cash'),
  wechat: text('微信', 'wechat'),
  alipay: text('支付宝', 'alipay'),
  bank: text('银行转账', 'bank'),
  other: text('其他方式', 'other'),
};

/** What kind of record a line is, in words. */
export function logKind(r: LogRow): Text {
  if (r.source === 'role') return text('任命', 'role');
  if (r.source === 'category') return text('新增类别', 'category');
  return KIND_NAMES[r.kind] ?? text(r.kind, r.kind);
}

/** One short line on what was recorded. */
export function logSummary(r: LogRow): Text {
  const amount = r.amount_fen === null ? '' : formatFenGrouped(r.amount_fen);
  const join = (...parts: (string | null | undefined)[]) => parts.filter((p) => p !== null && p !== undefined && p !== '').join(' ');
  switch (r.source) {
    case 'role':
      return text(`${r.party} 为 ${r.kind}`, `${r.party} as ${r.kind}`);
    case 'household': {
      const area = r.amount_fen === null ? '' : `${formatArea(r.amount_fen)}㎡`;
      return text(join(r.household, r.party, area), join(r.household, r.party, area));
    }
    case 'fee':
      return text(`${r.year} 年 ${amount} 元/户`, `${r.year}: ${amount} per household`);
    case 'category':
      return text(join(r.kind, r.category, r.item), join(r.kind, r.category, r.item));
    default:
      break;
  }
  switch (r.kind) {
    case 'charge':
      return text(join(r.household, `${r.year}年`, amount), join(r.household, String(r.year), amount));
    case 'collection': {
      const method = r.method === null ? null : (METHOD_NAMES[r.method] ?? text(r.method, r.method));
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
