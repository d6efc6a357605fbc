/**
 * zod schemas for every value that enters the ledger, from a flag or a CSV cell. Each turns
 * text into the ledger's own type (fen, hundredths of ㎡, ISO dates) and says, in both
 * languages, what is wrong with a bad value.
 */
import { hasForbiddenText } from '../domain/text.js';
import { z } from 'zod';
import { parseDate, type IsoDate } from '../domain/dates.js';
import { text, type Text } from '../domain/errors.js';
import { parseAmount } from '../domain/money.js';
import { parsePaymentMethod, paymentMethodList, type PaymentMethod } from '../domain/payment-methods.js';

type Ctx = z.core.$RefinementCtx<string>;

function fail(ctx: Ctx, input: unknown, message: Text): never {
  ctx.issues.push({ code: 'custom', message: message.en, input, params: { text: message } });
  return z.NEVER as never;
}

/** The bilingual message carried by an issue raised above, or zod's own. */
export function issueText(issue: z.core.$ZodIssue): Text {
  const t = (issue as { params?: { text?: Text } }).params?.text;
  return t ?? text(issue.message, issue.message);
}

const CONTROL = /[\u0000-\u001f\u007f]/;

export const amountField = (label: Text) =>
  z.string().transform((s, ctx) => {
    const fen = parseAmount(s);
    if (fen === null) {
      return fail(
        ctx,
        s,
        text(
          `${label.zh}“${s}”不是有效金额（应大于 0，最多两位小数，如 500 或 500.50）`,
          `${label.en} "${s}" is not a valid amount (more than 0, at most two decimals, e.g. 500 or 500.50)`,
        ),
      );
    }
    return fen;
  });

/** A real calendar date, not after today. */
export const dateField = (label: Text, today: IsoDate) =>
  z.string().transform((s, ctx): IsoDate => {
    const d = parseDate(s);
    if (d === null) {
      return fail(ctx, s, text(`${label.zh}“${s}”不是有效日期（格式 YYYY-MM-DD）`, `${label.en} "${s}" is not a real date (YYYY-MM-DD)`));
    }
    if (d > today) {
      return fail(ctx, s, text(`${label.zh} ${d} 在今天（${today}）之后`, `${label.en} ${d} is in the future (today is ${today})`));
    }
    return d;
  });

export const codeField = z.string().transform((raw, ctx) => {
  const s = raw.trim();
  if (!s || s.length > 32 || /[\s,，]/.test(s) || CONTROL.test(s)) {
    return fail(ctx, raw, text(`房号“${raw}”无效（不能为空、不能含空格或逗号，最多 32 个字符）`, `household code "${raw}" is not valid (not empty, no spaces or commas, at most 32 characters)`));
  }
  return s;
});

/**
 * The one schema for free text from a flag or a CSV cell (names, owners, payees, items, notes,
 * reasons, titles): trimmed, NFC-normalised (so 张伟 typed two ways is one name), at most
 * `max` characters, and refused (exit 2) if it holds anything `hasForbiddenText` (domain/text.ts) refuses.
 */
export const textField = (label: Text, options: { max: number; required: boolean }) =>
  z.string().transform((raw, ctx) => {
    const s = raw.trim().normalize('NFC');
    if (hasForbiddenText(s)) {
      return fail(
        ctx,
        raw,
        text(
          `${label.zh}含有换行、控制字符、零宽字符或文字方向标记`,
          `${label.en} holds a line break, a control character, a zero-width character or a bidirectional mark`,
        ),
      );
    }
    if ((options.required && !s) || [...s].length > options.max) {
      return fail(
        ctx,
        raw,
        options.required
          ? text(`${label.zh}不能为空（最多 ${options.max} 个字符）`, `${label.en} must not be empty (at most ${options.max} characters)`)
          : text(`${label.zh}过长（最多 ${options.max} 个字符）`, `${label.en} is too long (at most ${options.max} characters)`),
      );
    }
    return s;
  });

/** A person's, owner's, payee's or category's name, or a short title. */
export const nameField = (label: Text) => textField(label, { max: 60, required: true });

/** A note, reason or reference number (may be empty). */
export const noteField = (label: Text) => textField(label, { max: 500, required: false });

/** Square metres with at most two decimals, as hundredths (the register's unit). */
export const areaField = z.string().transform((raw, ctx) => {
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(raw.trim().replace(/\s*(㎡|m2|平方米|平米)$/i, ''));
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
export const methodField = z.string().transform((raw, ctx): PaymentMethod => {
  const m = parsePaymentMethod(raw);
  if (m !== null) return m;
  const known = paymentMethodList();
  return fail(ctx, raw, text(`付款方式“${raw}”无效，可选：${known.zh}`, `method "${raw}" is not one of: ${known.en}`));
});

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
