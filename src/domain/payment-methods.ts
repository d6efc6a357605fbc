/**
 * How money was paid (付款方式): the one list of payment methods, their names in both
 * languages, and the words a treasurer actually writes for them (on the command line, in a
 * collections CSV or spreadsheet). Every other module imports these; none names a method itself.
 */
import { text, type Text } from './errors.js';

export const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'bank', 'other'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** The name printed on receipts, logs and exports. */
export const PAYMENT_METHOD_NAMES: Record<PaymentMethod, Text> = {
  cash: text('现金', 'cash'),
  wechat: text('微信', 'wechat'),
  alipay: text('支付宝', 'alipay'),
  bank: text('银行转账', 'bank'),
  other: text('其他', 'other'),
};

/**
 * Every spelling accepted for a method besides its English name, compared after
 * normalising (see `parsePaymentMethod`): the Chinese name and the variants seen on paper
 * ledgers and in WeChat/Alipay exports (现金支付, 微信转账, 刷卡 ...).
 */
const ALIASES: Record<PaymentMethod, readonly string[]> = {
  cash: ['现金', '现金支付', '现金缴纳', '现金缴费', '现款'],
  wechat: ['微信', '微信支付', '微信转账', '微信扫码', '微信收款', '微信红包', 'weixin', 'wx', 'wepay', 'wechatpay', 'wechat pay'],
  alipay: ['支付宝', '支付宝支付', '支付宝转账', '支付宝扫码', '支付宝收款', 'zfb'],
  bank: ['银行', '银行转账', '转账', '银行卡', '刷卡', 'pos', 'pos机', '网银', '对公转账', '汇款', 'card', 'transfer', 'bank transfer'],
  other: ['其他', '其它', '其他方式', '其它方式'],
};

const normalise = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

const LOOKUP = new Map<string, PaymentMethod>(
  PAYMENT_METHODS.flatMap((m) => [[m, m] as const, ...ALIASES[m].map((a) => [normalise(a), m] as const)]),
);

/** The method `s` names (English or Chinese, full- or half-width, any case), or null. */
export function parsePaymentMethod(s: string): PaymentMethod | null {
  return LOOKUP.get(normalise(s)) ?? null;
}

/** A stored method's name in `lang`; a value unknown to this list is shown as stored. */
export function paymentMethodName(method: string, lang: 'zh' | 'en'): string {
  return (PAYMENT_METHOD_NAMES as Record<string, Text | undefined>)[method]?.[lang] ?? method;
}

/** A stored method's name in both languages. */
export function paymentMethodText(method: string): Text {
  return (PAYMENT_METHOD_NAMES as Record<string, Text | undefined>)[method] ?? text(method, method);
}

/** The accepted methods, as an error lists them: `现金、微信、…` or `cash, wechat, …`. */
export function paymentMethodList(): Text {
  return text(
    PAYMENT_METHODS.map((m) => PAYMENT_METHOD_NAMES[m].zh).join('、'),
    PAYMENT_METHODS.join(', '),
  );
}
