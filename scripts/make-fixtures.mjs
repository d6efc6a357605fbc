#!/usr/bin/env node
/**
 * make-fixtures.mjs — generates the demo/test fixtures under fixtures/ for the `ledger` CLI.
 *
 * The demo compound is the 工行小区 (离石区, 吕梁): 120 households, 物管会 formed May 2022,
 * flat fee 500 yuan per household per year, collection started 2022-06-01.
 * Layout: 5 buildings (楼) × 2 units (单元) × 6 floors × 2 rooms; code B-U-FRR, e.g. 1-1-101,
 * 1-1-102, 1-1-201 … 5-2-602.
 *
 * Run:  node scripts/make-fixtures.mjs      (from any folder; writes <repo>/fixtures/)
 * Deterministic: a fixed-seed mulberry32 PRNG, no Math.random, no clock. Re-running rewrites
 * byte-identical files. Only Node built-ins; GBK files are encoded by the system `iconv`.
 *
 * Files written (see also fixtures/README.md, written by this script):
 *   households.csv            UTF-8, no BOM, LF; `code,owner,area,phone,since`; 120 rows
 *   households-zh-gbk.csv     same 120 rows, header `房号,业主,面积,电话,入住日期`, GBK, CRLF
 *   households-bom.csv        first 10 rows, UTF-8 WITH BOM, English header, CRLF
 *   households-bad.csv        UTF-8, LF, English header, 8 data rows (lines 2–9), bad lines:
 *                               line 3: owner missing (empty)
 *                               line 5: area `abc`
 *                               line 6: area `-5`
 *                               line 8: duplicate code 1-1-101 (same code as line 2)
 *                             lines 2, 4, 7, 9 are valid.
 *   collections-2022.csv      UTF-8, LF; `date,code,amount,method`; 2022-06-01 … 2022-12-28
 *   collections-2023.csv      UTF-8, LF; same header; 2023-01-05 … 2023-06-30
 *   collections-bad.csv       UTF-8, LF; same header; 7 data rows (lines 2–8), bad lines:
 *                               line 2: amount `abc`
 *                               line 4: amount `500.001` (three decimals)
 *                               line 5: unknown household code `9-9-999`
 *                               line 7: date `2022-02-30` (not a calendar date)
 *                             lines 3, 6, 8 are valid.
 *   ballots-2022.csv          UTF-8 WITH BOM, CRLF; `房号,表决`; 同意/反对/弃权; 96 ballots on
 *                             外墙雨水管更换 (rule: general, 民法典 第278条) — passes
 *   ballots-gbk.csv           GBK, CRLF; `房号,表决`; the first 10 ballots of ballots-2022.csv
 *   ballots-en.csv            UTF-8, LF; `code,choice`; yes/no/abstain; the same 10 ballots
 *   README.md                 one line per file
 *
 * Modelling choices (all checked by assertions at the end of this script):
 *   - 114 owners: 6 owners hold two units each (identical name on both rows; same phone).
 *   - One deliberate namesake pair: two different people called 张伟, written
 *     `张伟(2-1-201)` and `张伟(4-2-502)` (name + full room code) so they stay distinct.
 *   - 10 rows have no phone. 4 households have a `since` date (moved in 2022/2023); nobody pays
 *     before their `since` date; the two 2023 movers pay nothing in 2022 and do not vote in 2022.
 *   - 2022: 104 households pay: 101 × 500, 2 × 1000 (2022 + prepaid 2023), 1 × 250 (partial).
 *   - 2023: 100 households pay 500 (not the 2 prepayers; the partial payer's 500 settles its 250
 *     arrears first under oldest-first allocation), 5 of the 2022 non-payers pay 1000.
 *   - Amounts are written `500` or `500.00` (mixed). Methods cash/wechat/alipay/bank.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'fixtures');

// ---------------------------------------------------------------------------------------------
// PRNG (mulberry32) and helpers

function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20220601);
const randInt = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1)); // inclusive
const pick = (arr) => arr[Math.floor(rand() * arr.length)];
function shuffle(arr) {
  const a = arr.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
const sample = (arr, k) => shuffle(arr).slice(0, k);
function weighted(pairs) {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of pairs) {
    if ((r -= w) < 0) return v;
  }
  return pairs[pairs.length - 1][0];
}

function check(cond, msg) {
  if (!cond) throw new Error(`fixture self-check failed: ${msg}`);
}

// Dates as UTC day numbers (no clock involved; only calendar arithmetic).
const DAY = 86400000;
const dayOf = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY;
const isoOf = (day) => new Date(day * DAY).toISOString().slice(0, 10);

// Money: yuan strings -> integer fen, for the self-checks.
function fenOf(s) {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  check(m, `bad amount ${s}`);
  return Number(m[1]) * 100 + Number((m[2] || '').padEnd(2, '0'));
}
// Area: m² strings -> integer hundredths.
const centiOf = fenOf;

// ---------------------------------------------------------------------------------------------
// Households

const codes = [];
for (let b = 1; b <= 5; b++)
  for (let u = 1; u <= 2; u++)
    for (let f = 1; f <= 6; f++) for (let r = 1; r <= 2; r++) codes.push(`${b}-${u}-${f}0${r}`);
const codeIndex = new Map(codes.map((c, i) => [c, i]));

// Floor-plan area per stack (building-unit-room); every floor of a stack has the same plan.
// Written as the property register gives them (at most two decimals; some with one).
const STACK_AREA = {
  '1-1-1': '58.00', '1-1-2': '72.36', '1-2-1': '63.18', '1-2-2': '72.36',
  '2-1-1': '86.45', '2-1-2': '98.2', '2-2-1': '86.45', '2-2-2': '101.07',
  '3-1-1': '112.80', '3-1-2': '124.65', '3-2-1': '118.34', '3-2-2': '124.65',
  '4-1-1': '76.9', '4-1-2': '89.34', '4-2-1': '79.52', '4-2-2': '89.34',
  '5-1-1': '131.20', '5-1-2': '142.50', '5-2-1': '136.75', '5-2-2': '142.50',
};
const areaOf = (code) => {
  const [b, u, fr] = code.split('-');
  return STACK_AREA[`${b}-${u}-${fr.slice(-1)}`];
};

// Owners holding two units (first code, second code).
const MULTI = [
  ['1-1-301', '1-1-302'], // bought the flat next door
  ['2-2-501', '2-2-601'], // parents upstairs
  ['3-1-102', '4-2-202'],
  ['4-1-401', '4-1-402'],
  ['5-1-201', '1-2-602'],
  ['5-2-101', '5-2-302'],
];
// Households that moved in after the committee formed.
const SINCE = {
  '2-1-302': '2022-09-01',
  '3-2-501': '2022-11-20',
  '4-2-601': '2023-03-15',
  '5-1-402': '2023-05-08',
};
// A deliberate namesake pair (two different people), disambiguated with their room code.
const NAMESAKE = { name: '张伟', codes: ['2-1-201', '4-2-502'] };

// persons: { id, codes[], name, phone }
const persons = [];
const personOfCode = new Map();
const secondOf = new Map(MULTI.map(([a, b]) => [b, a]));
for (const code of codes) {
  if (secondOf.has(code) && personOfCode.has(secondOf.get(code))) {
    const p = personOfCode.get(secondOf.get(code));
    p.codes.push(code);
    personOfCode.set(code, p);
    continue;
  }
  const p = { id: persons.length, codes: [code] };
  persons.push(p);
  personOfCode.set(code, p);
}
// A second unit that precedes its first in code order (e.g. 1-2-602 for 5-1-201) is attached
// above when the first is reached; fix those up here.
for (const [a, b] of MULTI) {
  const pa = personOfCode.get(a);
  const pb = personOfCode.get(b);
  if (pa !== pb) {
    pa.codes.push(b);
    persons.splice(persons.indexOf(pb), 1);
    personOfCode.set(b, pa);
  }
}
persons.forEach((p, i) => (p.id = i));
check(persons.length === 114, `expected 114 owners, got ${persons.length}`);

const SURNAMES = [
  ['王', 9], ['李', 8], ['张', 7], ['刘', 7], ['郭', 5], ['杨', 5], ['赵', 4], ['高', 4],
  ['武', 4], ['梁', 3], ['薛', 3], ['任', 3], ['贾', 3], ['冯', 3], ['韩', 3], ['白', 3],
  ['田', 2], ['闫', 2], ['袁', 2], ['郝', 2], ['马', 2], ['孙', 2], ['陈', 2], ['周', 2],
  ['吴', 1], ['胡', 1], ['石', 1], ['乔', 1], ['程', 1], ['宋', 1], ['常', 1], ['曹', 1],
  ['侯', 1], ['孟', 1], ['段', 1], ['吕', 1], ['苏', 1], ['崔', 1], ['康', 1], ['牛', 1],
  ['岳', 1], ['霍', 1], ['温', 1], ['秦', 1], ['申', 1], ['师', 1],
];
const GIVEN2 = (
  '建国 建军 建华 建平 国强 国华 国平 志强 志刚 志明 文斌 文华 永红 永胜 永平 卫东 卫国 海涛 ' +
  '海燕 海军 晓东 晓燕 晓红 晓明 春梅 春花 秀英 秀兰 秀珍 桂兰 桂英 桂芳 玉兰 玉梅 玉珍 淑珍 ' +
  '淑英 丽华 丽娟 丽萍 凤英 凤兰 金花 俊峰 俊杰 保平 保国 二虎 满堂 有福 瑞芳 润生 喜平 爱萍 ' +
  '爱华 艳红 艳芳 彩霞 翠萍 宏伟 利军 小平 兴旺 云飞 慧敏 红霞 明亮 瑞生 福元 引弟 来锁 雪梅'
).split(' ');
const GIVEN1 = '伟 芳 静 敏 强 磊 军 勇 杰 涛 斌 霞 娟 平 刚 鹏 超 华 红 英'.split(' ');

const usedNames = new Set([NAMESAKE.name]);
for (const p of persons) {
  let name;
  do {
    name = weighted(SURNAMES) + (rand() < 0.8 ? pick(GIVEN2) : pick(GIVEN1));
  } while (usedNames.has(name));
  usedNames.add(name);
  p.name = name;
}
for (const code of NAMESAKE.codes) {
  const p = personOfCode.get(code);
  check(p.codes.length === 1, 'namesakes hold one unit each');
  p.name = `${NAMESAKE.name}(${code})`;
}

const PHONE_PREFIXES = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139',
  '150', '151', '152', '153', '155', '156', '157', '158', '159',
  '180', '181', '182', '183', '184', '185', '186', '187', '188', '189',
];
const usedPhones = new Set();
for (const p of persons) {
  let phone;
  do {
    phone = pick(PHONE_PREFIXES) + String(randInt(0, 99999999)).padStart(8, '0');
  } while (usedPhones.has(phone));
  usedPhones.add(phone);
  p.phone = phone;
}
const singleUnit = persons.filter((p) => p.codes.length === 1);
for (const p of sample(singleUnit, 10)) p.phone = '';

const households = codes.map((code) => {
  const p = personOfCode.get(code);
  return { code, owner: p.name, area: areaOf(code), phone: p.phone, since: SINCE[code] || '' };
});

// ---------------------------------------------------------------------------------------------
// Collections

const sinceOfPerson = (p) => SINCE[p.codes[0]] || '';
const plain = persons.filter((p) => p.codes.length === 1 && !sinceOfPerson(p));
check(plain.length === 104, `plain owners ${plain.length}`);

const shuffledPlain = shuffle(plain);
const nonPayers2022 = shuffledPlain.slice(0, 14);
const prepayers = shuffledPlain.slice(14, 16);
const partial = shuffledPlain.slice(16, 17);
const regular2022 = shuffledPlain.slice(17); // plain owners paying exactly 500 in 2022
const catchUp2023 = sample(nonPayers2022, 5);
const skip2023 = sample(regular2022, 4); // paid 2022, not yet paid 2023 by 30 June

const METHODS = [['wechat', 42], ['cash', 30], ['alipay', 16], ['bank', 12]];
const fmtAmount = (yuan) => (rand() < 0.35 ? `${yuan}.00` : `${yuan}`);

/**
 * One payment visit per owner (an owner of two units pays both on the same day).
 * segments: [[fromOffset, toOffset, weight]] in days from `start`.
 */
