import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { BIN, FIXTURES, SIGNING_ENV, TempLedger, FIXTURE_CODES } from '../helpers/run-ledger.js';

/**
 * Fuzzing the command line and the CSV readers with fast-check: random amounts, dates, codes,
 * flags and CSV files (random bytes, UTF-8, UTF-8 with BOM, GBK, English, Chinese or random
 * headers, quotes, commas and line breaks in cells). Whatever comes in, a run ends with exit
 * 0, 1 or 2; stderr holds only `error: ...` lines and `FILE:LINE: ...` details, never a stack
 * trace or an internal error; and when a run did not succeed, the ledger is exactly as before.
 *
 * Most runs go through `main()` in process (the same code as the binary, thousands of times
 * faster); a bounded sample goes through the real built binary, which adds the process edge
 * (bin/ledger.js, unhandled rejections, exit codes as the shell sees them).
 */

const NOW = '2023-07-15T10:00:00+08:00';
const IN_PROCESS_RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const BINARY_RUNS = Number(process.env.FUZZ_BINARY_RUNS ?? 12);
// A fixed seed keeps CI repeatable; explore new inputs with FUZZ_SEED=<n> (and more runs)
// and pin what they find as a named case.
const SEED = Number(process.env.FUZZ_SEED ?? 20231115);

let l: TempLedger;
let files = 0;
const codes = FIXTURE_CODES;

beforeAll(() => {
  l = TempLedger.standard(NOW);
  l.ok(['--by', '张主任', 'household', 'import', path.join(FIXTURES, 'households.csv')]);
  l.ok(['--by', '张主任', 'bill', '2022']);
  l.ok(['--by', '李会计', 'import', 'collections', path.join(FIXTURES, 'collections-2022.csv')]);
  l.ok(['--by', '张主任', 'lock', '--through', '2022-06-30']);
  l.ok(['--by', '张主任', 'vote', 'open', '--title', '更换单元门', '--date', '2023-07-01']);
}, 120_000);
afterAll(() => l.cleanup());

// ---------------------------------------------------------------------------------------------
// Inputs

/** GBK bytes for every character GBK has, built by decoding every two-byte code once. */
const GBK = (() => {
  const decoder = new TextDecoder('gbk', { fatal: true });
  const map = new Map<string, number[]>();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      try {
        const s = decoder.decode(Uint8Array.of(a, b));
        if (s.length === 1 && !map.has(s)) map.set(s, [a, b]);
      } catch {
        // not a GBK code
      }
    }
  }
  return map;
})();
function encodeGbk(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else out.push(...(GBK.get(ch) ?? [0x3f]));
  }
  return Uint8Array.from(out);
}

const nasty = fc.constantFrom('', ' ', '"', '""', ',', ';', '\n', '\r\n', '\t', '\u0000', '\u001b[31m', '\u2028', '０', '¥', '元', '-', '--help', '-1', 'NaN', 'null', '%s', '\\', '../', '１２３', '壹佰');
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 }), nasty, fc.constantFrom('张三', '1-1-101', '李会计'));

