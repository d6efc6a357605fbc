import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TempLedger, expectRefused } from '../helpers/run-ledger.js';

/**
 * `household import` writes its rows to the journal without holding them in the projection
 * (issue 13): the rules are checked against the register as it stood when the import began and
 * against the file itself, and the namesake warning is worked out from the journal afterwards.
 * These pin down that the outcome is what the per-household projection gave.
 */

const ledgers: TempLedger[] = [];
const standard = () => {
  const l = TempLedger.standard();
  ledgers.push(l);
  return l;
};
afterEach(() => {
  while (ledgers.length) ledgers.pop()!.cleanup();
});

const CHAIR = ['--by', '张主任'];

function csv(l: TempLedger, name: string, rows: string[]): string {
  const file = path.join(l.dir, name);
  fs.writeFileSync(file, `code,owner,area,phone,since,owner_id\n${rows.join('\n')}\n`);
  return file;
}

const warned = (stderr: string) =>
  stderr
    .split('\n')
    .filter((line) => line.startsWith('warning: '))
    .map((line) => /^warning: (.*) have owners of the same name/.exec(line)?.[1] ?? line);

function expectVerifies(l: TempLedger): void {
  const j = l.json<{ ok: boolean; problems: unknown[] }>(['verify']);
  expect(j.problems).toEqual([]);
  expect(j.ok).toBe(true);
}

describe('household import', () => {
  it('warns of namesakes among the units on the register and in the file, by current owner and owner id', () => {
    const l = standard();
    l.ok([...CHAIR, 'household', 'add', '1-1-101', '--owner', '张伟', '--area', '80']);
    l.ok([...CHAIR, 'household', 'add', '1-1-102', '--owner', '李娜', '--area', '80']);
    l.ok([...CHAIR, 'household', 'transfer', '1-1-102', '--to', '赵六', '--date', '2023-07-01']);
    l.ok([...CHAIR, 'household', 'add', '1-1-103', '--owner', '孙七', '--area', '80']);
    l.ok([...CHAIR, 'household', 'end', '1-1-103', '--date', '2023-07-01', '--reason', '迁出']);
    const file = csv(l, 'register.csv', [
      '2-1-109,吴九,70,,,',
      '2-1-101,张伟,70,,,', // with 1-1-101
      '2-1-102,李娜,70,,,', // 1-1-102 is 赵六's now
      '2-1-103,赵六,70,,,', // with 1-1-102
      '2-1-104,孙七,70,,,', // 1-1-103 has left the register
      '2-1-105,周八,70,,,A',
      '2-1-106,周八,70,,,B',
      '2-1-107,周八#A,70,,,', // the same owner key as 周八 with id A
      '2-1-108,吴九,70,,,',
    ]);
    const r = l.run([...CHAIR, 'household', 'import', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('imported 9 households, 630.00 m2 in all\n');
    expect(warned(r.stderr)).toEqual(['1-1-101, 2-1-101', '1-1-102, 2-1-103', '2-1-105, 2-1-107', '2-1-108, 2-1-109']);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(4);
    expect(l.json<unknown[]>(['household', 'list'])).toHaveLength(12);
    expectVerifies(l);
  });

  it('lists the first 20 groups of namesakes by their first unit, then how many more', () => {
    const l = standard();
    const rows: string[] = [];
    // 25 pairs, written in reverse: the warning still starts from the smallest code.
    for (let i = 25; i >= 1; i--) {
      const n = String(i).padStart(2, '0');
      rows.push(`3-${n}-101,业主${n},70,,,`, `4-${n}-101,业主${n},70,,,`);
    }
    rows.push('5-1-101,独户,70,,,');
    const r = l.run([...CHAIR, 'household', 'import', csv(l, 'pairs.csv', rows)]);
    expect(r.code).toBe(0);
    const lines = warned(r.stderr);
    expect(lines.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => `3-${String(i + 1).padStart(2, '0')}-101, 4-${String(i + 1).padStart(2, '0')}-101`));
    expect(lines.slice(20)).toEqual(['warning: and 5 more groups of units whose owners share a name']);
    expect(l.json([...CHAIR, 'household', 'import', csv(l, 'none.csv', ['6-1-101,无名,70,,,'])]).imported).toBe(1);
    expectVerifies(l);
  });

  it('refuses a code already registered or repeated in the file as a bad row, with the others, and writes nothing', () => {
    const l = standard();
    l.ok([...CHAIR, 'household', 'add', '1-1-101', '--owner', '张伟', '--area', '80']);
    const file = csv(l, 'bad.csv', ['1-1-102,李娜,70,,,', '1-1-101,王芳,70,,,', '1-1-103,赵六,abc,,,', '1-1-102,孙七,70,,,']);
    const r = expectRefused(l, ['--lang', 'en', ...CHAIR, 'household', 'import', file], 2, /has 3 bad row/);
    expect(r.stderr).toContain(`${file}:3: household 1-1-101 is already registered`);
    expect(r.stderr).toContain(`${file}:4: `);
    expect(r.stderr).toContain(`${file}:5: household 1-1-102 repeats line 2`);
    expect(l.json<any[]>(['household', 'list']).map((h) => h.code)).toEqual(['1-1-101']);
  });
});
