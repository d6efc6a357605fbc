import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseCapitals, formatFen, formatFenGrouped, MAX_AMOUNT_FEN, parseAmount } from '../../src/domain/money.js';

describe('parseAmount', () => {
  it.each([
    ['500', 50000],
    ['500.5', 50050],
    ['500.50', 50050],
    ['0.01', 1],
    ['¥500', 50000],
    ['￥ 500', 50000],
    ['500元', 50000],
    ['1,000.00', 100000],
    [' 42 ', 4200],
    ['100000000', MAX_AMOUNT_FEN],
  ])('%s is %i fen', (input, fen) => expect(parseAmount(input)).toBe(fen));

  it.each(['abc', '-5', '0', '0.00', '500.001', '1e3', '', '5 00', '500.', '.5', '1,00', '100000000.01', 'NaN', 'Infinity', '0x10', '+5'])(
    '%j is refused',
    (input) => expect(parseAmount(input)).toBeNull(),
  );

  it('round-trips every amount through formatFen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_FEN }), (fen) => {
        expect(parseAmount(formatFen(fen))).toBe(fen);
        expect(parseAmount(formatFenGrouped(fen))).toBe(fen);
      }),
    );
  });
});

describe('formatFen', () => {
  it.each([
    [0, '0.00', '0.00'],
    [5, '0.05', '0.05'],
    [50000, '500.00', '500.00'],
    [5588600, '55886.00', '55,886.00'],
    [-12345, '-123.45', '-123.45'],
    [123456789, '1234567.89', '1,234,567.89'],
  ])('%i fen', (fen, plain, grouped) => {
    expect(formatFen(fen)).toBe(plain);
    expect(formatFenGrouped(fen)).toBe(grouped);
  });
});

describe('chineseCapitals (大写)', () => {
  it.each([
    [50000, '伍佰元整'],
    [100000, '壹仟元整'],
    [50050, '伍佰元伍角整'],
    [50055, '伍佰元伍角伍分'],
    [50005, '伍佰元零伍分'],
    [5, '伍分'],
    [50, '伍角整'],
    [1000, '壹拾元整'],
    [100100, '壹仟零壹元整'],
    [1001000, '壹万零壹拾元整'],
    [1000000, '壹万元整'],
    [1001001, '壹万零壹拾元零壹分'],
    [5588600, '伍万伍仟捌佰捌拾陆元整'],
    [10000000000, '壹亿元整'],
    [10001000000, '壹亿零壹万元整'],
    [1230045600, '壹仟贰佰叁拾万零肆佰伍拾陆元整'],
    [0, '零元整'],
  ])('%i fen is %s', (fen, words) => expect(chineseCapitals(fen)).toBe(words));

  it('never has two 零 in a row, nor a 零 before a unit or at the end of the yuan', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_AMOUNT_FEN }), (fen) => {
        const s = chineseCapitals(fen);
        expect(s).not.toMatch(/零零|零[元万亿角]|^零/);
        expect(s).toMatch(/(整|分)$/);
      }),
    );
  });
});