const amount = fc.oneof(
  fc.integer({ min: 1, max: 200_000 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 99999 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => `${a}.${b}`),
  fc.constantFrom('500', '500.5', '500.50', '¥500', '500元', '￥1,000.00', '0', '-5', '1e3', '500.001', '100000000', '100000000.01', '99999999999', ' 500 ', '0x10', 'Infinity', '5,00'),
  text,
);
const date = fc.oneof(
  fc.tuple(fc.integer({ min: 1899, max: 2025 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
  fc.constantFrom('2022-02-29', '2024-02-29', '2023-07-15', '2023-07-16', '2022-06-30', '2022-07-01', '2022/7/1', '2022.7.1', '22-7-1', '2022-7-1T00:00', 'today'),
  text,
);
const code = fc.oneof(fc.constantFrom(...codes.slice(0, 30)), fc.constantFrom('9-9-999', '1-1-101 ', '1-1-1O1', 'x'.repeat(40)), text);
const method = fc.oneof(fc.constantFrom('cash', 'wechat', 'alipay', 'bank', 'other', '微信', '现金', 'WeChat', 'card'), text);
const operator = fc.constantFrom('李会计', '王出纳', '张主任', '赵监督', '路人', '');

/** Optional flags as argv fragments. */
const flag = (name: string, value: fc.Arbitrary<string>) => fc.option(value.map((v) => [name, v]), { nil: undefined });
const argv = (...parts: (string | string[] | undefined)[]) => parts.flatMap((p) => (p === undefined ? [] : Array.isArray(p) ? p : [p]));

/** A command line: one of the writes and reads, with random values and flags. */
const commandLine: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(operator, code, fc.option(amount, { nil: undefined }), flag('--date', date), flag('--method', method), flag('--note', text)).map(([by, c, a, d, m, n]) =>
    argv('--by', by, 'collect', c, a, d, m, n),
  ),
  fc.tuple(operator, amount, fc.constantFrom('停车费', 'parking', '广告', '保洁', '未知'), flag('--from', text), flag('--date', date)).map(([by, a, cat, f, d]) =>
    argv('--by', by, 'income', a, '--category', cat, f, d),
  ),
  fc.tuple(operator, amount, fc.constantFrom('保洁', 'repairs', '停车费'), text, text, fc.constantFrom('张主任', '赵监督', '王出纳', '某人'), flag('--date', date), flag('--vote', text)).map(
    ([by, a, cat, payee, item, appr, d, v]) => argv('--by', by, 'spend', a, '--category', cat, '--payee', payee, '--item', item, '--approved-by', appr, d, v),
  ),
  fc.tuple(operator, fc.oneof(fc.integer({ min: 1, max: 110 }).map((n) => `R2022-${String(n).padStart(4, '0')}`), text), text, flag('--date', date)).map(([by, n, reason, d]) =>
    argv('--by', by, 'void', n, '--reason', reason, '--approved-by', '张主任', d),
  ),
  fc.tuple(operator, code, text, amount, flag('--since', date)).map(([by, c, owner, area, s]) => argv('--by', by, 'household', 'add', c, '--owner', owner, '--area', area, s)),
  fc.tuple(operator, fc.oneof(date, text)).map(([by, d]) => argv('--by', by, 'lock', '--through', d)),
  fc.tuple(operator, fc.oneof(fc.integer({ min: 1990, max: 2110 }).map(String), text)).map(([by, y]) => argv('--by', by, 'bill', y)),
  fc.tuple(operator, text, flag('--budget', amount), flag('--date', date), flag('--closes', date)).map(([by, t, b, d, c]) => argv('--by', by, 'vote', 'open', '--title', t, b, d, c)),
  fc.tuple(fc.oneof(fc.integer({ min: -3, max: 400 }).map(String), text)).map(([n]) => argv('log', '--limit', n)),
  fc.tuple(fc.option(fc.oneof(fc.stringMatching(/^[0-9]{1,3}:[0-9a-f]{16,20}$/), text), { nil: undefined })).map(([h]) => argv('verify', h === undefined ? undefined : ['--expect', h])),
  fc.tuple(fc.oneof(fc.constantFrom('hledger', 'beancount'), text)).map(([f]) => argv('export', '--format', f)),
  fc.tuple(code, fc.option(date, { nil: undefined })).map(([c, d]) => argv('arrears', d === undefined ? undefined : ['--as-of', d], 'household', 'show', c)),
  fc.array(fc.oneof(fc.constantFrom('collect', 'void', 'lock', 'log', 'verify', 'receipt', '--date', '--json', '--lang', 'en', 'zh', '--by', '--note', '-x', '--', 'household', 'vote', 'show'), text), { maxLength: 6 }),
);

type CsvCommand = (file: string) => string[];
const importCollections: CsvCommand = (file) => ['--by', '李会计', 'import', 'collections', file];
const importHouseholds: CsvCommand = (file) => ['--by', '张主任', 'household', 'import', file];
const importBallots: CsvCommand = (file) => ['--by', '张主任', 'vote', 'import', 'V2023-01', file, '--date', '2023-07-10'];

/** Header and rows as text, written as a committee's spreadsheet would: quoted or not, any line ending, UTF-8, BOM or GBK. */
const encoded = (table: fc.Arbitrary<string[][]>): fc.Arbitrary<Uint8Array> =>
  fc.tuple(table, fc.constantFrom('\n', '\r\n', '\r'), fc.constantFrom('utf8', 'bom', 'gbk'), fc.boolean()).map(([rows, eol, encoding, quote]) => {
    const cell = (c: string) => (quote || /[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    const body = rows.map((r) => r.map(cell).join(',')).join(eol);
    if (encoding === 'gbk') return encodeGbk(body);
    const utf8 = new TextEncoder().encode(body);
    return encoding === 'bom' ? Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]) : utf8;
  });

/** Rows that are mostly right, now and then with one cell replaced by anything at all. */
const mostlyValid = (header: fc.Arbitrary<string[]>, row: fc.Arbitrary<string[]>) =>
  fc.tuple(header, fc.array(fc.tuple(row, fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.tuple(fc.nat(), text) })), { minLength: 1, maxLength: 6 })).map(([h, rows]) => [
    h,
    ...rows.map(([r, spoil]) => (spoil ? r.map((c, i) => (i === spoil[0] % r.length ? spoil[1] : c)) : r)),
  ]);

/** From a month before the lock (2022-06-30) to today. */
const recentDate = fc.integer({ min: 0, max: 409 }).map((n) => new Date(Date.UTC(2022, 5, 1 + n)).toISOString().slice(0, 10));
const validCollections = mostlyValid(
  fc.constantFrom(['date', 'code', 'amount'], ['date', 'code', 'amount', 'method', 'receipt'], ['日期', '房号', '金额', '方式', '收据号'], ['房号', '金额', '收费日期']),
  fc.tuple(recentDate, fc.constantFrom(...codes), fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('cash', '微信', 'bank'), fc.constantFrom('', '12345', '票-7')).map(([d, c, a, m, r]) => [
    d,
    c,
    `${Math.trunc(a / 100)}.${String(a % 100).padStart(2, '0')}`,
    m,
    r,
  ]),
).map(([h, ...rows]) => {
  // Put each cell under the column its header names.
  const order = h!.map((name) => ['date', '日期', '收费日期'].includes(name) ? 0 : ['code', '房号'].includes(name) ? 1 : ['amount', '金额'].includes(name) ? 2 : ['method', '方式'].includes(name) ? 3 : 4);
  return [h!, ...rows.map((r) => order.map((i) => r[i] ?? ''))];
});
let newcomer = 0;
const validHouseholds = mostlyValid(
  fc.constantFrom(['code', 'owner', 'area', 'phone', 'since'], ['房号', '业主', '面积', '电话', '入住日期']),
  fc.tuple(fc.constantFrom('张三', '李四', 'Wang Wu', '欧阳娜娜'), fc.integer({ min: 1, max: 30000 }), fc.constantFrom('', '13800138000'), fc.constantFrom('', '2023-01-01', '2022-09-30')).map(([o, a, p, since]) => [
    `Z-${++newcomer}`,
    o,
    `${Math.trunc(a / 100)}.${a % 100}`,
    p,
    since,
  ]),
);
const validBallots = mostlyValid(
  fc.constantFrom(['code', 'choice'], ['房号', '表决']),
  fc.tuple(fc.constantFrom(...codes), fc.constantFrom('yes', 'no', 'abstain', '同意', '反对', '弃权')),
);

const noise: fc.Arbitrary<Uint8Array> = fc.oneof(
  encoded(fc.tuple(fc.array(text, { maxLength: 5 }), fc.array(fc.array(fc.oneof(date, code, amount, method, text), { maxLength: 6 }), { maxLength: 8 })).map(([h, rows]) => [h, ...rows])),
  fc.uint8Array({ maxLength: 300 }),
  // A real file, cut short or with a byte changed somewhere.
  fc
    .tuple(fc.constantFrom('collections-2023.csv', 'collections-bad.csv', 'households-zh-gbk.csv', 'households-bom.csv', 'ballots-gbk.csv'), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }))
    .map(([f, cut, at, byte]) => {
      const bytes = Uint8Array.from(fs.readFileSync(path.join(FIXTURES, f)));
      const part = bytes.subarray(0, Math.min(bytes.length, 200 + (cut % 3000)));
      if (part.length > 0) part[at % part.length] = byte;
      return part;
    }),
);

