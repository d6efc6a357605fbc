/**
 * zod schemas for every value that enters the ledger, from a flag or a CSV cell. Each turns
 * text into the ledger's own type (fen, hundredths of ㎡, ISO dates) and says, in both
 * languages, what is wrong with a bad value.
 */
import { hasForbiddenText } from '../domain/text.js';
import type { core } from 'zod';
import { z } from './zod.js';
import { parseDate, type IsoDate } from '../domain/dates.js';
import { text, type Text } from '../domain/errors.js';
import { parseAmount, type Fen } from '../domain/money.js';
import { parsePaymentMethod, paymentMethodList, type PaymentMethod } from '../domain/payment-methods.js';

type Ctx = core.$RefinementCtx<string>;

/** Raises `message` as the field's issue, carried as `params.text` (read back by import/issue-text.ts `issueText`). */
function fail(ctx: Ctx, input: unknown, message: Text): never {
  ctx.issues.push({ code: 'custom', message: message.en, input, params: { text: message } });
  return z.NEVER as never;
}

/** What a field's check says of a bad value: the message, in both languages. */
export class Refusal {
  constructor(readonly text: Text) {}
}

/**
 * A field's check as a plain function: the value in the ledger's own type, or a Refusal. The
 * zod field of the same name is made from it (`fieldOf`), so a flag and a CSV cell are checked
 * alike; a bulk import calls the checks directly (`rowParser`), because on a hundred thousand
 * rows zod's own machinery costs more than the checks themselves.
 */
export type Check<T> = (s: string) => T | Refusal;

/** The zod field of a check: the check's value, or its message as the issue. */
const fieldOf = <T>(check: Check<T>) =>
  z.string().transform((s, ctx): T => {
    const v = check(s);
    return v instanceof Refusal ? fail(ctx, s, v.text) : v;
  });

const CONTROL = /[\u0000-\u001f\u007f]/;

export const amountCheck =
  (label: Text): Check<Fen> =>
  (s) =>
    parseAmount(s) ??
    new Refusal(
      text(
        `${label.zh}“${s}”不是有效金额（应大于 0，最多两位小数，如 500 或 500.50）`,
        `${label.en} "${s}" is not a valid amount (more than 0, at most two decimals, e.g. 500 or 500.50)`,
      ),
    );
export const amountField = (label: Text) => fieldOf(amountCheck(label));

/** A real calendar date, not after today. */
export const dateCheck =
  (label: Text, today: IsoDate): Check<IsoDate> =>
  (s) => {
    const d = parseDate(s);
    if (d === null) return new Refusal(text(`${label.zh}“${s}”不是有效日期（格式 YYYY-MM-DD）`, `${label.en} "${s}" is not a real date (YYYY-MM-DD)`));
    if (d > today) return new Refusal(text(`${label.zh} ${d} 在今天（${today}）之后`, `${label.en} ${d} is in the future (today is ${today})`));
    return d;
  };
export const dateField = (label: Text, today: IsoDate) => fieldOf(dateCheck(label, today));

export const codeCheck: Check<string> = (raw) => {
  const s = raw.trim();
  // \uff0c is the full-width comma ，(the bundle stays ASCII: test/cli/code-cache.test.ts).
  if (!s || s.length > 32 || /[\s,\uff0c]/.test(s) || CONTROL.test(s)) {
    return new Refusal(text(`房号“${raw}”无效（不能为空、不能含空格或逗号，最多 32 个字符）`, `household code "${raw}" is not valid (not empty, no spaces or commas, at most 32 characters)`));
  }
  return s;
};
export const codeField = fieldOf(codeCheck);

/**
 * The one check for free text from a flag or a CSV cell (names, owners, payees, items, notes,
 * reasons, titles): trimmed, NFC-normalised (so 张伟 typed two ways is one name), at most
 * `max` characters, and refused (exit 2) if it holds anything `hasForbiddenText` (domain/text.ts) refuses.
 */
export const textCheck =
  (label: Text, options: { max: number; required: boolean }): Check<string> =>
  (raw) => {
    const s = raw.trim().normalize('NFC');
    if (hasForbiddenText(s)) {
      return new Refusal(
        text(
          `${label.zh}含有换行、控制字符、零宽字符或文字方向标记`,
          `${label.en} holds a line break, a control character, a zero-width character or a bidirectional mark`,
        ),
      );
    }
    // Characters, not UTF-16 units (a rare character is two); never more than the units.
    if ((options.required && !s) || (s.length > options.max && [...s].length > options.max)) {
      return new Refusal(
        options.required
          ? text(`${label.zh}不能为空（最多 ${options.max} 个字符）`, `${label.en} must not be empty (at most ${options.max} characters)`)
          : text(`${label.zh}过长（最多 ${options.max} 个字符）`, `${label.en} is too long (at most ${options.max} characters)`),
      );
    }
    return s;
  };
export const textField = (label: Text, options: { max: number; required: boolean }) => fieldOf(textCheck(label, options));

/** A person's, owner's, payee's or category's name, or a short title. */
export const nameField = (label: Text) => textField(label, { max: 60, required: true });

/** A note, reason or reference number (may be empty). */
export const noteCheck = (label: Text) => textCheck(label, { max: 500, required: false });
export const noteField = (label: Text) => fieldOf(noteCheck(label));

