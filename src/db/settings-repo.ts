import type { Fen } from '../domain/money.js';
import type { LedgerDb } from './open-database.js';

/** The compound's own settings, agreed at `init`. */
export interface Settings {
  name: string;
  defaultFeeFen: Fen;
  majorThresholdFen: Fen;
  /** 从众: non-voters follow the majority. Off unless the compound's rules say so. */
  followMajority: boolean;
}

const KEYS = {
  name: 'compound_name',
  defaultFeeFen: 'default_fee_fen',
  majorThresholdFen: 'major_threshold_fen',
  followMajority: 'follow_majority',
} as const;

export async function readSettings(ledger: LedgerDb): Promise<Settings> {
  const rows = await ledger.db.selectFrom('settings').select(['key', 'value']).execute();
  const map = new Map(rows.map((r) => [r.key, r.value]));
  return {
    name: map.get(KEYS.name) ?? '',
    defaultFeeFen: Number(map.get(KEYS.defaultFeeFen) ?? 50000),
    majorThresholdFen: Number(map.get(KEYS.majorThresholdFen) ?? 200000),
    followMajority: map.get(KEYS.followMajority) === '1',
  };
}

export async function writeSettings(ledger: LedgerDb, settings: Partial<Settings>): Promise<void> {
  for (const [k, v] of Object.entries(settings)) {
    const key = KEYS[k as keyof Settings];
    const value = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
    await ledger.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }
}
