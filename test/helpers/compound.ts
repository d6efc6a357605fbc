import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, TempLedger } from './run-ledger.js';

/** One movement of the fund, as the inputs below say it should be (cash basis, voids on their own date). */
export interface Move {
  date: string;
  line: 'fees' | 'other' | 'expense';
  /** + into the fund, - out. */
  fen: number;
}

export const chair = ['--by', '袁生龙'];
export const collector = ['--by', '李秀英'];
export const reimburser = ['--by', '王建国'];

const fen = (yuan: string) => Math.round(Number(yuan) * 100);

/** The moves of a `date,code,amount,method` fixture, read independently of the ledger's own CSV reader. */
function csvMoves(file: string): Move[] {
  const lines = fs.readFileSync(path.join(FIXTURES, file), 'utf8').trim().split(/\r?\n/).slice(1);
  return lines.map((l) => {
    const [date, , amount] = l.split(',');
    return { date: date!, line: 'fees' as const, fen: fen(amount!) };
  });
}

/**
 * The demo compound (工行小区, 120 households from fixtures/) through a year and a half:
 * fees 2022 and 2023 from the fixtures, other income, expenses (one under a passed vote, one
 * in a category whose name is full of syntax), voids across periods, notes with quotes,
 * semicolons, tabs and line breaks. Returns the ledger and every movement of the fund as
 * the inputs say it should be, so figures can be checked against the inputs themselves.
 */
export function buildCompound(): { ledger: TempLedger; moves: Move[] } {
  const l = new TempLedger();
  const moves: Move[] = [];
  const spend = (amount: string, category: string, date: string, ...extra: string[]) => {
    const r = l.json([...reimburser, 'spend', amount, '--category', category, '--payee', '保洁公司', '--item', `${category} ${date}`, '--approved-by', '袁生龙', '--date', date, ...extra]);
    moves.push({ date, line: 'expense', fen: -fen(amount) });
    return r.number as string;
  };
  const income = (amount: string, category: string, date: string, ...extra: string[]) => {
    const r = l.json([...collector, 'income', amount, '--category', category, '--date', date, ...extra]);
    moves.push({ date, line: 'other', fen: fen(amount) });
    return r.receipt as string;
  };

  l.ok(['init', '--name', '工行小区', '--chair', '袁生龙']);
  l.ok([...chair, 'role', 'add', '李秀英', 'collector']);
  l.ok([...chair, 'role', 'add', '王建国', 'reimburser']);
  l.ok([...chair, 'role', 'add', '赵红梅', 'supervisor']);
  l.ok([...chair, 'household', 'import', path.join(FIXTURES, 'households-zh-gbk.csv')]);

  l.ok([...chair, 'bill', '2022']);
  l.ok([...collector, 'import', 'collections', path.join(FIXTURES, 'collections-2022.csv')]);
  moves.push(...csvMoves('collections-2022.csv'));
  income('1200', '停车费', '2022-08-01', '--from', '停车场承包人 "老王"; 车位 12 个');
  const recycling = income('85.50', '废品', '2022-11-03', '--note', 'a;b "q" second part: with a colon');
  const cleaning = spend('800', '保洁', '2022-07-05', '--voucher', '记-1');
  spend('1500', '门卫', '2022-07-31', '--voucher', '记-2');
  spend('600.50', 'greening', '2022-09-10', '--payee', '张三; "园林" | 绿化队');
  l.ok([...chair, 'vote', 'open', '--title', '外墙雨水管更换', '--budget', '30000', '--date', '2022-09-01', '--closes', '2022-09-15']);
  l.ok([...chair, 'vote', 'import', 'V2022-01', path.join(FIXTURES, 'ballots-2022.csv'), '--date', '2022-09-10']);
  l.ok([...chair, 'vote', 'close', 'V2022-01', '--date', '2022-09-16']);
  spend('25000', '维修', '2022-12-20', '--vote', 'V2022-01', '--voucher', '记-3');
  l.ok([...chair, 'category', 'add', '电梯;"维保"', '--line', 'expense']);
  spend('300', '电梯;"维保"', '2022-12-01');

  l.ok([...collector, 'void', 'R2022-0003', '--reason', '收错户', '--approved-by', '袁生龙', '--date', '2022-12-30']);
  moves.push({ date: '2022-12-30', line: 'fees', fen: -50000 });
  l.ok([...chair, 'bill', '2023']);
  l.ok([...collector, 'import', 'collections', path.join(FIXTURES, 'collections-2023.csv')]);
  moves.push(...csvMoves('collections-2023.csv'));
  l.ok([...reimburser, 'void', cleaning, '--reason', '重复报账', '--approved-by', '袁生龙', '--date', '2023-01-05']);
  moves.push({ date: '2023-01-05', line: 'expense', fen: 80000 });
  l.ok([...collector, 'void', recycling, '--reason', '金额有误', '--approved-by', '袁生龙', '--date', '2023-02-01']);
  moves.push({ date: '2023-02-01', line: 'other', fen: -8550 });
  spend('800', '保洁', '2023-03-01');
  income('12.34', '利息', '2023-06-21');
  l.ok([...collector, 'collect', '3-1-302', '500', '--date', '2023-06-30', '--method', 'wechat', '--note', 'tab-free; "paid" for 2023']);
  moves.push({ date: '2023-06-30', line: 'fees', fen: 50000 });
  return { ledger: l, moves };
}

/** The fund before `date` (through the day before), from the moves. */
export const balanceBefore = (moves: readonly Move[], date: string) => moves.filter((m) => m.date < date).reduce((s, m) => s + m.fen, 0);

/** Income (fees + other) and expenses of [from, to], both ends inclusive, from the moves. */
export function totals(moves: readonly Move[], from: string, to: string): { income: number; expense: number } {
  const inside = moves.filter((m) => m.date >= from && m.date <= to);
  return {
    income: inside.filter((m) => m.line !== 'expense').reduce((s, m) => s + m.fen, 0),
    expense: inside.filter((m) => m.line === 'expense').reduce((s, m) => s - m.fen, 0),
  };
}
