import { type IsoDate, daysInMonth, isoDate, previousDay, yearOf, monthOf } from './dates.js';

/** A reporting period; both ends inclusive, as the contract says. */
export interface Period {
  from: IsoDate;
  to: IsoDate;
  /** `2022H2`, `2022`, or `2022-07-01..2022-09-30`. */
  label: string;
}

const HALF = /^(\d{4})-?[hH]([12])$/;

export function halfYear(year: number, half: 1 | 2): Period {
  return half === 1
    ? { from: isoDate(year, 1, 1), to: isoDate(year, 6, 30), label: `${year}H1` }
    : { from: isoDate(year, 7, 1), to: isoDate(year, 12, 31), label: `${year}H2` };
}

export function wholeYear(year: number): Period {
  return { from: isoDate(year, 1, 1), to: isoDate(year, 12, 31), label: String(year) };
}

/** `2022H2`, `2022-H2`, `2022h2`; null when malformed. */
export function parseHalf(input: string): Period | null {
  const m = HALF.exec(input.trim());
  if (!m) return null;
  return halfYear(Number(m[1]), Number(m[2]) as 1 | 2);
}

/** The last half-year that has ended by `today`. */
export function lastCompletedHalf(today: IsoDate): Period {
  const y = yearOf(today);
  return monthOf(today) >= 7 ? halfYear(y, 1) : halfYear(y - 1, 2);
}

export function customPeriod(from: IsoDate, to: IsoDate): Period {
  return { from, to, label: `${from}..${to}` };
}

/** The half-year that contains a date. */
export function halfOf(date: IsoDate): Period {
  return halfYear(yearOf(date), monthOf(date) <= 6 ? 1 : 2);
}

/** The last day of the half-year before the one `date` is in: a disclosure's opening day (2024-12-31 -> 2024-06-30). */
export function halfYearEndBefore(date: IsoDate): IsoDate {
  return previousDay(halfOf(date).from);
}

/** Chinese caption for a period: `2022年7月—12月`, `2022年度`, `2022年7月1日—2022年9月30日`. */
export function periodCaption(period: Period, lang: 'zh' | 'en'): string {
  const [fy, fm] = [yearOf(period.from), monthOf(period.from)];
  const [ty, tm] = [yearOf(period.to), monthOf(period.to)];
  const wholeMonths = period.from.endsWith('-01') && isMonthEnd(period.to);
  if (lang === 'en') {
    if (/^\d{4}H[12]$/.test(period.label)) return `${period.label} (${period.from} to ${period.to})`;
    if (/^\d{4}$/.test(period.label)) return `year ${period.label}`;
    return `${period.from} to ${period.to}`;
  }
  if (/^\d{4}$/.test(period.label)) return `${fy}年度`;
  if (wholeMonths && fy === ty) return `${fy}年${fm}月—${tm}月`;
  const d = (s: IsoDate) => `${yearOf(s)}年${monthOf(s)}月${Number(s.slice(8))}日`;
  return `${d(period.from)}—${d(period.to)}`;
}

function isMonthEnd(date: IsoDate): boolean {
  return Number(date.slice(8)) === daysInMonth(yearOf(date), monthOf(date));
}
