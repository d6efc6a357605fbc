/**
 * Money is an integer number of fen (分) from parsing to output. These are the only places
 * where text becomes fen or fen becomes text.
 */
export type Fen = number;

/** The contract's ceiling: at most 100,000,000 yuan in one amount. */
export const MAX_AMOUNT_FEN: Fen = 100_000_000 * 100;

const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/;

/**
 * Parses `500`, `500.5`, `500.50`, `¥500`, `500元`, `1,000.00` into fen.
 * Returns null for anything else: `abc`, `-5`, `0`, `500.001`, `1e3`, over the ceiling.
 */
export function parseAmount(input: string): Fen | null {
  let s = input.trim();
  // ¥ ￥ before, 元 after, as \u escapes (the bundle stays ASCII: test/cli/code-cache.test.ts).
  s = s.replace(/^[\u00a5\uffe5]\s*/, '').replace(/\s*\u5143$/, '');
  const m = AMOUNT.exec(s);
  if (!m) return null;
  const yuan = m[1]!.replace(/,/g, '');
  if (yuan.length > 9) return null;
  const fen = Number(yuan) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (fen <= 0 || fen > MAX_AMOUNT_FEN) return null;
  return fen;
}

/** `5588600` -> `55886.00`; `-12345` -> `-123.45`. Plain: no thousands separators. */
export function formatFen(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = abs % 100;
  return `${sign}${yuan}.${String(cents).padStart(2, '0')}`;
}

/** `5588600` -> `55,886.00`, for tables and notices. */
export function formatFenGrouped(fen: Fen): string {
  const plain = formatFen(fen);
  const [int, dec] = plain.split('.');
  return `${int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec}`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿'];

/**
 * The amount in Chinese capitals (大写) as written on a receipt:
 * 50000 -> 伍佰元整, 100050 -> 壹仟元伍角整, 1001001 -> 壹万零壹拾元零壹分.
 */
export function chineseCapitals(fen: Fen): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not a fen amount: ${fen}`);
  if (fen === 0) return '零元整';
  const yuan = Math.trunc(fen / 100);
  const jiao = Math.trunc(fen / 10) % 10;
  const cents = fen % 10;
  let out = '';
  if (yuan > 0) out = `${integerCapitals(yuan)}元`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  if (cents > 0) {
    if (jiao === 0 && yuan > 0) out += '零';
    out += `${DIGITS[cents]}分`;
  } else {
    out += '整';
  }
  return out;
}

function integerCapitals(n: number): string {
  const digits = String(n);
  let out = '';
  let pendingZero = false;
  let groupHasDigit = false;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]);
    const place = digits.length - 1 - i;
    if (d === 0) {
      pendingZero = true;
    } else {
      if (pendingZero && out !== '') out += '零';
      pendingZero = false;
      groupHasDigit = true;
      out += DIGITS[d]! + PLACES[place % 4]!;
    }
    if (place % 4 === 0) {
      if (groupHasDigit && place > 0) out += GROUPS[place / 4]!;
      groupHasDigit = false;
    }
  }
  return out;
}
