/**
 * `lock` stores the totals of the days it closes (schema/0008, db/period-totals-repo.ts), and
 * the reports start from them instead of adding up the whole history. They must say exactly
 * what they said before the lock, and, after it, exactly what a ledger without the lock says
 * for the same later entries; verify adds the totals up again and names any that were altered.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCompound, chair, collector } from '../helpers/compound.js';
import { onPostgres, psql, TempLedger } from '../helpers/run-ledger.js';

/** A line of `arrears --json`. */
interface ArrearsLine {
  code: string;
  owner: string;
  owed_fen: number;
  years: { year: number; owed_fen: number }[];
}

/** What may differ between a locked ledger and one without the lock: the lock itself, the head. */
function withoutLock(x: any): any {
  if (Array.isArray(x)) return x.map(withoutLock);
  if (x && typeof x === 'object') {
    return Object.fromEntries(Object.entries(x).filter(([k]) => !['head', 'locked_through', 'generated_at', 'last_hash'].includes(k)).map(([k, v]) => [k, withoutLock(v)]));
  }
  return x;
}

const DAYS = ['2022-01-01', '2022-06-30', '2022-07-01', '2022-12-30', '2022-12-31', '2023-01-01', '2023-03-31', '2023-06-30', '2023-07-15'];

/** Every figure the totals feed: disclosures of four half-years and a year, arrears on many days, status, the fee proposal. */
function figures(l: TempLedger): unknown {
  return withoutLock({
    reports: ['2022H1', '2022H2', '2023H1', '2023H2'].map((h) => l.json(['report', '--half', h])),
    year: l.json(['report', '--year', '2022']),
    arrears: DAYS.map((d) => l.json(['arrears', '--as-of', d])),
    status: l.json(['status']),
    budget: l.json(['budget', '2024']),
  });
}

/** A SQLite ledger file in a temporary folder, whatever the engine under test (here: a backup). */
class FileLedger extends TempLedger {
  override readonly db = path.join(this.dir, 'unlocked.db');
}