/** Square metres with at most two decimals, as hundredths (the register's unit). */
export const areaField = z.string().transform((raw, ctx) => {
  // A unit after the figure: ㎡, m2, 平方米 or 平米 (as \u escapes: the bundle stays ASCII, test/cli/code-cache.test.ts).
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(raw.trim().replace(/\s*(\u33a1|m2|\u5e73\u65b9\u7c73|\u5e73\u7c73)$/i, ''));
  const centi = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : 0;
  if (!m || centi <= 0 || centi > 10_000_000) {
    return fail(ctx, raw, text(`面积“${raw}”无效（应为大于 0 的平方米数，最多两位小数）`, `area "${raw}" is not valid (square metres above 0, at most two decimals)`));
  }
  return centi;
});

export const phoneField = z.string().transform((raw, ctx) => {
  const s = raw.trim();
  if (s === '') return null;
  if (!/^[0-9+\-() ]{3,20}$/.test(s)) {
    return fail(ctx, raw, text(`电话“${raw}”无效`, `phone "${raw}" is not valid`));
  }
  return s;
});

export const yearField = z.string().transform((raw, ctx) => {
  const s = raw.trim();
  const y = /^\d{4}$/.test(s) ? Number(s) : NaN;
  if (!(y >= 2000 && y <= 2100)) {
    return fail(ctx, raw, text(`年份“${raw}”无效（如 2023）`, `year "${raw}" is not valid (e.g. 2023)`));
  }
  return y;
});

/** One of a fixed list, given in English or by its Chinese name. */
export function choiceField<T extends string>(label: Text, values: Record<T, string[]>) {
  return z.string().transform((raw, ctx): T => {
    const s = raw.trim().toLowerCase();
    for (const [value, aliases] of Object.entries(values) as [T, string[]][]) {
      if (s === value || aliases.includes(s)) return value;
    }
    const known = Object.keys(values).join(', ');
    return fail(ctx, raw, text(`${label.zh}“${raw}”无效，可选：${known}`, `${label.en} "${raw}" is not one of: ${known}`));
  });
}

/** A payment method, in English or Chinese (现金, 微信支付, 银行转账 ...): see domain/payment-methods.ts. */
export const methodCheck: Check<PaymentMethod> = (raw) => {
  const m = parsePaymentMethod(raw);
  if (m !== null) return m;
  const known = paymentMethodList();
  return new Refusal(text(`付款方式“${raw}”无效，可选：${known.zh}`, `method "${raw}" is not one of: ${known.en}`));
};
export const methodField = fieldOf(methodCheck);

/** A row's field: its check, and whether an empty cell of an optional column may leave it out. */
export interface RowField<T, Optional extends boolean> {
  check: Check<T>;
  optional: Optional;
}
export const required = <T>(check: Check<T>): RowField<T, false> => ({ check, optional: false });
export const optional = <T>(check: Check<T>): RowField<T, true> => ({ check, optional: true });

type Fields = Record<string, RowField<unknown, boolean>>;
type ValueOf<F> = F extends RowField<infer T, boolean> ? T : never;
/** The row a parser of `F` makes: its required fields, and its optional ones when given. */
export type RowOf<F extends Fields> = { [K in keyof F as F[K] extends RowField<unknown, false> ? K : never]: ValueOf<F[K]> } & {
  [K in keyof F as F[K] extends RowField<unknown, true> ? K : never]?: ValueOf<F[K]>;
};

/**
 * What `readRows` (import/csv.ts) calls on each row's cells (by column key, trimmed; an empty
 * optional cell absent): the typed row, or undefined having added every problem to `issues`.
 */
export interface RowParser<T> {
  parseRow(record: Readonly<Record<string, string | undefined>>, issues: Text[]): T | undefined;
}

const MISSING = text('Invalid input: expected string, received undefined', 'Invalid input: expected string, received undefined');

/**
 * A row parser made of field checks, for the bulk imports: it checks what the zod object of the
 * same fields checks and says what it says, field by field in order, every problem of the row.
 */
export function rowParser<F extends Fields>(fields: F): RowParser<RowOf<F>> {
  const keys = Object.keys(fields);
  const checks = keys.map((k) => fields[k]!);
  return {
    parseRow(record, issues) {
      const row: Record<string, unknown> = {};
      let ok = true;
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i]!;
        const cell = record[key];
        if (cell === undefined) {
          if (checks[i]!.optional) continue;
          issues.push(MISSING); // as zod says it
          ok = false;
          continue;
        }
        const v = checks[i]!.check(cell);
        if (v instanceof Refusal) {
          issues.push(v.text);
          ok = false;
        } else row[key] = v;
      }
      return ok ? (row as RowOf<F>) : undefined;
    },
  };
}

export const label = {
  amount: text('金额', 'amount'),
  date: text('日期', 'date'),
  owner: text('业主', 'owner'),
  name: text('名称', 'name'),
  person: text('姓名', 'name'),
  note: text('备注', 'note'),
  since: text('入住日期', 'since'),
  ownerId: text('业主编号', 'owner id'),
  reason: text('原因', 'reason'),
};

/** A role, by its English key or its Chinese name (主任, 收费记账, 支出报账, 监督). */
export const roleField = choiceField(text('角色', 'role'), {
  chair: ['主任', '物管会主任'],
  collector: ['收费', '收费记账', '收费记账人'],
  reimburser: ['报账', '支出报账', '支出报账人'],
  supervisor: ['监督', '监督人'],
});
