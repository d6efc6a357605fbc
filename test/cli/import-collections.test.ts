// `ledger import collections` as a stream: the file is read once into a staging table and
// written in date order, all rows or none, whatever its size; --json prints every record.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TempLedger } from '../helpers/run-ledger.js';

const ledgers: TempLedger[] = [];
afterEach(() => {
  while (ledgers.length) ledgers.pop()!.cleanup();
});

/** Forty households billed for 2022 and 2023 (500 a year). */
function district(): TempLedger {
  const l = TempLedger.standard();
  ledgers.push(l);
  const rows = Array.from({ length: 40 }, (_, i) => `H-${String(i + 1).padStart(2, '0')},业主${i + 1},80`);
  fs.writeFileSync(path.join(l.dir, 'households.csv'), `code,owner,area\n${rows.join('\n')}\n`);
  l.ok(['--by', '张主任', 'household', 'import', path.join(l.dir, 'households.csv')]);
  l.ok(['--by', '张主任', 'bill', '2022']);
  l.ok(['--by', '张主任', 'bill', '2023']);
  return l;
}

const code = (i: number) => `H-${String((i % 40) + 1).padStart(2, '0')}`;

describe('import collections, streamed', () => {
  it('numbers receipts in date order (the file order within a day) and prints every record with --json', () => {
    const l = district();
    // Out of date order, CRLF, with a BOM, a quoted cell and a Chinese header.
    const csv = '\ufeff日期,房号,金额,付款方式,收据号\r\n2022-08-01,H-01,500,cash,A-3\r\n2022-03-05,H-02,"1,000.00",微信,A-1\r\n2022-08-01,H-03,250,,\r\n2023-01-10,H-01,500,bank,A-9\r\n2022-03-05,H-04,500,alipay,A-2\r\n';
    // One bad amount: the whole file is refused, nothing written.
    fs.writeFileSync(path.join(l.dir, 'c.csv'), csv.replace('"1,000.00"', '"1,000.001"'));
    const before = l.snapshot();
    const bad = l.run(['--by', '李会计', 'import', 'collections', path.join(l.dir, 'c.csv')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/c\.csv:3: .*amount "1,000\.001"/);
    expect(l.snapshot()).toBe(before);

    fs.writeFileSync(path.join(l.dir, 'c.csv'), csv);
    const done = l.json(['--by', '李会计', 'import', 'collections', path.join(l.dir, 'c.csv')]);
    expect(done.map((c: { receipt: string; household: string }) => `${c.receipt} ${c.household}`)).toEqual([
      'R2022-0001 H-02',
      'R2022-0002 H-04',
      'R2022-0003 H-01',
      'R2022-0004 H-03',
      'R2023-0001 H-01',
    ]);
    // H-02 paid 1000: 2022 and 2023, nothing left over; H-01 paid 2022 then 2023.
    expect(done[0]).toEqual({
      receipt: 'R2022-0001',
      household: 'H-02',
      date: '2022-03-05',
      amount_fen: 100000,
      allocations: [
        { year: 2022, amount_fen: 50000 },
        { year: 2023, amount_fen: 50000 },
      ],
      credit_fen: 0,
    });
    expect(done[4].allocations).toEqual([{ year: 2023, amount_fen: 50000 }]);
    const receipt = l.ok(['receipt', 'R2022-0001']);
    expect(receipt).toMatch(/H-02/);
  });

  it('lists every bad row of a long file and writes nothing', () => {
    const l = district();
    const lines = ['date,code,amount'];
    for (let i = 0; i < 6000; i++) lines.push(`2022-${String((i % 12) + 1).padStart(2, '0')}-15,${code(i)},10`);
    lines[2500] = '2022-02-30,H-01,10'; // line 2501
    lines[4000] = '2022-05-01,X-99,10'; // line 4001
    lines[5999] = '2022-05-01,H-01,-3'; // line 6000
    fs.writeFileSync(path.join(l.dir, 'long.csv'), `${lines.join('\n')}\n`);
    const before = l.snapshot();
    const r = l.run(['--by', '李会计', 'import', 'collections', '--allow-duplicates', path.join(l.dir, 'long.csv')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').slice(1).map((s) => Number(/\.csv:(\d+):/.exec(s)![1]))).toEqual([2501, 4001, 6000]);
    expect(l.snapshot()).toBe(before);
  });

  it('imports a long file in one go: totals, consecutive numbers and arrears agree', () => {
    const l = district();
    const lines = ['date,code,amount'];
    for (let i = 0; i < 6000; i++) lines.push(`2022-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')},${code(i)},10`);
    fs.writeFileSync(path.join(l.dir, 'long.csv'), `${lines.join('\n')}\n`);
    const out = l.ok(['--by', '李会计', 'import', 'collections', '--allow-duplicates', path.join(l.dir, 'long.csv')]);
    expect(out).toMatch(/imported 6000 collections, 60,000\.00 in all, receipts R2022-0001 to R2022-6000/);
    // Each household paid 150 × 10 = 1500: 500 for 2022, 500 for 2023, 500 prepaid.
    const arrears = l.json(['arrears', '--as-of', '2023-07-15']);
    expect(arrears.total_fen).toBe(0);
    const show = l.json(['household', 'show', 'H-07']);
    expect(show.owed_fen).toBe(0);
  });
});