function makeVisits(entries, start, end, segments) {
  const d0 = dayOf(start);
  const d1 = dayOf(end);
  const visits = entries.map(({ person, yuan }, seq) => {
    const since = sinceOfPerson(person);
    let day;
    if (since && dayOf(since) > d0) {
      day = randInt(dayOf(since), d1); // a newcomer pays some time after moving in
    } else {
      const [lo, hi] = weighted(segments.map((s) => [s, s[2]]));
      day = d0 + randInt(lo, hi);
    }
    return { person, yuan, day, method: weighted(METHODS), seq, constrained: Boolean(since) };
  });
  // Make the period's first and last day appear.
  const free = shuffle(visits.filter((v) => !v.constrained));
  free[0].day = d0;
  free[1].day = d1;
  visits.sort((a, b) => a.day - b.day || a.seq - b.seq);
  const rows = [];
  for (const v of visits)
    for (const code of v.person.codes)
      rows.push({ date: isoOf(v.day), code, amount: fmtAmount(v.yuan), method: v.method });
  return rows;
}

const payers2022 = persons.filter(
  (p) => !nonPayers2022.includes(p) && !(sinceOfPerson(p) && sinceOfPerson(p) >= '2023-01-01'),
);
const entries2022 = shuffle(payers2022).map((person) => ({
  person,
  yuan: prepayers.includes(person) ? 1000 : partial.includes(person) ? 250 : 500,
}));
const collections2022 = makeVisits(entries2022, '2022-06-01', '2022-12-28', [
  [0, 29, 50], // the June collection drive
  [30, 60, 20],
  [61, 210, 30],
]);

