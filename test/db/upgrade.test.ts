// A ledger made before the journal held its registers (fixtures/legacy) opens, and on its
// first write is upgraded in place: its registers become journal entries, its chain and
// totals are unchanged, and verify passes; a read never changes the file.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FIXTURES, TempLedger } from '../helpers/run-ledger.js';

const LEGACY = path.join(FIXTURES, 'legacy');
const ledgers: TempLedger[] = [];
afterEach(() => {
  while (ledgers.length) ledgers.pop()!.cleanup();
});
function legacyCopy(): TempLedger {
  const l = new TempLedger();
  ledgers.push(l);
  fs.copyFileSync(path.join(LEGACY, 'ledger-v1.db'), l.db);
  return l;
}
const hashes = (file: string, through: number): string[] => {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return db.prepare('SELECT seq || \':\' || hash FROM entries WHERE seq <= ? ORDER BY seq').pluck().all(through) as string[];
  } finally {
    db.close();
  }
};
const pick = (r: any) => ({
  opening: r.opening_balance_fen,
  income: r.income_total_fen,
  expense: r.expense_total_fen,
  closing: r.closing_balance_fen,
  fees: [r.income.fees_current_fen, r.income.fees_arrears_fen, r.income.fees_prepaid_fen, r.income.other_fen],
  basics: r.basics,
});

describe('a ledger made by an earlier version', () => {
  it('is read (and verified) without being changed, with the totals it had', () => {
    const l = legacyCopy();
    const before = fs.readFileSync(l.db);
    const v = l.json(['verify']);
    expect(v).toMatchObject({ ok: true, entries: 26 + 20 + 1 });
    expect(pick(l.json(['report', '--year', '2022']))).toEqual(pick(JSON.parse(fs.readFileSync(path.join(LEGACY, 'report-2022.json'), 'utf8'))));
    expect(l.json(['arrears'])).toEqual(JSON.parse(fs.readFileSync(path.join(LEGACY, 'arrears.json'), 'utf8')));
    expect(fs.readFileSync(l.db).equals(before)).toBe(true);
  });

  it('is upgraded in place on its first write: registers become entries after the old ones, chain unchanged', () => {
    const l = legacyCopy();
    const old = hashes(l.db, 26);
    expect(old).toHaveLength(26);
    l.ok(['--by', '李会计', 'collect', '1-1-201', '500', '--date', '2023-07-01']);
    expect(hashes(l.db, 26)).toEqual(old);
    const v = l.json(['verify']);
    expect(v.ok).toBe(true);
    // 4 settings, 4 appointments, 1 category, 1 fee standard, 10 households, the upgrade; then the
    // collector's key (given at the first write, with the passphrase chosen then) and the collection.
    expect(v.kinds).toMatchObject({ setting: 4, appointment: 4, category: 1, fee_standard: 1, household: 10, upgrade: 1, key: 1, collection: 3 });
    expect(v.entries).toBe(26 + 21 + 2);
    // What the earlier version recorded is reported as recorded before signatures, and still checked.
    expect(v.recorded_before_signatures).toBe(26 + 21);
    // The register, people and rules read as before, now from the journal.
    expect(l.json(['household', 'list'])).toHaveLength(10);
    expect(l.json(['role', 'list']).map((r: any) => [r.name, r.role, r.to])).toEqual([
      ['张主任', 'chair', null], ['李会计', 'collector', null], ['王出纳', 'reimburser', null], ['赵监督', 'supervisor', null],
    ]);
    expect(l.json(['category', 'list', '--line', 'expense']).map((c: any) => c.name)).toContain('电梯维保');
    expect(l.json(['setting', 'follow-majority']).follow_majority).toBe(true);
    expect(l.json(['--by', '张主任', 'bill', '2023']).fee_fen).toBe(60000);
    // A second open does not upgrade again.
    expect(l.json(['verify']).kinds.upgrade).toBe(1);
  });

  it('after the upgrade, its register is in the chain: an area edited behind the tool is named', () => {
    const l = legacyCopy();
    l.ok(['--by', '李会计', 'collect', '1-1-201', '500', '--date', '2023-07-01']);
    const db = new BetterSqlite3(l.db);
    db.exec('DROP TRIGGER entries_no_update');
    const seq = db.prepare("SELECT seq FROM entries WHERE kind = 'household' AND household = '1-1-101'").pluck().get() as number;
    db.prepare("UPDATE entries SET detail = replace(detail, '\"area_centi\":5800', '\"area_centi\":999900') WHERE seq = ?").run(seq);
    db.exec("CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries\n  BEGIN SELECT RAISE(ABORT, 'ledger entries are append-only; record a correction instead'); END");
    db.close();
    const r = l.run(['verify']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`error: entry ${seq} (household, 2022-01-01): hash does not match its content`);
  });
});
