#!/usr/bin/env node
// A district ledger for the benchmark, generated deterministically (fixed seed): the books a
// street office (街道办) keeps for dozens of compounds at once, over ten years.
//
//   node bench/generate.mjs [--out DIR] [--households 10000] [--from 2015] [--to 2024] [--seed 1] [--settled-before YEAR]
//
// With --settled-before, every household paid each year before YEAR in full within the year, and
// the years from YEAR on are those of the same district with its books starting in YEAR.
//
// Writes into DIR (default bench/.work/data):
//   households.csv       code,owner,area,phone,since   (UTF-8, the `household import` format)
//   collections.csv      date,code,amount,method,receipt (every fee payment of the ten years, in
//                        date order: ~95% of households pay each year, most on time, some late in
//                        the following spring, some prepaying next year's fee in December)
//   installments-N.csv   N rows of part payments (random households and days, date order), to
//                        show that an import's memory does not grow with the file
//   expenses.json        monthly expenses [{date, amount, category, payee, item, voucher}] planned
//                        so that the fund never goes below zero on any day
//   income.json          monthly other income (parking, advertising) [{date, amount, category, from}]
//   plan.json            what the run needs: years, fee per year, people, counts, totals
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** mulberry32: a small, fast, seedable PRNG; the same seed gives the same district. */
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强海燕红梅玉兰春梅俊峰文博子涵浩然欣怡宇轩梓萱晓东卫东保国明亮国平海涛';
const COMPOUNDS = ['工行', '建行', '农行', '电力', '煤运', '交通', '税务', '教育', '卫生', '邮电', '铁路', '粮站', '水利', '供销', '物资', '林业', '文化', '医药', '化工', '机械'];

const pad = (n, w = 2) => String(n).padStart(w, '0');
const iso = (y, m, d) => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const yuan = (fen) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

function name(r) {
  const g = GIVEN.length;
  const given = r.next() < 0.5 ? GIVEN[r.int(0, g - 1)] : GIVEN[r.int(0, g - 1)] + GIVEN[r.int(0, g - 1)];
  return SURNAMES[r.int(0, SURNAMES.length - 1)] + given;
}

/**
 * The district: `households` units in compounds of 250 (10 buildings x 2 units x 6 floors x
 * 2 rooms, with a few taller buildings), codes like `工行-3-2-502`.
 */
function makeHouseholds(r, count, fromYear, toYear) {
  const list = [];
  for (let i = 0; list.length < count; i++) {
    const compound = COMPOUNDS[Math.floor(i / 500) % COMPOUNDS.length] + (Math.floor(i / (500 * COMPOUNDS.length)) || '');
    const k = i % 500;
    const building = 1 + Math.floor(k / 50);
    const unit = 1 + (Math.floor(k / 25) % 2);
    const floor = 1 + Math.floor((k % 25) / 2);
    const room = 1 + (k % 2);
    const code = `${compound}-${building}-${unit}-${floor}${pad(room)}`;
    // 3% moved in after `fromYear` (the ledger's first year, or a settled district's first year of habits): billed from their moving-in day.
    const since = r.next() < 0.03 ? iso(r.int(fromYear + 1, toYear - 1), r.int(1, 12), r.int(1, 28)) : '';
    const area = `${r.int(55, 145)}.${pad(r.int(0, 99))}`;
    const phone = r.next() < 0.9 ? `13${r.int(0, 9)}${String(r.int(0, 99999999)).padStart(8, '0')}` : '';
    list.push({ code, owner: name(r), area, phone, since });
  }
  return list;
}

const METHODS = ['cash', 'cash', 'wechat', 'wechat', 'alipay', 'bank', '微信', '现金'];

/**
 * Each household's payments, year by year: 85% pay during the year, 7% the next spring
 * (the fee then pays the oldest year first), 3% pay on time and prepay next year's fee in
 * December, 5% do not pay that year. The years before `settled.before` (none when it is
 * `fromYear`) every household paid in full within the year, on a day drawn from `settled.r`:
 * the draws from `r` are then those of a district whose books start that year.
 */