const payers2023 = persons.filter(
  (p) => !nonPayers2022.includes(p) && !prepayers.includes(p) && !skip2023.includes(p),
);
const entries2023 = shuffle([
  ...payers2023.map((person) => ({ person, yuan: 500 })),
  ...catchUp2023.map((person) => ({ person, yuan: 1000 })),
]);
const collections2023 = makeVisits(entries2023, '2023-01-05', '2023-06-30', [
  [0, 15, 45], // before the Spring Festival (2023-01-22)
  [16, 85, 25],
  [86, 176, 30],
]);

// ---------------------------------------------------------------------------------------------
// Ballots: 外墙雨水管更换 (replacing the rain pipes on the outer walls), rule general.

const multiPersons = persons.filter((p) => p.codes.length === 2);
const multiNotVoting = pick(multiPersons.filter((p) => !p.codes.includes('2-2-601')));
const eligibleSingles = persons.filter((p) => p.codes.length === 1 && !sinceOfPerson(p));
const voters = [...multiPersons.filter((p) => p !== multiNotVoting), ...sample(eligibleSingles, 91)];
check(voters.length === 96, 'voters');
const CHOICES = shuffle([
  ...Array(78).fill('同意'),
  ...Array(12).fill('反对'),
  ...Array(6).fill('弃权'),
]);
// The owner of 2-2-501 and 2-2-601 hands in the ballot for 2-2-601 (their second unit);
// every other voter is listed under their first unit.
const ballotCode = (p) => (p.codes.includes('2-2-601') ? '2-2-601' : p.codes[0]);
const ballots = voters
  .map((p, i) => ({ code: ballotCode(p), choice: CHOICES[i], person: p }))
  .sort((a, b) => codeIndex.get(a.code) - codeIndex.get(b.code));
