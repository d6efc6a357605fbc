/**
 * The one converter between the register kinds of entry (domain/entry-kinds.ts) and the
 * stored journal row. What has a column of its own goes there (the household code, a
 * person in `party`, a fee year and rate, a category); the rest is a JSON payload in
 * `detail`, its keys written in a fixed order so that the hashed text is canonical.
 */
import type { NewRegisterEntry, RegisterEntry, RegisterKind, SealedKey } from '../domain/entry-kinds.js';
import type { Role } from '../domain/roles.js';
import type { NewEntry } from './journal.js';
import type { EntryRow } from './tables.js';

type Stamp = Pick<EntryRow, 'recorded_at' | 'recorded_by'>;

const json = (o: Record<string, unknown>): string => JSON.stringify(o);

/** The row a register entry is stored as (seq and the chain are the journal writer's). */
export function registerRow(e: NewRegisterEntry): NewEntry {
  const base = { kind: e.kind, date: e.date, recorded_at: e.recordedAt, recorded_by: e.recordedBy, approved_by: e.approvedBy } as NewEntry & Stamp;
  switch (e.kind) {
    case 'household':
      return { ...base, household: e.code, party: e.owner, detail: json({ owner_id: e.ownerId, area_centi: e.areaCenti, phone: e.phone, since: e.since }) };
    case 'transfer':
      return { ...base, household: e.code, party: e.owner, note: e.note, detail: json({ owner_id: e.ownerId, phone: e.phone }) };
    case 'correction': {
      const d: Record<string, unknown> = {};
      if (e.owner !== undefined) d.owner = e.owner;
      if (e.ownerId !== undefined) d.owner_id = e.ownerId;
      if (e.areaCenti !== undefined) d.area_centi = e.areaCenti;
      if (e.phone !== undefined) d.phone = e.phone;
      return { ...base, household: e.code, note: e.reason, detail: json(d) };
    }
    case 'household_end':
      return { ...base, household: e.code, note: e.reason };
    case 'appointment':
      return { ...base, party: e.person, detail: json({ role: e.role }) };
    case 'role_end':
      return { ...base, party: e.person, note: e.reason, detail: json({ role: e.role }) };
    case 'handover':
      return { ...base, party: e.to, detail: json({ role: e.role, from: e.from, to: e.to, cash_fen: e.cashFen, balance_fen: e.balanceFen }) };
    case 'fee_standard':
      return { ...base, year: e.year, amount_fen: e.rateFen, detail: json({ per: e.per }) };
    case 'setting':
      return { ...base, item: e.key, detail: json({ value: e.value }) };
    case 'category':
      return { ...base, category: e.name, detail: json({ line: e.line, name_en: e.nameEn }) };
    case 'upgrade':
      return { ...base, note: e.note };
    case 'key':
      return { ...base, party: e.person, detail: json({ public_key: e.publicKey, fingerprint: e.fingerprint, sealed: e.sealed }) };
  }
}

const str = (v: unknown): string => {
  if (typeof v !== 'string' || v === '') throw new Error('a required field is missing');
  return v;
};
const opt = (v: unknown): string | null => (v === null || v === undefined ? null : str(v));
const int = (v: unknown): number => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw new Error('a figure is not a positive whole number');
  return v;
};

/** A stored row as its register entry; throws (for `verify` to report) when the row is malformed. */
export function registerEntryOf(row: Pick<EntryRow, 'seq' | 'kind' | 'date' | 'household' | 'year' | 'amount_fen' | 'category' | 'party' | 'item' | 'note' | 'approved_by' | 'detail' | 'recorded_at' | 'recorded_by'>): RegisterEntry {
  const meta = { seq: row.seq, date: row.date, recordedAt: row.recorded_at, recordedBy: row.recorded_by, approvedBy: row.approved_by };
  const d = (row.detail ? JSON.parse(row.detail) : {}) as Record<string, unknown>;
  const kind = row.kind as RegisterKind;
  switch (kind) {
    case 'household':
      // Written out rather than spread from `meta`: a spread followed by more fields takes V8's slow
      // path (about 6 µs an entry), and a district's register is ten thousand of these.
      return {
        seq: row.seq,
        date: row.date,
        recordedAt: row.recorded_at,
        recordedBy: row.recorded_by,
        approvedBy: row.approved_by,
        kind,
        code: str(row.household),
        owner: str(row.party),
        ownerId: opt(d.owner_id),
        areaCenti: int(d.area_centi),
        phone: opt(d.phone),
        since: opt(d.since),
      };
    case 'transfer':
      return { ...meta, kind, code: str(row.household), owner: str(row.party), ownerId: opt(d.owner_id), phone: opt(d.phone), note: row.note };
    case 'correction':
      return {
        ...meta,
        kind,
        code: str(row.household),
        reason: str(row.note),
        ...('owner' in d ? { owner: str(d.owner) } : {}),
        ...('owner_id' in d ? { ownerId: opt(d.owner_id) } : {}),
        ...('area_centi' in d ? { areaCenti: int(d.area_centi) } : {}),
        ...('phone' in d ? { phone: opt(d.phone) } : {}),
      };
    case 'household_end':
      return { ...meta, kind, code: str(row.household), reason: str(row.note) };
    case 'appointment':
      return { ...meta, kind, person: str(row.party), role: str(d.role) as Role };
    case 'role_end':
      return { ...meta, kind, person: str(row.party), role: str(d.role) as Role, reason: row.note };
    case 'handover':
      return { ...meta, kind, role: str(d.role) as Role, from: str(d.from), to: str(d.to), cashFen: (d.cash_fen as number | null) ?? null, balanceFen: Number(d.balance_fen ?? 0) };
    case 'fee_standard':
      return { ...meta, kind, year: int(row.year), rateFen: int(row.amount_fen), per: (d.per ?? 'household') as 'household' };
    case 'setting':
      return { ...meta, kind, key: str(row.item) as 'name', value: d.value as string };
    case 'category':
      return { ...meta, kind, line: str(d.line) as 'income', name: str(row.category), nameEn: opt(d.name_en) };
    case 'upgrade':
      return { ...meta, kind, note: row.note ?? '' };
    case 'key':
      return { ...meta, kind, person: str(row.party), publicKey: str(d.public_key), fingerprint: str(d.fingerprint), sealed: d.sealed as SealedKey };
  }
  throw new Error(`not a register entry: ${String(row.kind)}`);
}