/** A CSV import: a file that is nearly right for its command, or noise fed to any of them. */
const csvRun: fc.Arbitrary<{ command: CsvCommand; bytes: Uint8Array }> = fc.oneof(
  encoded(validCollections).map((bytes) => ({ command: importCollections, bytes })),
  encoded(validHouseholds).map((bytes) => ({ command: importHouseholds, bytes })),
  encoded(validBallots).map((bytes) => ({ command: importBallots, bytes })),
  fc.tuple(noise, fc.constantFrom(importCollections, importHouseholds, importBallots)).map(([bytes, command]) => ({ command, bytes })),
);

// ---------------------------------------------------------------------------------------------
// What every run must satisfy

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** How the runs ended, per exit code: the fuzzing must reach successes and both kinds of refusal. */
const seen = { command: [0, 0, 0], csv: [0, 0, 0] };

function check(args: string[], r: Outcome, before: string, after: () => string, input = JSON.stringify(args)): void {
  const tally = args.some((a) => a.endsWith('.csv')) ? seen.csv : seen.command;
  if (r.code >= 0 && r.code <= 2) tally[r.code]! += 1;
  const label = `ledger ${JSON.stringify(args)} -> ${r.code}\n${r.stderr}`;
  expect([0, 1, 2], label).toContain(r.code);
  expect(r.stderr, label).not.toMatch(/\n\s+at |^\s+at /m);
  // An internal error shows as its class or as a value that was never meant to be printed (unless the input said it).
  expect(r.stderr, label).not.toMatch(/TypeError|ReferenceError|RangeError|SyntaxError|is not a function|Cannot read prop|\[object Object\]/);
  for (const word of ['undefined', 'NaN', 'null']) {
    if (!input.includes(word)) expect(r.stderr, label).not.toContain(word);
  }
  const lines = r.stderr === '' ? [] : r.stderr.replace(/\n$/, '').split('\n');
  for (const line of lines) expect(line, label).toMatch(/^error: |^warning: |^警告：|^.+:\d+: /);
  if (r.code !== 0) {
    expect(lines.length, label).toBeGreaterThan(0);
    expect(after(), label).toBe(before);
  }
}