// Make sure the first 10 (reused for the GBK and English files) hold all three choices.
for (const wanted of ['反对', '弃权']) {
  if (!ballots.slice(0, 10).some((b) => b.choice === wanted)) {
    const from = ballots.findIndex((b, i) => i >= 10 && b.choice === wanted);
    const to = ballots.findIndex((b, i) => i < 10 && b.choice === '同意');
    [ballots[from].choice, ballots[to].choice] = [ballots[to].choice, ballots[from].choice];
  }
}
const EN_CHOICE = { 同意: 'yes', 反对: 'no', 弃权: 'abstain' };

// ---------------------------------------------------------------------------------------------
// Bad files

const hh = households;
const hhLine = (h) => [h.code, h.owner, h.area, h.phone, h.since].join(',');
const badHouseholds = [
  hhLine(hh[0]), // line 2 valid
  hhLine({ ...hh[1], owner: '' }), // line 3 missing owner
  hhLine(hh[2]), // line 4 valid
  hhLine({ ...hh[3], area: 'abc' }), // line 5 area abc
  hhLine({ ...hh[4], area: '-5' }), // line 6 area -5
  hhLine(hh[5]), // line 7 valid
  hhLine({ ...hh[6], code: hh[0].code }), // line 8 duplicate code of line 2
  hhLine(hh[7]), // line 9 valid
];
const badCollections = [
  '2022-06-03,1-1-101,abc,cash', // line 2 amount abc
  '2022-06-03,1-1-102,500,wechat', // line 3 valid
  '2022-06-05,1-1-201,500.001,cash', // line 4 three decimals
  '2022-06-05,9-9-999,500,cash', // line 5 unknown code
  '2022-06-08,1-1-202,500.00,alipay', // line 6 valid
  '2022-02-30,1-1-401,500,bank', // line 7 not a date
  '2022-06-10,1-1-402,250,cash', // line 8 valid
];

