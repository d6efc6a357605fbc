/**
 * Percentages as the ledger shows them, everywhere (收缴率, 参与率, 同意率; reports, notices,
 * `vote show`, `status`, `budget`): one decimal, rounded half up, computed from integers.
 * One precision for all, so the notice on the board and the screen never disagree (they
 * once said 87.0% and 86.95% of the same vote).
 */

/** round(part / whole × 1000), half up, by integer arithmetic; null when whole is 0. */
export function perMille(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.floor((part * 2000 + whole) / (whole * 2));
}

/** `932` -> `93.2%`; null (nothing to measure against) -> `—`. */
export function formatPerMille(permille: number | null): string {
  if (permille === null) return '—';
  const sign = permille < 0 ? '-' : '';
  const abs = Math.abs(permille);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}%`;
}

/** `part` of `whole` as a percentage: `formatPercent(1739, 2000)` is `87.0%` (86.95, half up). */
export function formatPercent(part: number, whole: number): string {
  return formatPerMille(perMille(part, whole));
}
