/**
 * Calendar dates are `YYYY-MM-DD` strings: they sort as text, compare as text and are what
 * SQLite stores. "Today" is always passed in; nothing here reads the clock.
 */
export type IsoDate = string;

const DATE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;

/**
 * Accepts `2022-07-01` and what spreadsheets write (`2022/7/1`, `2022.7.1`); returns the
 * canonical `2022-07-01`, or null when it is not a real calendar date.
 */
export function parseDate(input: string): IsoDate | null {
  const m = DATE.exec(input.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return isoDate(y, mo, d);
}

export function isoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The local calendar date of an instant (the committee's own day, not UTC's). */
export function localDate(now: Date): IsoDate {
  return isoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

export function monthOf(date: IsoDate): number {
  return Number(date.slice(5, 7));
}

/** The day before, e.g. the last day of the previous period. */
export function previousDay(date: IsoDate): IsoDate {
  const [y, m, d] = [yearOf(date), monthOf(date), Number(date.slice(8, 10))];
  if (d > 1) return isoDate(y, m, d - 1);
  if (m > 1) return isoDate(y, m - 1, daysInMonth(y, m - 1));
  return isoDate(y - 1, 12, 31);
}

export function nextDay(date: IsoDate): IsoDate {
  const [y, m, d] = [yearOf(date), monthOf(date), Number(date.slice(8, 10))];
  if (d < daysInMonth(y, m)) return isoDate(y, m, d + 1);
  if (m < 12) return isoDate(y, m + 1, 1);
  return isoDate(y + 1, 1, 1);
}

export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);