// ---------------------------------------------------------------------------------------------
// Writing

const BOM = '\uFEFF';
const csv = (header, lines, eol) => [header, ...lines].join(eol) + eol;
function toGbk(text) {
  const buf = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: Buffer.from(text, 'utf8') });
  const back = execFileSync('iconv', ['-f', 'GBK', '-t', 'UTF-8'], { input: buf }).toString('utf8');
  check(back === text, 'GBK round trip');
  return buf;
}

const hhRows = households.map(hhLine);
const colLine = (r) => [r.date, r.code, r.amount, r.method].join(',');
const files = {
  'households.csv': csv('code,owner,area,phone,since', hhRows, '\n'),
  'households-zh-gbk.csv': toGbk(csv('房号,业主,面积,电话,入住日期', hhRows, '\r\n')),
  'households-bom.csv': BOM + csv('code,owner,area,phone,since', hhRows.slice(0, 10), '\r\n'),
  'households-bad.csv': csv('code,owner,area,phone,since', badHouseholds, '\n'),
  'collections-2022.csv': csv('date,code,amount,method', collections2022.map(colLine), '\n'),
  'collections-2023.csv': csv('date,code,amount,method', collections2023.map(colLine), '\n'),
  'collections-bad.csv': csv('date,code,amount,method', badCollections, '\n'),
  'ballots-2022.csv': BOM + csv('房号,表决', ballots.map((b) => `${b.code},${b.choice}`), '\r\n'),
  'ballots-gbk.csv': toGbk(csv('房号,表决', ballots.slice(0, 10).map((b) => `${b.code},${b.choice}`), '\r\n')),
  'ballots-en.csv': csv('code,choice', ballots.slice(0, 10).map((b) => `${b.code},${EN_CHOICE[b.choice]}`), '\n'),
};

// ---------------------------------------------------------------------------------------------
// Self-checks

const codeSet = new Set(codes);
check(new Set(hhRows.map((l) => l.split(',')[0])).size === 120, 'codes unique');
for (const h of households) {
  const a = centiOf(h.area);
  check(a >= 5800 && a <= 14250, `area range ${h.code}`);
  check(h.owner && !h.owner.includes(','), `owner ${h.code}`);
  check(h.phone === '' || /^1[358]\d{9}$/.test(h.phone), `phone ${h.code}`);
  check(h.since === '' || isoOf(dayOf(h.since)) === h.since, `since ${h.code}`);
}
check(households.filter((h) => !h.phone).length === 10, 'ten blank phones');
check(households.filter((h) => h.since).length === 4, 'four since dates');
{
  // distinct people ⇔ distinct names
  const byName = new Map();
  for (const h of households) byName.set(h.owner, [...(byName.get(h.owner) || []), h.code]);
  check(byName.size === 114, 'owner names = owners');
  for (const p of persons) check(byName.get(p.name).slice().sort().join() === p.codes.slice().sort().join(), `owner ${p.name}`);
}

