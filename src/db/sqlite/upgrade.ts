/**
 * The upgrade of a ledger made before the journal held everything (schema/0005): its register
 * (households), people (roles), fee standards, added categories and settings sat in tables of
 * their own. On the first open after the migration they become register entries at the end of
 * the journal, each keeping who recorded it and when, followed by one `upgrade` entry that
 * closes the batch. Every earlier entry, and so the chain and every total, is unchanged;
 * `verify` replays the rules only for entries recorded after the `upgrade` entry (the tool of
 * the time checked the earlier ones against tables it did not chain).
 */
import { wrapSqlite } from '../open-database.js';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { localDate, type IsoDate } from '../../domain/dates.js';
import type { NewRegisterEntry, SettingKey } from '../../domain/entry-kinds.js';
import type { Role } from '../../domain/roles.js';
import { registerRow } from '../entry-codec.js';
import { journalWriter } from '../journal.js';
import type { Migration } from './migrate.js';
import type { LedgerDb } from '../open-database.js';
import type { Database } from '../tables.js';

/** The version of the migration after which a ledger's registers are upgraded. */
const JOURNAL_HOLDS_EVERYTHING = 5;

const OLD_SETTING_KEYS: Record<string, SettingKey> = {
  compound_name: 'name',
  default_fee_fen: 'defaultFeeFen',
  major_threshold_fen: 'majorThresholdFen',
  follow_majority: 'followMajority',
};

const hasTable = (sqlite: BetterSqlite3.Database, name: string): boolean =>
  sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

/** Runs after migrating: when 0005 was just applied, the old register tables become entries. */
export function upgradeRegisters(sqlite: BetterSqlite3.Database, info: { applied: readonly Migration[]; now: Date }): void {
  if (!info.applied.some((m) => m.version === JOURNAL_HOLDS_EVERYTHING)) return;
  if (!hasTable(sqlite, 'households')) return;
  const hasEntries = sqlite.prepare('SELECT 1 FROM entries LIMIT 1').get() !== undefined;
  const hasRegister = ['settings', 'roles', 'households', 'fee_rates'].some((t) => sqlite.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined);
  if (!hasEntries && !hasRegister) return; // a ledger being created: nothing to bring over
  const ledger: LedgerDb = wrapSqlite('', sqlite);
  const first = (sqlite.prepare('SELECT MIN(date) FROM entries').pluck().get() as IsoDate | null) ?? null;
  // In force from the ledger's first day at the latest: the tool of the time let them act on any date.
  const dayOf = (recordedAt: string): IsoDate => {
    const d = recordedAt ? localDate(new Date(recordedAt)) : localDate(info.now);
    return first !== null && first < d ? first : d;
  };
  const meta = (r: { recorded_at: string; recorded_by: string }) => ({
    date: dayOf(r.recorded_at),
    recordedAt: r.recorded_at || info.now.toISOString(),
    recordedBy: r.recorded_by || 'ledger',
    approvedBy: null,
  });
  const entries: NewRegisterEntry[] = [];
  const settingsAt = sqlite.prepare("SELECT recorded_at, recorded_by FROM roles WHERE role = 'chair' ORDER BY recorded_at LIMIT 1").get() as
    | { recorded_at: string; recorded_by: string }
    | undefined;
  for (const s of sqlite.prepare('SELECT key, value FROM settings ORDER BY key').all() as { key: string; value: string }[]) {
    const key = OLD_SETTING_KEYS[s.key];
    if (!key) continue;
    const value = key === 'name' ? s.value : key === 'followMajority' ? s.value === '1' : Number(s.value);
    entries.push({ ...meta(settingsAt ?? { recorded_at: '', recorded_by: 'ledger' }), kind: 'setting', key, value });
  }
  for (const r of sqlite.prepare('SELECT person, role, recorded_at, recorded_by FROM roles ORDER BY recorded_at, rowid').all() as {
    person: string;
    role: Role;
    recorded_at: string;
    recorded_by: string;
  }[]) {
    entries.push({ ...meta(r), kind: 'appointment', person: r.person, role: r.role });
  }
  for (const c of sqlite.prepare("SELECT line, name, name_en, recorded_at, recorded_by FROM categories WHERE recorded_by <> 'system' ORDER BY recorded_at, rowid").all() as {
    line: 'income' | 'expense';
    name: string;
    name_en: string | null;
    recorded_at: string;
    recorded_by: string;
  }[]) {
    entries.push({ ...meta(c), kind: 'category', line: c.line, name: c.name, nameEn: c.name_en });
  }
  for (const f of sqlite.prepare('SELECT year, amount_fen, recorded_at, recorded_by FROM fee_rates ORDER BY id').all() as {
    year: number;
    amount_fen: number;
    recorded_at: string;
    recorded_by: string;
  }[]) {
    entries.push({ ...meta(f), kind: 'fee_standard', year: f.year, rateFen: f.amount_fen, per: 'household' });
  }
  for (const h of sqlite.prepare('SELECT code, owner, area_centi, phone, since, recorded_at, recorded_by FROM households ORDER BY code').all() as {
    code: string;
    owner: string;
    area_centi: number;
    phone: string | null;
    since: IsoDate | null;
    recorded_at: string;
    recorded_by: string;
  }[]) {
    entries.push({ ...meta(h), kind: 'household', code: h.code, owner: h.owner, ownerId: null, areaCenti: h.area_centi, phone: h.phone, since: h.since });
  }
  sqlite.transaction(() => {
    const journal = journalWriter(ledger);
    for (const e of entries) journal.append(registerRow(e));
    journal.append(
      registerRow({
        kind: 'upgrade',
        date: localDate(info.now),
        recordedAt: info.now.toISOString(),
        recordedBy: 'ledger',
        approvedBy: null,
        note: `registers brought into the journal: ${entries.length} entries`,
      }),
    );
  }).immediate();
}
