#!/usr/bin/env node
// The demo: builds the ledger of the 工行小区 (120 households, 吕梁) from fixtures/ in a
// temporary folder with the real `ledger` binary, and prints what the ledger has to show.
// Every step is a command a committee member would type; they are echoed as they run.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin/ledger.js');
const fixture = (f) => path.join(root, 'fixtures', f);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-demo-'));
const db = path.join(dir, 'gonghang.db');
const lang = process.env.LEDGER_LANG ?? 'zh';

function ledger(args, { quiet = false } = {}) {
  const shown = args.map((a) => (a.startsWith(root) ? path.relative(root, a) : a)).join(' ');
  if (!quiet) console.log(`\n$ ledger ${shown}`);
  const r = spawnSync(process.execPath, [bin, '--db', db, '--lang', lang, ...args], { encoding: 'utf8' });
  if (!quiet) process.stdout.write(r.stdout);
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    console.error(`demo step failed: ledger ${shown}`);
    process.exit(1);
  }
  return r.stdout;
}

const heading = (s) => console.log(`\n=== ${s} ===`);

heading('建账 · set up');
ledger(['init', '--name', '工行小区', '--chair', '袁生龙']);
ledger(['--by', '袁生龙', 'role', 'add', '李秀英', 'collector']);
ledger(['--by', '袁生龙', 'role', 'add', '王建国', 'reimburser']);
ledger(['--by', '袁生龙', 'role', 'add', '赵红梅', 'supervisor']);
ledger(['--by', '袁生龙', 'household', 'import', fixture('households-zh-gbk.csv')]);

heading('2022 收费 · the fee line');
ledger(['--by', '袁生龙', 'bill', '2022']);
ledger(['--by', '李秀英', 'import', 'collections', fixture('collections-2022.csv')]);
ledger(['arrears', '--as-of', '2022-12-31']);

heading('2023 上半年 · first half of 2023');
ledger(['--by', '袁生龙', 'bill', '2023']);
ledger(['--by', '李秀英', 'import', 'collections', fixture('collections-2023.csv')]);
ledger(['--by', '李秀英', 'collect', '3-1-302', '--date', '2023-06-30', '--method', 'wechat']);
ledger(['household', 'show', '5-1-501']);
ledger(['arrears', '--as-of', '2023-06-30']);

console.log(`\n演示账本 · demo ledger: ${db}`);
console.log(`再看看 · try: node bin/ledger.js --db ${db} household list`);