function summarize(rows, label) {
  let fen = 0;
  for (const r of rows) {
    check(codeSet.has(r.code), `${label}: unknown code ${r.code}`);
    const since = SINCE[r.code];
    check(!since || r.date >= since, `${label}: ${r.code} pays ${r.date} before moving in ${since}`);
    fen += fenOf(r.amount);
  }
  for (let i = 1; i < rows.length; i++) check(rows[i - 1].date <= rows[i].date, `${label} sorted`);
  check(rows.some((r) => r.amount.endsWith('.00')) && rows.some((r) => !r.amount.includes('.')), 'mixed amount formats');
  return { rows: rows.length, fen, payers: new Set(rows.map((r) => r.code)).size };
}
const s22 = summarize(collections2022, '2022');
const s23 = summarize(collections2023, '2023');
check(s22.payers === 104 && s22.rows === 104 && s22.fen === (101 * 500 + 2 * 1000 + 250) * 100, '2022 totals');
check(s23.payers === 105 && s23.rows === 105 && s23.fen === (100 * 500 + 5 * 1000) * 100, '2023 totals');
check(collections2022[0].date === '2022-06-01' && collections2022.at(-1).date === '2022-12-28', '2022 span');
check(collections2023[0].date === '2023-01-05' && collections2023.at(-1).date === '2023-06-30', '2023 span');
for (const p of prepayers) check(!collections2023.some((r) => r.code === p.codes[0]), 'prepayers skip 2023');
for (const r of collections2022) check(!(SINCE[r.code] >= '2023-01-01'), '2023 movers do not pay 2022');

// Vote tally (民法典 第278条, integer arithmetic, area in hundredths of m²).
const totalArea = households.reduce((s, h) => s + centiOf(h.area), 0);
const N = persons.length;
const tally = { p: [0, 0], yes: [0, 0], no: [0, 0], abstain: [0, 0] };
const seenVoters = new Set();
for (const b of ballots) {
  check(codeSet.has(b.code), 'ballot code');
  const p = personOfCode.get(b.code);
  check(!seenVoters.has(p), 'one ballot per owner');
  seenVoters.add(p);
  const area = p.codes.reduce((s, c) => s + centiOf(areaOf(c)), 0);
  const key = { 同意: 'yes', 反对: 'no', 弃权: 'abstain' }[b.choice];
  for (const k of ['p', key]) {
    tally[k][0] += 1;
    tally[k][1] += area;
  }
}
const quorum = 3 * tally.p[0] >= 2 * N && 3 * tally.p[1] >= 2 * totalArea;
const generalPass = quorum && 2 * tally.yes[0] > tally.p[0] && 2 * tally.yes[1] > tally.p[1];
const specialPass = quorum && 4 * tally.yes[0] >= 3 * tally.p[0] && 4 * tally.yes[1] >= 3 * tally.p[1];
check(tally.yes[0] === 78 && tally.no[0] === 12 && tally.abstain[0] === 6, 'ballot split');
check(generalPass, 'rain-pipe vote passes the general rule');

// ---------------------------------------------------------------------------------------------
// README