function makeCollections(r, households, fromYear, toYear, feeOf, today, settled) {
  const rows = [];
  for (const h of households) {
    const firstYear = h.since ? Number(h.since.slice(0, 4)) : fromYear;
    const prepaid = new Set();
    for (let y = firstYear; y <= toYear; y++) {
      if (y < settled.before) {
        const m = settled.r.int(3, 12);
        rows.push({ date: iso(y, m, settled.r.int(1, daysIn(y, m))), code: h.code, fen: feeOf(y), method: settled.r.pick(METHODS) });
        continue;
      }
      if (prepaid.has(y)) continue;
      const fate = r.next();
      const earliest = h.since && h.since > iso(y, 1, 1) ? h.since : iso(y, 3, 1);
      let date;
      if (fate < 0.85) {
        const m = r.int(3, 12);
        date = iso(y, m, r.int(1, daysIn(y, m)));
        if (date < earliest) date = earliest;
      } else if (fate < 0.92) {
        date = iso(y + 1, r.int(1, 6), r.int(1, 28));
      } else if (fate < 0.95 && y < toYear) {
        // Pays this year's fee, and next year's ahead (预交) in December.
        const m = r.int(3, 11);
        date = iso(y, m, r.int(1, daysIn(y, m)));
        if (date < earliest) date = earliest;
        rows.push({ date, code: h.code, fen: feeOf(y), method: r.pick(METHODS) });
        date = iso(y, 12, r.int(1, 31));
        rows.push({ date, code: h.code, fen: feeOf(y + 1), method: r.pick(METHODS) });
        prepaid.add(y + 1);
        continue;
      } else {
        continue;
      }
      if (date > today) continue;
      rows.push({ date, code: h.code, fen: feeOf(y), method: r.pick(METHODS) });
    }
  }
  return rows;
}

