/**
 * The ledger's numbering series. Each is numbered per calendar year of the entry's date,
 * consecutively from 1 with no gaps: receipts (收据, for fee collections and other income
 * alike) R2022-0001, expense vouchers E2022-0001, votes V2022-01, waivers (减免) W2023-0001 and
 * refunds (退费) T2023-0001.
 */
export type Series = 'receipt' | 'expense' | 'vote' | 'waiver' | 'refund';

export const SERIES: Record<Series, { letter: 'R' | 'E' | 'V' | 'W' | 'T'; width: number }> = {
  receipt: { letter: 'R', width: 4 },
  expense: { letter: 'E', width: 4 },
  vote: { letter: 'V', width: 2 },
  waiver: { letter: 'W', width: 4 },
  refund: { letter: 'T', width: 4 },
};

/** Which series an entry of a kind is numbered in; other kinds carry no number. */
export const SERIES_OF_KIND: Readonly<Record<string, Series>> = {
  collection: 'receipt',
  income: 'receipt',
  expense: 'expense',
  vote: 'vote',
  waiver: 'waiver',
  refund: 'refund',
};

/** `R2022-`: what every number of a series and year starts with. */
export const seriesPrefix = (series: Series, year: number): string => `${SERIES[series].letter}${year}-`;

/** The n-th number of a series in a year: `formatNumber('receipt', 2022, 7)` is `R2022-0007`. */
export const formatNumber = (series: Series, year: number, n: number): string =>
  `${seriesPrefix(series, year)}${String(n).padStart(SERIES[series].width, '0')}`;
