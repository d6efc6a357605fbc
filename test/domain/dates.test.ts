import { describe, expect, it } from 'vitest';
import { nextDay, parseDate, previousDay } from '../../src/domain/dates.js';
import { halfOf, lastCompletedHalf, parseHalf, periodCaption } from '../../src/domain/period.js';

describe('parseDate', () => {
  it.each([
    ['2022-07-01', '2022-07-01'],
    ['2022/7/1', '2022-07-01'],
    ['2022.12.31', '2022-12-31'],
    ['2024-02-29', '2024-02-29'],
    [' 2022-01-05 ', '2022-01-05'],
  ])('%s -> %s', (input, iso) => expect(parseDate(input)).toBe(iso));

  it.each(['2022-02-30', '2023-02-29', '1900-02-29', '2022-13-01', '2022-00-10', '22-07-01', '2022-07-01T00:00', 'today', ''])(
    '%j is not a date',
    (input) => expect(parseDate(input)).toBeNull(),
  );

  it('steps across month and year ends', () => {
    expect(previousDay('2023-01-01')).toBe('2022-12-31');
    expect(previousDay('2024-03-01')).toBe('2024-02-29');
    expect(nextDay('2022-12-31')).toBe('2023-01-01');
    expect(nextDay('2023-02-28')).toBe('2023-03-01');
  });
});

describe('periods', () => {
  it.each(['2022H2', '2022-H2', '2022h2'])('%s is the second half of 2022', (s) =>
    expect(parseHalf(s)).toEqual({ from: '2022-07-01', to: '2022-12-31', label: '2022H2' }),
  );

  it.each(['2022H3', '2022', 'H2', '2022-2'])('%s is not a half-year', (s) => expect(parseHalf(s)).toBeNull());

  it('bare --half is the last completed half-year', () => {
    expect(lastCompletedHalf('2023-07-01').label).toBe('2023H1');
    expect(lastCompletedHalf('2023-06-30').label).toBe('2022H2');
    expect(lastCompletedHalf('2023-12-31').label).toBe('2023H1');
    expect(lastCompletedHalf('2024-01-01').label).toBe('2023H2');
  });

  it('names a period the way the notice does', () => {
    expect(periodCaption(parseHalf('2022H2')!, 'zh')).toBe('2022年7月—12月');
    expect(periodCaption(halfOf('2023-03-03'), 'zh')).toBe('2023年1月—6月');
  });
});
