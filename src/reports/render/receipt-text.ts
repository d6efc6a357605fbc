import { chineseCapitals, formatFenGrouped } from '../../domain/money.js';
import { paymentMethodName } from '../../domain/payment-methods.js';
import type { Receipt } from '../receipt.js';

/** The receipt as printed at the gate; the amount also in Chinese capitals (大写). */
export function receiptText(r: Receipt, lang: 'zh' | 'en'): string {
  const paidFor = r.allocations.map((a) => (lang === 'zh' ? `${a.year}年 ${formatFenGrouped(a.amount_fen)}元` : `${a.year}: ${formatFenGrouped(a.amount_fen)}`));
  const allocated = r.allocations.reduce((s, a) => s + a.amount_fen, 0);
  const prepaid = r.kind === 'collection' ? r.amount_fen - allocated : 0;
  const lines: string[] = [];
  if (lang === 'zh') {
    lines.push(`${r.compound} 收据${r.void ? '（作废）' : ''}`, `编号：${r.number}    日期：${r.date}`);
    if (r.kind === 'collection') lines.push(`房号：${r.household}    业主：${r.owner ?? ''}`, `项目：物业管理费`);
    else lines.push(`交款人：${r.payer ?? ''}`, `项目：${r.category?.zh ?? ''}`);
    lines.push(`金额：¥${formatFenGrouped(r.amount_fen)}`, `大写：人民币${chineseCapitals(r.amount_fen)}`);
    if (paidFor.length) lines.push(`抵缴：${paidFor.join('；')}`);
    if (prepaid > 0) lines.push(`预收：${formatFenGrouped(prepaid)}元`);
    if (r.method) lines.push(`方式：${paymentMethodName(r.method, 'zh')}`);
    if (r.paper_receipt) lines.push(`原纸质收据号：${r.paper_receipt}`);
    if (r.note) lines.push(`备注：${r.note}`);
    lines.push(`收款人（收费记账）：${r.recorded_by}`);
    if (r.void) lines.push(`作废：${r.void.date}，原因：${r.void.reason}（${r.void.by}）`);
    if (r.seq != null && r.code) lines.push(`记录号 ${r.seq} · 校验码 ${r.code}`);
  } else {
    lines.push(`${r.compound} receipt${r.void ? ' (VOID 作废)' : ''}`, `No. ${r.number}    date ${r.date}`);
    if (r.kind === 'collection') lines.push(`household ${r.household}    owner ${r.owner ?? ''}`, 'for: property management fee');
    else lines.push(`payer: ${r.payer ?? ''}`, `for: ${r.category?.en ?? ''}`);
    lines.push(`amount: ¥${formatFenGrouped(r.amount_fen)}`, `in capitals: 人民币${chineseCapitals(r.amount_fen)}`);
    if (paidFor.length) lines.push(`pays: ${paidFor.join('; ')}`);
    if (prepaid > 0) lines.push(`prepaid: ${formatFenGrouped(prepaid)}`);
    if (r.method) lines.push(`method: ${paymentMethodName(r.method, 'en')}`);
    if (r.paper_receipt) lines.push(`paper receipt: ${r.paper_receipt}`);
    if (r.note) lines.push(`note: ${r.note}`);
    lines.push(`received by (collector): ${r.recorded_by}`);
    if (r.void) lines.push(`voided on ${r.void.date}: ${r.void.reason} (${r.void.by})`);
    if (r.seq != null && r.code) lines.push(`记录号 ${r.seq} · 校验码 ${r.code}`);
  }
  return lines.join('\n');
}
