/**
 * The kinds of journal entry that record the compound itself rather than money: the register
 * (households, owners, areas), the people and their roles, and the rules (fee standards,
 * settings, categories). Each kind is its own type; `db/entry-codec.ts` is the one converter
 * between these and the stored row, next to the hash code. State (who owns a unit, who holds
 * a role, the fee of a year) is a projection of these entries (projection.ts).
 */
import type { AreaCenti } from './area.js';
import type { IsoDate } from './dates.js';
import type { Fen } from './money.js';
import type { Role } from './roles.js';

export const REGISTER_KINDS = [
  'household',
  'transfer',
  'correction',
  'household_end',
  'appointment',
  'role_end',
  'handover',
  'fee_standard',
  'setting',
  'category',
  'upgrade',
  'key',
] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

/** Every kind of entry the journal holds: money and votes, then the register and rules. */
export const MONEY_KINDS = ['charge', 'collection', 'income', 'expense', 'waiver', 'refund', 'void'] as const;
export const VOTE_KINDS = ['vote', 'ballot', 'vote_close'] as const;
export const ALL_KINDS = [...MONEY_KINDS, ...VOTE_KINDS, 'lock', ...REGISTER_KINDS] as const;
export type EntryKind = (typeof ALL_KINDS)[number];

export const isRegisterKind = (kind: string): kind is RegisterKind => (REGISTER_KINDS as readonly string[]).includes(kind);

/** How a year's fee standard is charged: per household, or by area per year or per month. */
export type FeeBasis = 'household' | 'm2-year' | 'm2-month';
export const FEE_BASES: readonly FeeBasis[] = ['household', 'm2-year', 'm2-month'];

export type Line = 'income' | 'expense';

/** The compound's own settings, each changed by a `setting` entry. */
export interface Settings {
  name: string;
  defaultFeeFen: Fen;
  majorThresholdFen: Fen;
  /** 从众: non-voters follow the majority. Off unless the compound's rules say so. */
  followMajority: boolean;
  /** 按月折算: a household on the register for part of a year pays for its months only. */
  prorate: boolean;
}
export type SettingKey = keyof Settings;
export const SETTING_KEYS: readonly SettingKey[] = ['name', 'defaultFeeFen', 'majorThresholdFen', 'followMajority', 'prorate'];

export const DEFAULT_SETTINGS: Settings = {
  name: '',
  defaultFeeFen: 50000,
  majorThresholdFen: 200000,
  followMajority: false,
  prorate: false,
};

/** Who recorded an entry, when, and on which day it takes effect. */
export interface EntryMeta {
  seq: number;
  date: IsoDate;
  recordedAt: string;
  recordedBy: string;
  approvedBy: string | null;
}

export type RegisterEntry = EntryMeta &
  (
    | { kind: 'household'; code: string; owner: string; ownerId: string | null; areaCenti: AreaCenti; phone: string | null; since: IsoDate | null }
    | { kind: 'transfer'; code: string; owner: string; ownerId: string | null; phone: string | null; note: string | null }
    | {
        kind: 'correction';
        code: string;
        owner?: string;
        ownerId?: string | null;
        areaCenti?: AreaCenti;
        phone?: string | null;
        reason: string;
      }
    | { kind: 'household_end'; code: string; reason: string }
    | { kind: 'appointment'; person: string; role: Role }
    | { kind: 'role_end'; person: string; role: Role; reason: string | null }
    | { kind: 'handover'; role: Role; from: string; to: string; cashFen: Fen | null; balanceFen: Fen }
    | { kind: 'fee_standard'; year: number; rateFen: Fen; per: FeeBasis }
    | { kind: 'setting'; key: SettingKey; value: string | number | boolean }
    | { kind: 'category'; line: Line; name: string; nameEn: string | null }
    | { kind: 'upgrade'; note: string }
    | { kind: 'key'; person: string; publicKey: string; fingerprint: string; sealed: SealedKey }
  );

/**
 * A private key as the ledger keeps it: sealed (AES-256-GCM) under a key derived from the
 * person's passphrase with scrypt. All fields base64 but the cost parameters.
 */
export interface SealedKey {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/** A register entry of one kind. */
export type RegisterEntryOf<K extends RegisterKind> = Extract<RegisterEntry, { kind: K }>;

/** What a writer supplies for a register entry: the journal fills in seq. */
export type NewRegisterEntry = RegisterEntry extends infer E ? (E extends RegisterEntry ? Omit<E, 'seq'> : never) : never;