function writeCollectionsCsv(file, rows, r) {
  // Date order, as a collector's book would be typed in; the same day keeps household order.
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const fd = fs.openSync(file, 'w');
  let buf = 'date,code,amount,method,receipt\n';
  let paper = 0;
  for (const row of rows) {
    // Amounts written both ways a spreadsheet would (500 and 500.00); 70% carry a paper receipt number.
    const amount = r.next() < 0.5 ? yuan(row.fen) : (row.fen / 100).toFixed(2);
    const receipt = r.next() < 0.7 ? `No.${String(++paper).padStart(7, '0')}` : '';
    buf += `${row.date},${row.code},${amount},${row.method},${receipt}\n`;
    if (buf.length > 1 << 16) {
      fs.writeSync(fd, buf);
      buf = '';
    }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
}

function makeInstallments(r, households, count, fromYear, toYear) {
  const rows = [];
  for (let i = 0; i < count; i++) {
    const y = r.int(fromYear, toYear);
    const m = r.int(1, 12);
    rows.push({ date: iso(y, m, r.int(1, daysIn(y, m))), code: households[r.int(0, households.length - 1)].code, fen: r.int(50, 300) * 100, method: r.pick(METHODS) });
  }
  return rows;
}

/** Other income by month: parking and advertising, as a compound's common parts earn. */
function makeIncome(r, fromYear, toYear, households) {
  const rows = [];
  const scale = households / 250;
  for (let y = fromYear; y <= toYear; y++) {
    for (let m = 1; m <= 12; m++) {
      rows.push({ date: iso(y, m, daysIn(y, m)), fen: Math.round(scale * r.int(800, 1500)) * 100, category: '停车费', from: '停车场管理处' });
      if (m % 3 === 0) rows.push({ date: iso(y, m, r.int(1, 28)), fen: Math.round(scale * r.int(200, 600)) * 100, category: '广告', from: '电梯广告公司' });
    }
  }
  return rows;
}

/**
 * Monthly expenses (cleaning, gate, utilities, waste; repairs and greening now and then), dated
 * at month end and sized so that the fund, as the collections and income above fill it, never
 * goes below zero on any day: `spend` refuses anything else.
 */
function makeExpenses(r, fromYear, toYear, cashIn, households) {
  const scale = households / 250;
  const days = [...cashIn].sort(([a], [b]) => (a < b ? -1 : 1));
  let balance = 0;
  let k = 0;
  const rows = [];
  const voucher = new Map();
  for (let y = fromYear; y <= toYear; y++) {
    for (let m = 1; m <= 12; m++) {
      const end = iso(y, m, daysIn(y, m));
      while (k < days.length && days[k][0] <= end) balance += days[k++][1];
      const planned = [
        ['保洁', '保洁公司', `${y}年${m}月保洁服务费`, 3200],
        ['门卫', '保安服务公司', `${y}年${m}月门卫值守`, 2800],
        ['公共水电', '供电公司', `${y}年${m}月公共照明电费`, r.int(600, 1100)],
        ['垃圾清运', '环卫所', `${y}年${m}月垃圾清运`, 700],
      ];
      if (r.next() < 0.3) planned.push(['维修', '维修队', `${y}年${m}月公共设施维修`, r.int(300, 1800)]);
      if (m === 4 || m === 9) planned.push(['绿化', '园林站', `${y}年${m}月绿化养护`, r.int(500, 1500)]);
      for (const [category, payee, item, perCompound] of planned) {
        const fen = Math.round(scale * perCompound) * 100;
        // Paid only when the fund holds it (with a margin); an unpaid bill waits for next month.
        if (balance - fen < 500000) continue;
        balance -= fen;
        const n = (voucher.get(y) ?? 0) + 1;
        voucher.set(y, n);
        rows.push({ date: end, fen, category, payee, item, voucher: `记-${n}` });
      }
    }
  }
  return rows;
}

/**
 * `settledBefore` (a year from `from` on; `from` itself, the default, settles nothing): every
 * household paid each year before it in full within the year, and the years from it on follow
 * the payment habits exactly as in a district whose books start that year (the same households
 * moving in, the same payments and arrears): the same rooms owe at the end, over a longer
 * history.
 */
export function generate({ out, households = 10000, from = 2015, to = 2024, seed = 1, installments = [50000, 200000], today, settledBefore = from }) {
  const r = rng(seed);
  fs.mkdirSync(out, { recursive: true });
  today ??= iso(to + 1, 3, 1);
  const fees = {};
  for (let y = from; y <= to; y++) fees[y] = y < from + 5 ? 50000 : 60000;
  const feeOf = (y) => fees[y] ?? fees[to];

  const list = makeHouseholds(r, households, settledBefore, to);
  fs.writeFileSync(
    path.join(out, 'households.csv'),
    'code,owner,area,phone,since\n' + list.map((h) => `${h.code},${h.owner},${h.area},${h.phone},${h.since}`).join('\n') + '\n',
  );

  const collections = makeCollections(r, list, from, to, feeOf, today, { before: settledBefore, r: rng(seed + 1) });
  writeCollectionsCsv(path.join(out, 'collections.csv'), collections, r);
  const collectedFen = collections.reduce((s, c) => s + c.fen, 0);

  for (const n of installments) {
    writeCollectionsCsv(path.join(out, `installments-${n}.csv`), makeInstallments(r, list, n, from, to), r);
  }

  const income = makeIncome(r, from, to, households);
  const cashIn = new Map();
  for (const c of collections) cashIn.set(c.date, (cashIn.get(c.date) ?? 0) + c.fen);
  for (const i of income) cashIn.set(i.date, (cashIn.get(i.date) ?? 0) + i.fen);
  const expenses = makeExpenses(r, from, to, cashIn, households);
  const toJson = (rows, keys) => rows.map((x) => ({ ...Object.fromEntries(keys.map((k) => [k, x[k]])), amount: yuan(x.fen) }));
  fs.writeFileSync(path.join(out, 'income.json'), JSON.stringify(toJson(income, ['date', 'category', 'from']), null, 1));
  fs.writeFileSync(path.join(out, 'expenses.json'), JSON.stringify(toJson(expenses, ['date', 'category', 'payee', 'item', 'voucher']), null, 1));

  const plan = {
    seed,
    households,
    years: [from, to],
    today,
    fees,
    people: { chair: '街道办主任', collector: '收费员', reimburser: '报账员', supervisor: '监督员' },
    counts: { collections: collections.length, income: income.length, expenses: expenses.length, installments },
    totals_fen: {
      collections: collectedFen,
      income: income.reduce((s, x) => s + x.fen, 0),
      expenses: expenses.reduce((s, x) => s + x.fen, 0),
    },
  };
  fs.writeFileSync(path.join(out, 'plan.json'), JSON.stringify(plan, null, 2));
  return plan;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const plan = generate({
    out: path.resolve(opt('out', path.join(here, '.work', 'data'))),
    households: Number(opt('households', 10000)),
    from: Number(opt('from', 2015)),
    to: Number(opt('to', 2024)),
    seed: Number(opt('seed', 1)),
    ...(opt('settled-before') ? { settledBefore: Number(opt('settled-before')) } : {}),
  });
  console.log(JSON.stringify(plan.counts));
}