async function inProcess(args: string[]): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(['--db', l.db, ...args], { LANG: 'en_US.UTF-8', ...SIGNING_ENV }, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), stderrIsTty: false }, new Date(NOW));
  return { code, stdout, stderr };
}

function binary(args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--db', l.db, ...args], {
      cwd: l.dir,
      env: { PATH: process.env.PATH, TZ: 'Asia/Shanghai', LANG: 'en_US.UTF-8', LEDGER_NOW: NOW, ...SIGNING_ENV },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** What a file could have said, in any of its readings. */
const contentOf = (bytes: Uint8Array) => `${Buffer.from(bytes).toString('latin1')}${new TextDecoder().decode(bytes)}${new TextDecoder('gbk').decode(bytes)}`;

function writeCsv(bytes: Uint8Array): string {
  const file = path.join(l.dir, `fuzz-${++files}.csv`);
  fs.writeFileSync(file, bytes);
  return file;
}

// ---------------------------------------------------------------------------------------------

describe('fuzzing the command line', () => {
  it(`${IN_PROCESS_RUNS} random command lines, in process`, async () => {
    await fc.assert(
      fc.asyncProperty(commandLine, fc.constantFrom<string[]>([], ['--json'], ['--lang', 'zh']), async (args, extra) => {
        const full = [...args, ...extra];
        const before = l.snapshot();
        check(full, await inProcess(full), before, () => l.snapshot());
      }),
      { numRuns: IN_PROCESS_RUNS, seed: SEED },
    );
  });

  it(`${BINARY_RUNS} random command lines through the built binary`, async () => {
    await fc.assert(
      // A process's arguments cannot hold a NUL byte (no shell can pass one).
      fc.asyncProperty(commandLine.map((a) => a.map((s) => s.replace(/\u0000/g, ''))), async (args) => {
        const before = l.snapshot();
        check(args, await binary(args), before, () => l.snapshot());
      }),
      { numRuns: BINARY_RUNS, seed: SEED },
    );
  });
});

describe('fuzzing the CSV readers', () => {
  it(`${IN_PROCESS_RUNS} random CSV files, in process`, async () => {
    await fc.assert(
      fc.asyncProperty(csvRun, fc.constantFrom<string[]>([], ['--lang', 'zh']), async ({ command, bytes }, extra) => {
        const args = [...command(writeCsv(bytes)), ...extra];
        const before = l.snapshot();
        check(args, await inProcess(args), before, () => l.snapshot(), contentOf(bytes));
      }),
      { numRuns: IN_PROCESS_RUNS, seed: SEED },
    );
  });

  it(`${BINARY_RUNS} random CSV files through the built binary`, async () => {
    await fc.assert(
      fc.asyncProperty(csvRun, async ({ command, bytes }) => {
        const args = command(writeCsv(bytes));
        const before = l.snapshot();
        check(args, await binary(args), before, () => l.snapshot(), contentOf(bytes));
      }),
      { numRuns: BINARY_RUNS, seed: SEED },
    );
  });

  it('the ledger still verifies after all of it, and the runs reached every outcome', () => {
    expect(l.json(['verify']).ok).toBe(true);
    console.info(`fuzz outcomes (exit 0/1/2): command lines ${seen.command.join('/')}, CSV files ${seen.csv.join('/')}`);
    expect(seen.command.every((n) => n > 0)).toBe(true);
    expect(seen.csv.every((n) => n > 0)).toBe(true);
  });
});