const yuan = (fen) => (fen / 100).toFixed(2);
const m2 = (c) => (c / 100).toFixed(2);
const multiList = multiPersons.map((p) => `${p.name} (${p.codes.join(' + ')})`).join(', ');
const readme = `# Test fixtures (generated — do not edit)

Written by \`node scripts/make-fixtures.mjs\` (deterministic, fixed seed; re-run to regenerate).
Demo compound: 工行小区, 离石区 吕梁 — 120 households (5 楼 × 2 单元 × 6 层 × 2 户), 114 owners, total area ${m2(totalArea)} ㎡, fee 500 元/户/年.

- \`households.csv\` — the 120 households; UTF-8, no BOM, LF; header \`code,owner,area,phone,since\`; 10 blank phones, 4 \`since\` dates (${Object.entries(SINCE).map(([c, d]) => `${c} ${d}`).join(', ')}); 6 owners hold two units (${multiList}); namesakes written \`张伟(2-1-201)\`, \`张伟(4-2-502)\`.
- \`households-zh-gbk.csv\` — the same 120 rows with header \`房号,业主,面积,电话,入住日期\`; GBK, CRLF, no BOM (as Excel/WPS on Chinese Windows saves).
- \`households-bom.csv\` — the first 10 rows of households.csv; UTF-8 WITH BOM, CRLF, English header.
- \`households-bad.csv\` — 8 rows, UTF-8, LF, English header; bad lines: 3 (owner missing), 5 (area \`abc\`), 6 (area \`-5\`), 8 (duplicate code 1-1-101, same as line 2); lines 2, 4, 7, 9 valid.
- \`collections-2022.csv\` — ${s22.rows} rows, 2022-06-01…2022-12-28, UTF-8, LF, \`date,code,amount,method\`; ${s22.payers} payers, total ${yuan(s22.fen)} yuan (101 × 500, 2 × 1000 prepaying 2023: ${prepayers.map((p) => p.codes[0]).join(', ')}; 1 × 250 partial: ${partial[0].codes[0]}); amounts mix \`500\` and \`500.00\`.
- \`collections-2023.csv\` — ${s23.rows} rows, 2023-01-05…2023-06-30, same format; ${s23.payers} payers, total ${yuan(s23.fen)} yuan (100 × 500; 5 × 1000 catching up 2022: ${catchUp2023.map((p) => p.codes[0]).join(', ')}).
- \`collections-bad.csv\` — 7 rows, UTF-8, LF; bad lines: 2 (amount \`abc\`), 4 (amount \`500.001\`), 5 (unknown code \`9-9-999\`), 7 (date \`2022-02-30\`); lines 3, 6, 8 valid.
- \`ballots-2022.csv\` — 96 ballots on 外墙雨水管更换 (major repair, rule general); UTF-8 WITH BOM, CRLF, header \`房号,表决\`, 同意 78 / 反对 12 / 弃权 6; two-unit owners appear once (${multiNotVoting.name} does not vote; the owner of 2-2-501 votes as 2-2-601); passes by headcount and area.
- \`ballots-gbk.csv\` — the first 10 ballots of ballots-2022.csv; GBK, CRLF, header \`房号,表决\`.
- \`ballots-en.csv\` — the same 10 ballots; UTF-8, LF, header \`code,choice\`, values yes/no/abstain.
`;
files['README.md'] = readme;

mkdirSync(OUT, { recursive: true });
for (const [name, content] of Object.entries(files)) writeFileSync(path.join(OUT, name), content);

// ---------------------------------------------------------------------------------------------
// Summary

const lines = (name) => {
  const c = files[name];
  const text = Buffer.isBuffer(c) ? c.toString('latin1') : c;
  return text.split(/\r?\n/).filter(Boolean).length - 1;
};
console.log(`fixtures written to ${path.relative(process.cwd(), OUT) || '.'}/`);
for (const name of Object.keys(files)) {
  if (name.endsWith('.csv')) console.log(`  ${name.padEnd(24)} ${String(lines(name)).padStart(3)} data rows`);
  else console.log(`  ${name}`);
}
console.log(`collections-2022: ${s22.rows} rows, ${s22.payers} payers, ${yuan(s22.fen)} yuan`);
console.log(`collections-2023: ${s23.rows} rows, ${s23.payers} payers, ${yuan(s23.fen)} yuan`);
console.log(`two-unit owners: ${multiList}`);
console.log(
  `vote (owners ${N}, area ${m2(totalArea)} m²): participated ${tally.p[0]} / ${m2(tally.p[1])} m², ` +
    `yes ${tally.yes[0]} / ${m2(tally.yes[1])}, no ${tally.no[0]} / ${m2(tally.no[1])}, ` +
    `abstain ${tally.abstain[0]} / ${m2(tally.abstain[1])}; quorum ${quorum}, general ${generalPass}, special ${specialPass}`,
);