describe('lock stores the closed days totals; the figures stay exactly the same', () => {
  const { ledger: l } = buildCompound();
  // The same ledger without the lock (a backup taken before it), given the same later writes.
  const unlocked = new FileLedger(l.now);
  afterAll(() => {
    l.cleanup();
    unlocked.cleanup();
  });
  const both = (args: string[]) => {
    l.ok(args);
    unlocked.ok(args);
  };
  // On PostgreSQL the compound's tables are in its own schema (the only compound of this database);
  // psql separates columns with |, sqlite3 too.
  const totalsRows = (db: string, query: string): string[] =>
    (/^postgres/.test(db) ? psql(db, `SET search_path TO ${psql(db, 'SELECT schema FROM ledger.compounds').trim()}; ${query}`) : execFileSync('sqlite3', [db, query], { encoding: 'utf8' }))
      .trim()
      .split('\n');

  it('the reports, arrears, status and budget say the same before and after `lock --through 2022-12-31`', () => {
    const before = figures(l);
    l.ok(['backup', unlocked.db]);
    expect(l.json([...chair, 'lock', '--through', '2022-12-31'])).toMatchObject({ through: '2022-12-31' });
    expect(figures(l)).toEqual(before);
    expect(figures(unlocked)).toEqual(before);
    expect(l.json(['verify'])).toMatchObject({ ok: true, locked_through: '2022-12-31' });
  });

  it('the totals stored are of the lock day and of the half-year end before it, one row per household with money', () => {
    expect(totalsRows(l.db, "SELECT through || ' ' || households || ' ' || fund_fen FROM period_totals ORDER BY through")).toEqual([
      expect.stringMatching(/^2022-06-30 \d+ -?\d+$/),
      expect.stringMatching(/^2022-12-31 \d+ -?\d+$/),
    ]);
    const count = totalsRows(l.db, "SELECT COUNT(*) FROM household_totals WHERE through = '2022-12-31'")[0];
    expect(Number(count)).toBeGreaterThan(100);
    // With each day, the fee money of its half-year up to it, split as the disclosure splits it.
    const split = (h: string) => l.json(['report', '--half', h]).income as { fees_total_fen: number; fees_current_fen: number; fees_arrears_fen: number; refunds_fen: number };
    expect(totalsRows(l.db, "SELECT through || ' ' || from_date || ' ' || fee_year || ' ' || total_fen || ' ' || current_fen || ' ' || arrears_fen || ' ' || refunds_fen FROM period_fee_split ORDER BY through")).toEqual(
      (['2022H1', '2022H2'] as const).map((h, i) => {
        const s = split(h);
        return `${['2022-06-30', '2022-12-31'][i]} ${['2022-01-01', '2022-07-01'][i]} 2022 ${s.fees_total_fen} ${s.fees_current_fen} ${s.fees_arrears_fen} ${s.refunds_fen}`;
      }),
    );
    expect(split('2022H2').fees_total_fen).toBeGreaterThan(0);
  });

  it('each owing household\'s row keeps the years it still owed that day and its owner, as arrears lists them (schema/0012)', () => {
    // Only the rows of households that owe carry the years; every row its owner.
    expect(totalsRows(l.db, "SELECT COUNT(*) FROM household_totals WHERE (owed IS NOT NULL) <> (charged_fen > paid_fen) OR owner IS NULL OR owner = ''")).toEqual(['0']);
    for (const day of ['2022-06-30', '2022-12-31']) {
      const stored = totalsRows(l.db, `SELECT household || ' ' || owner || ' ' || owed FROM household_totals WHERE through = '${day}' AND owed IS NOT NULL ORDER BY household`);
      const listed = (l.json(['arrears', '--as-of', day]).households as { code: string; owner: string; years: { year: number; owed_fen: number }[] }[]).map(
        (h) => `${h.code} ${h.owner} ${h.years.map((y) => `${y.year}:${y.owed_fen}`).join(',')}`,
      );
      expect(listed.length).toBeGreaterThan(5);
      expect(stored).toEqual(listed);
    }
  });

  it('after the lock, entries of the open period count exactly as in the ledger without the lock', () => {
    const before = figures(l);
    both([...collector, 'collect', '1-1-101', '300', '--date', '2023-07-01', '--method', 'cash']);
    const owing = (l.json(['arrears', '--as-of', '2023-07-15']).households as { code: string; years: { year: number }[] }[]).find((h) => h.years.some((y) => y.year === 2023))!;
    both([...chair, 'fee', 'waive', owing.code, '2023', '100', '--reason', '困难户', '--approved-by', '赵红梅', '--date', '2023-07-02']);
    both([...collector, 'income', '50', '--category', '停车费', '--date', '2023-07-03']);
    // Owners: an owing unit sold after the closed day, and another's owner corrected after the lock:
    // neither is the owner the lock kept, on the days after it.
    const [sold, corrected] = (l.json(['arrears', '--as-of', '2022-12-31']).households as { code: string }[]).map((h) => h.code).filter((c) => c !== owing.code);
    both([...chair, 'household', 'transfer', sold!, '--to', '新业主甲', '--date', '2023-01-10']);
    both([...chair, 'household', 'correct', corrected!, '--owner', '更正后业主', '--reason', '登记有误']);
    const after = figures(l);
    expect(after).not.toEqual(before);
    expect(after).toEqual(figures(unlocked));
  });

  it('a second lock stores its day from the first one, and verify adds both up again', () => {
    // A transfer recorded before the lock, dated after its day: the owner kept for that day is the seller.
    const [code] = (l.json(['arrears', '--as-of', '2023-06-30']).households as { code: string }[]).map((h) => h.code);
    both([...chair, 'household', 'transfer', code!, '--to', '新业主乙', '--date', '2023-07-05']);
    l.ok([...chair, 'lock', '--through', '2023-06-30']);
    expect(totalsRows(l.db, 'SELECT through FROM period_totals ORDER BY through')).toEqual(['2022-06-30', '2022-12-31', '2023-06-30']);
    expect(totalsRows(l.db, `SELECT owner FROM household_totals WHERE through = '2023-06-30' AND household = '${code}'`)).not.toEqual(['新业主乙']);
    expect((l.json(['arrears', '--as-of', '2023-07-15']).households as { code: string; owner: string }[]).find((h) => h.code === code)?.owner).toBe('新业主乙');
    expect(figures(l)).toEqual(figures(unlocked));
    expect(l.json(['verify'])).toMatchObject({ ok: true, locked_through: '2023-06-30' });
  });

  it('an owner corrected after the lock is named on the locked day too, as without the lock; verify still passes', () => {
    const [code] = (l.json(['arrears', '--as-of', '2023-06-30']).households as { code: string }[]).map((h) => h.code).slice(1);
    both([...chair, 'household', 'correct', code!, '--owner', '更正后业主乙', '--reason', '登记有误']);
    expect((l.json(['arrears', '--as-of', '2023-06-30']).households as { code: string; owner: string }[]).find((h) => h.code === code)?.owner).toBe('更正后业主乙');
    expect(figures(l)).toEqual(figures(unlocked));
    // What the lock kept stays as the register stood then, and is checked against that.
    expect(totalsRows(l.db, `SELECT owner FROM household_totals WHERE through = '2023-06-30' AND household = '${code}'`)).not.toEqual(['更正后业主乙']);
    expect(l.json(['verify'])).toMatchObject({ ok: true });
  });

  /** A copy of the ledger edited with sqlite3 (`edit`), and the problems verify names in it (it must exit 1). */
  const tampered = (edit: string): { bad: FileLedger; problems: any[] } => {
    const bad = new FileLedger(l.now);
    fs.copyFileSync(l.db, bad.db);
    execFileSync('sqlite3', [bad.db, edit]);
    const r = bad.run(['verify', '--json']);
    expect(r.code).toBe(1);
    return { bad, problems: JSON.parse(r.stdout).problems };
  };

  it('copy --to adds the closed days totals up again in the copy, which says the same', () => {
    const copy = new FileLedger(l.now);
    fs.rmSync(copy.db, { force: true });
    l.ok(['copy', '--to', copy.db]);
    expect(totalsRows(copy.db, 'SELECT through, households, fund_fen FROM period_totals ORDER BY through')).toEqual(
      totalsRows(l.db, 'SELECT through, households, fund_fen FROM period_totals ORDER BY through'),
    );
    const splits = (db: string) => totalsRows(db, 'SELECT through, from_date, fee_year, total_fen, current_fen, arrears_fen, refunds_fen FROM period_fee_split ORDER BY through');
    expect(splits(copy.db)).toEqual(splits(l.db));
    expect(splits(l.db)).toHaveLength(3);
    expect(figures(copy)).toEqual(figures(l));
    copy.cleanup();
  });

  it.skipIf(onPostgres)('verify names totals altered behind the tool; the reports read them (a copy edited with sqlite3)', () => {
    const { bad, problems } = tampered("DROP TRIGGER household_totals_no_update; UPDATE household_totals SET paid_fen = paid_fen - 50000 WHERE through = '2023-06-30' AND household = '1-1-101';");
    const texts = problems.filter((p: any) => p.check === 'totals').map((p: any) => p.text.en);
    expect(texts).toEqual([expect.stringMatching(/^the totals stored for 2023-06-30 do not add up from the entries \(household 1-1-101\)/)]);
    // The arrears of a day after the lock start from those totals: 1-1-101 now shows as owing more.
    const owed = (x: TempLedger) => (x.json(['arrears', '--as-of', '2023-07-15']).households as { code: string; owed_fen: number }[]).find((h) => h.code === '1-1-101')?.owed_fen ?? 0;
    expect(owed(bad)).toBeGreaterThan(owed(l));
    bad.cleanup();
  });

  /**
   * An owing room's stored row of 2023-06-30 altered behind the tool (`set`, an SQL assignment):
   * verify names that room alone; gives the room's line of `arrears` that day, altered and not.
   */
  const alteredRoom = (set: string): { altered: ArrearsLine; kept: ArrearsLine } => {
    // The last owing room: the first two were sold after the lock's day or renamed after the lock (above), so arrears reads their owners from the register.
    const [room] = totalsRows(l.db, "SELECT household FROM household_totals WHERE through = '2023-06-30' AND owed IS NOT NULL ORDER BY household DESC LIMIT 1");
    const { bad, problems } = tampered(`DROP TRIGGER household_totals_no_update; UPDATE household_totals SET ${set} WHERE through = '2023-06-30' AND household = '${room}';`);
    const texts = problems.filter((p: any) => p.check === 'totals').map((p: any) => p.text.en);
    expect(texts).toEqual([expect.stringMatching(new RegExp(`^the totals stored for 2023-06-30 do not add up from the entries \\(household ${room}\\)`))]);
    const line = (x: TempLedger) => (x.json(['arrears', '--as-of', '2023-06-30']).households as ArrearsLine[]).find((h) => h.code === room)!;
    const lines = { altered: line(bad), kept: line(l) };
    bad.cleanup();
    return lines;
  };

  it.skipIf(onPostgres)('verify names the years a household owed altered behind the tool; arrears of that day read them', () => {
    const { altered, kept } = alteredRoom("owed = '2023:1'");
    expect(altered).toMatchObject({ owed_fen: 1, years: [{ year: 2023, owed_fen: 1 }] });
    expect(kept.owed_fen).toBeGreaterThan(1);
  });

  it.skipIf(onPostgres)('verify names an owner altered behind the tool; arrears of that day read it', () => {
    const { altered, kept } = alteredRoom("owner = '冒名者'");
    expect(altered.owner).toBe('冒名者');
    expect(kept.owner).not.toBe('冒名者');
  });

  it.skipIf(onPostgres)('a ledger locked before the owed years and owners were kept (schema/0012) says the same, from its totals alone', () => {
    const old = new FileLedger(l.now);
    fs.copyFileSync(l.db, old.db);
    // As a ledger locked before schema/0012 looks once migrated: the totals, no owed years, no owners.
    const trigger = execFileSync('sqlite3', [old.db, "SELECT sql FROM sqlite_master WHERE name = 'household_totals_no_update'"]).toString().trim();
    execFileSync('sqlite3', [old.db, `DROP TRIGGER household_totals_no_update; UPDATE household_totals SET owed = NULL, owner = NULL; ${trigger};`]);
    expect(totalsRows(old.db, 'SELECT COUNT(owed) + COUNT(owner) FROM household_totals')).toEqual(['0']);
    expect(figures(old)).toEqual(figures(l));
    expect(old.json(['verify'])).toMatchObject({ ok: true });
    old.cleanup();
  });

  it.skipIf(onPostgres)('verify names a fee split altered behind the tool; the disclosure of the locked half-year reads it', () => {
    const { bad, problems } = tampered(
      "DROP TRIGGER period_fee_split_no_update; UPDATE period_fee_split SET current_fen = current_fen - 500, arrears_fen = arrears_fen + 500 WHERE through = '2022-12-31';",
    );
    const texts = problems.filter((p: any) => p.check === 'totals').map((p: any) => p.text.en);
    expect(texts).toEqual([
      expect.stringMatching(/^the totals stored for 2022-12-31 do not add up from the entries \(fee split current_fen \d+ != \d+\)/),
      expect.stringMatching(/^the totals stored for 2022-12-31 do not add up from the entries \(fee split arrears_fen \d+ != \d+\)/),
    ]);
    const income = (x: TempLedger) => x.json(['report', '--half', '2022H2']).income as { fees_current_fen: number; fees_arrears_fen: number };
    expect(income(bad).fees_current_fen).toBe(income(l).fees_current_fen - 500);
    expect(income(bad).fees_arrears_fen).toBe(income(l).fees_arrears_fen + 500);
    bad.cleanup();
  });

  it.skipIf(onPostgres)('a ledger locked before the fee split was kept gets the split of every closed day at its next lock', () => {
    const old = new FileLedger(l.now);
    fs.copyFileSync(l.db, old.db);
    // As a ledger locked before schema/0009 looks once migrated: the totals, no split.
    const trigger = execFileSync('sqlite3', [old.db, "SELECT sql FROM sqlite_master WHERE name = 'period_fee_split_no_delete'"]).toString().trim();
    execFileSync('sqlite3', [old.db, `DROP TRIGGER period_fee_split_no_delete; DELETE FROM period_fee_split; ${trigger};`]);
    const before = figures(old);
    old.ok([...chair, 'lock', '--through', '2023-07-10']);
    expect(totalsRows(old.db, 'SELECT through, from_date FROM period_fee_split ORDER BY through')).toEqual(
      ['2022-06-30|2022-01-01', '2022-12-31|2022-07-01', '2023-06-30|2023-01-01', '2023-07-10|2023-07-01'],
    );
    expect(withoutLock(figures(old))).toEqual(withoutLock(before));
    expect(old.json(['verify'])).toMatchObject({ ok: true, locked_through: '2023-07-10' });
    old.cleanup();
  });

  it.skipIf(onPostgres)('verify names a fund total altered, and totals of a day no lock closed', () => {
    const { bad, problems } = tampered(
      "DROP TRIGGER period_totals_no_update; UPDATE period_totals SET fund_fen = fund_fen - 100 WHERE through = '2022-06-30'; " +
        "INSERT INTO period_totals (through, lock_seq, fund_fen, households) SELECT '2023-12-31', lock_seq, fund_fen, 0 FROM period_totals WHERE through = '2023-06-30';",
    );
    const texts = problems.map((p: any) => p.text.en).join('\n');
    expect(texts).toMatch(/the totals stored for 2022-06-30 do not add up from the entries \(fund /);
    expect(texts).toMatch(/the totals of 2023-12-31 were not stored by a lock closing that day/);
    bad.cleanup();
  });
});
