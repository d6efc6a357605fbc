import { describe, expect, it } from 'vitest';
import { arrearsSummary } from '../../src/reports/arrears.js';

describe('arrearsSummary: what the owing rooms owe, in all, for the fee year and before it', () => {
  const room = (years: [number, number][]) => ({ owed_fen: years.reduce((s, [, f]) => s + f, 0), years: years.map(([year, owed_fen]) => ({ year, owed_fen })) });

  it('counts a room owing for both the fee year and earlier years in both, and a later year in neither', () => {
    const rooms = [room([[2024, 60000]]), room([[2022, 10000], [2023, 50000], [2024, 60000]]), room([[2023, 1]]), room([[2025, 60000]])];
    expect(arrearsSummary(rooms, 2024)).toEqual({
      households: 4,
      total_fen: 60000 + 120000 + 1 + 60000,
      current_year: { year: 2024, households: 2, total_fen: 120000 },
      earlier_years: { households: 2, total_fen: 60001 },
    });
  });

  it('is all zero for no rooms', () => {
    expect(arrearsSummary([], 2024)).toEqual({ households: 0, total_fen: 0, current_year: { year: 2024, households: 0, total_fen: 0 }, earlier_years: { households: 0, total_fen: 0 } });
  });
});
