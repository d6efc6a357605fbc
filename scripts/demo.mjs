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
// The story ends just after the first half of 2023 (the disclosure of 2022H2 is due, 2023H1
// has closed): the ledger's clock is fixed there, so that status, notices and signature
// dates fit the story. Set LEDGER_NOW to run it at another moment.
process.env.LEDGER_NOW ??= '2023-07-15T10:00:00+08:00';
// Every write is signed by the person recording it (and its approver): the demo's committee
// all use one passphrase, given through the environment as a script would. A real committee
// types each person's own passphrase at the prompt (没有回显).
const DEMO_PASSPHRASE = 'gonghang-demo-2023';
process.env.LEDGER_PASSPHRASE ??= DEMO_PASSPHRASE;
process.env.LEDGER_APPROVER_PASSPHRASE ??= DEMO_PASSPHRASE;
process.env.LEDGER_NEW_PASSPHRASE ??= DEMO_PASSPHRASE;

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

console.log(`演示日期 · the demo runs as of ${process.env.LEDGER_NOW}`);
console.log(`演示密码 · every person of the demo signs with the passphrase ${DEMO_PASSPHRASE} (LEDGER_PASSPHRASE)`);
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

// --- expense line and votes (issue 3) ---
heading('2022 下半年支出与一事一议 · the expense line and a vote');
{
  // The reimburser (王建国) enters each month's vouchers in date order; the chair or the
  // supervisor approved each. Only the first month's are echoed.
  let voucher = 0;
  const pay = (amount, category, payee, item, approver, date, { quiet = true, extra = [] } = {}) =>
    ledger(['--by', '王建国', 'spend', amount, '--category', category, '--payee', payee, '--item', item,
      '--approved-by', approver, '--voucher', `记-${++voucher}`, '--date', date, ...extra], { quiet });
  const utilities = { 7: '268.40', 9: '312.75', 12: '295.10' };
  const monthly = (date, quiet) => {
    const month = Number(date.slice(5, 7));
    const approver = month % 2 ? '袁生龙' : '赵红梅';
    pay('800', '保洁', '刘桂兰', `${month}月保洁工资`, approver, date, { quiet });
    pay('1200', '门卫', '张宝山', `${month}月门卫工资`, approver, date, { quiet });
    if (utilities[month]) pay(utilities[month], '公共水电', '国网吕梁供电公司', '楼道及路灯电费', '赵红梅', date, { quiet });
  };
  monthly('2022-07-31', false);
  console.log('\n  … 8—12月的保洁、门卫工资和电费凭证同样录入 · the other months are entered the same way');
  monthly('2022-08-31', true);

  // A major repair (一事一议): plan and budget posted, the owners vote, the result is posted,
  // then the spending against the approved budget.
  ledger(['--by', '袁生龙', 'vote', 'open', '--title', '外墙雨水管更换', '--budget', '8000', '--closes', '2022-09-05', '--date', '2022-08-20']);
  ledger(['--by', '袁生龙', 'vote', 'import', 'V2022-01', fixture('ballots-2022.csv'), '--date', '2022-09-05']);
  ledger(['--by', '袁生龙', 'vote', 'close', 'V2022-01', '--date', '2022-09-05'], { quiet: true });
  ledger(['vote', 'show', 'V2022-01']);
  pay('7600', '维修', '吕梁市宏达建筑队', '外墙雨水管更换', '袁生龙', '2022-09-20', { quiet: false, extra: ['--vote', 'V2022-01'] });
  monthly('2022-09-30', true);

  // A refusal: a major expense with no vote behind it is not recorded.
  const refused = ['--by', '王建国', 'spend', '3500', '--category', '绿化', '--payee', '园林公司', '--item', '补种草坪', '--approved-by', '袁生龙', '--date', '2022-10-10'];
  console.log(`\n$ ledger ${refused.join(' ')}`);
  const r = spawnSync(process.execPath, [bin, '--db', db, '--lang', lang, ...refused], { encoding: 'utf8' });
  process.stdout.write(r.stderr);
  console.log(`(exit ${r.status}: ${lang === 'zh' ? '未记账' : 'nothing recorded'})`);

  ledger(['--by', '李秀英', 'income', '600', '--category', '停车费', '--from', '临时停车收费点', '--date', '2022-10-15', '--note', '7-9月临时停车费']);
  for (const date of ['2022-10-31', '2022-11-30', '2022-12-31']) monthly(date, true);
  ledger(['vote', 'list']);
}

heading('2023 上半年 · first half of 2023');
ledger(['--by', '袁生龙', 'bill', '2023']);
ledger(['--by', '李秀英', 'import', 'collections', fixture('collections-2023.csv')]);
ledger(['--by', '李秀英', 'collect', '3-1-302', '--date', '2023-06-30', '--method', 'wechat']);
ledger(['household', 'show', '5-1-501']);
ledger(['arrears', '--as-of', '2023-06-30']);

// --- disclosure (issue 4) ---
heading('半年公示 · the half-year disclosure');
{
  // A correction before the books are posted: December's electricity voucher had been entered
  // twice. The double is voided (红冲); it stays on record and in the disclosure, marked 作废.
  const twice = JSON.parse(ledger(['--by', '王建国', 'spend', '295.10', '--category', '公共水电', '--payee', '国网吕梁供电公司',
    '--item', '楼道及路灯电费', '--approved-by', '赵红梅', '--date', '2022-12-31', '--json'], { quiet: true }));
  ledger(['--by', '王建国', 'void', twice.number, '--reason', '同一张凭证重复录入', '--approved-by', '袁生龙', '--date', '2022-12-31']);
  ledger(['report', '--half', '2022H2']);
  const notice = path.join(dir, '公示-2022H2.html');
  ledger(['notice', 'report', '--half', '2022H2', '--out', notice]);
  console.log(`公示文件 · the notice, ready to print on A4: ${notice}`);
  ledger(['budget', '2023']);
  ledger(['status']);
}

// --- integrity and export (issue 5) ---
heading('核查账目 · checking the books');
{
  // Anyone can re-check the books: the hash chain, numbering, allocations and voids.
  ledger(['verify']);
  // Once the 2022H2 disclosure is posted, the period is closed; corrections go into the open period.
  ledger(['--by', '袁生龙', 'lock', '--through', '2022-12-31']);
  ledger(['log', '--limit', '5']);
  ledger(['backup', path.join(dir, 'gonghang-backup.db')]);
  const journal = path.join(dir, 'gonghang.journal');
  ledger(['export', '--format', 'hledger', '--out', journal]);
  ledger(['export', '--format', 'beancount', '--out', path.join(dir, 'gonghang.beancount')]);
  // The established tools re-check every figure, when installed (ledger-cli reads LEDGER_* as options: keep them out).
  const peerEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8' };
  const peer = spawnSync('hledger', ['-f', journal, 'bal', '--depth', '2', '-b', '2022-07-01', '-e', '2023-01-01'], { encoding: 'utf8', env: peerEnv });
  if (peer.status === 0) {
    console.log(`\n$ hledger -f ${path.basename(journal)} bal --depth 2 -b 2022-07-01 -e 2023-01-01`);
    process.stdout.write(peer.stdout);
  }
}

console.log(`\n演示账本 · demo ledger: ${db}`);
console.log(`再看看 · try: node bin/ledger.js --db ${db} household list`);
