/**
 * The register, the committee and the rules as the journal makes them: every register entry
 * (domain/entry-kinds.ts) read in recording order and folded into a Projection. Nothing else
 * holds this state; an open ledger keeps the last projection it built, and builds it again
 * only when the journal has grown since.
 */
import { sql } from 'kysely';
import { REGISTER_KINDS, type NewRegisterEntry, type RegisterKind } from '../domain/entry-kinds.js';
import type { IsoDate } from '../domain/dates.js';
import { Projection, type Household } from '../domain/projection.js';
import { registerEntryOf, registerRow } from './entry-codec.js';
import type { JournalWriter } from './journal.js';
import { manyRows } from './many-rows.js';
import type { LedgerDb } from './open-database.js';

const cache = new WeakMap<LedgerDb, { head: string; projection: Projection }>();

/** The journal's head (seq and hash): a projection built at one head holds for it alone. */
async function headOf(ledger: LedgerDb): Promise<string> {
  const row = await ledger.db.selectFrom('entries').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? `${row.seq}:${row.hash}` : '0';
}

/** The whole projection this ledger built last, if the journal has not grown since. */
async function currentProjection(ledger: LedgerDb): Promise<Projection | undefined> {
  const cached = cache.get(ledger);
  return cached && cached.head === (await headOf(ledger)) ? cached.projection : undefined;
}

/** The columns a register entry is decoded from (db/entry-codec.ts `registerEntryOf`). */
const REGISTER_COLUMNS = ['seq', 'kind', 'date', 'household', 'year', 'amount_fen', 'category', 'party', 'item', 'note', 'approved_by', 'detail', 'recorded_at', 'recorded_by'] as const;

/** A fresh projection folded from the register entries of `kinds`, in recording order. */
async function fold(ledger: LedgerDb, kinds: readonly RegisterKind[]): Promise<Projection> {
  const projection = new Projection();
  for (const row of await registerRows(ledger, kinds)) projection.apply(registerEntryOf(row));
  return projection;
}

/** The register entries of `kinds` as stored, in recording order, for `registerEntryOf`. */
const registerRows = (ledger: LedgerDb, kinds: readonly RegisterKind[]) =>
  manyRows(ledger, ledger.db.selectFrom('entries').select(REGISTER_COLUMNS).where('kind', 'in', [...kinds]).orderBy('seq').compile());

/**
 * A fresh projection of the households `codes` alone, folded from their entries of
 * HOUSEHOLD_KINDS (each concerns one unit alone), through schema/0010's index of those entries,
 * whose kinds the query spells out: one query, the codes one parameter.
 */
async function foldHouseholds(ledger: LedgerDb, codes: readonly string[]): Promise<Projection> {
  const projection = new Projection();
  if (codes.length === 0) return projection;
  const columns = sql.join(REGISTER_COLUMNS.map((c) => sql.ref(c)));
  const rows = await manyRows(
    ledger,
    sql<Parameters<typeof registerEntryOf>[0]>`
      SELECT ${columns} FROM entries ${ledger.sql.indexedBy('entries_register_households')}
      WHERE kind IN (${HOUSEHOLD_KINDS_SQL}) AND ${ledger.sql.isOneOf('household', codes)}
      ORDER BY seq`.compile(ledger.db),
  );
  for (const row of rows) projection.apply(registerEntryOf(row));
  return projection;
}

/** The projection of the whole journal as recorded so far (inside a transaction: including its own entries). */
export async function loadProjection(ledger: LedgerDb): Promise<Projection> {
  const head = await headOf(ledger);
  const cached = cache.get(ledger);
  if (cached && cached.head === head) return cached.projection;
  const projection = await fold(ledger, REGISTER_KINDS);
  cache.set(ledger, { head, projection });
  return projection;
}

/** The household kinds of entry: a unit's registration, transfers, corrections and end. */
const HOUSEHOLD_KINDS: readonly RegisterKind[] = ['household', 'transfer', 'correction', 'household_end'];
/** HOUSEHOLD_KINDS written literally into a statement, for the partial indexes that name them (schema/0010). */
const HOUSEHOLD_KINDS_SQL = sql.join(HOUSEHOLD_KINDS.map((k) => sql.lit(k)));

/**
 * The households as the register stood when entry `seq` was recorded (their entries up to it),
 * each time `at` is called, in increasing `seq`: one pass over the register's entries for a
 * lock's owners of record (db/period-totals-repo.ts) and for verify's check of them, lock by lock.
 */
export async function registerAsRecorded(ledger: LedgerDb): Promise<{ at: (seq: number) => ReadonlyMap<string, Household> }> {
  const rows = await registerRows(ledger, HOUSEHOLD_KINDS);
  const projection = new Projection();
  let next = 0;
  let last = 0;
  return {
    at(seq) {
      if (seq < last) throw new Error(`registerAsRecorded: asked for ${seq} after ${last}`);
      last = seq;
      while (next < rows.length && Number(rows[next]!.seq) <= seq) projection.apply(registerEntryOf(rows[next++]!));
      return projection.households;
    },
  };
}

/**
 * The units whose owner of record on a day after `through` may differ from the owner a lock kept
 * for that day: those with a register entry recorded after the lock (`seq` above `lockSeq`: a
 * correction, a registration) or a transfer dated after the day. domain/projection.ts `ownerOn`
 * tells owners apart by the days of the transfers alone, so any other unit has the same owner on
 * every later day.
 */
export async function householdsChangedSince(ledger: LedgerDb, lockSeq: number, through: IsoDate): Promise<ReadonlySet<string>> {
  const r = await sql<{ household: string }>`
    SELECT household FROM entries WHERE kind IN (${HOUSEHOLD_KINDS_SQL}) AND seq > ${lockSeq}
    UNION SELECT household FROM entries WHERE kind = 'transfer' AND date > ${through}`.execute(ledger.db);
  return new Set(r.rows.map((x) => x.household));
}

/** The register kinds of the committee and its rules: everything but the households. */
const COMMITTEE_KINDS = REGISTER_KINDS.filter((k) => !HOUSEHOLD_KINDS.includes(k));

/** The parts of the projection that do not involve the households: who holds which role, keys, settings, fees, categories. */
export type Committee = Pick<
  Projection,
  'tenures' | 'fees' | 'settings' | 'categories' | 'keys' | 'upgradeSeq' | 'holds' | 'rolesOn' | 'holdersOn' | 'tenuresOn' | 'feeFor' | 'findCategory' | 'currentKey' | 'keyBefore'
>;

const committees = new WeakMap<LedgerDb, { head: string; committee: Committee }>();

/**
 * The committee as the journal makes it, without folding in the households: the household
 * kinds of entry touch only the households of a projection, and the others never read them,
 * so this is the full projection less its register of units. Reading settings or roles this
 * way costs a few dozen entries, not one per household (ten thousand in a district).
 */
export async function loadCommittee(ledger: LedgerDb): Promise<Committee> {
  const head = await headOf(ledger);
  const full = cache.get(ledger);
  if (full && full.head === head) return full.projection;
  const cached = committees.get(ledger);
  if (cached && cached.head === head) return cached.committee;
  const committee = await fold(ledger, COMMITTEE_KINDS);
  committees.set(ledger, { head, committee });
  return committee;
}

/**
 * One unit as the journal makes it: its own entries (entries_household), folded as the whole
 * projection folds them, or undefined if it was never registered. For a command about one
 * household (a collection at the gate), which need not fold in the other ten thousand.
 */
export async function loadHousehold(ledger: LedgerDb, code: string): Promise<Household | undefined> {
  return (await loadHouseholds(ledger, [code])).get(code);
}

/**
 * Some units as the journal makes them (by code; those never registered are left out): for a
 * list about some of the households (who owes, with the owner's name), which need not fold
 * in the others.
 */
export async function loadHouseholds(ledger: LedgerDb, codes: readonly string[]): Promise<ReadonlyMap<string, Household>> {
  const full = await currentProjection(ledger);
  if (full) return full.households;
  return (await foldHouseholds(ledger, codes)).households;
}

/** A unit's stay on the register: moved in `since`, ended `ended` (null: from before the ledger began, still here). */
export type Stay = Pick<Household, 'code' | 'since' | 'ended'>;

/**
 * The units' stays on the register without the rest of it: how many units were ever registered,
 * and the stays of those with a move-in day or an end, folded from their `household` and
 * `household_end` entries as Projection.apply folds them (a transfer or a correction never moves
 * either day). Every other unit's stay is open at both ends (since and ended null). For counting
 * who lived here in a year (domain/projection.ts `livesInYear`), which a disclosure needs and the
 * owners do not; ten thousand units from before the ledger began are counted, not read.
 */
export async function householdStays(ledger: LedgerDb): Promise<{ registered: number; dated: Stay[] }> {
  const full = await currentProjection(ledger);
  if (full) {
    const all = full.householdList();
    return { registered: all.length, dated: all.filter((h) => h.since !== null || h.ended !== null) };
  }
  // One `household` entry per unit: a second registration of a code is refused (and by verify's replay).
  const count = await ledger.db
    .selectFrom('entries')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('kind', '=', 'household')
    .executeTakeFirstOrThrow();
  // The dated units' entries are exactly those schema/0011's index holds, whose condition the
  // query spells out: the `household` entries with a move-in day and the `household_end` entries.
  // They alone are read (a unit whose registration has no move-in day came before the ledger
  // began: since null), with `since` taken out of the detail by the database.
  const since = ledger.sql.jsonText('detail', 'since');
  const r = await sql<{ kind: 'household' | 'household_end'; household: string; date: IsoDate; since: IsoDate | null }>`
    SELECT kind, household, date, ${since} AS since FROM entries ${ledger.sql.indexedBy('entries_dated_stays')}
    WHERE kind = 'household_end' OR (kind = 'household' AND ${since} IS NOT NULL)
    ORDER BY seq`.execute(ledger.db);
  const stays = new Map<string, Stay>();
  for (const row of r.rows) {
    // In recording order: a unit's registration comes before its end (rules.ts refuses ending a unit not registered).
    if (row.kind === 'household') stays.set(row.household, { code: row.household, since: row.since, ended: null });
    else {
      const stay = stays.get(row.household);
      if (stay) stay.ended = row.date;
      else stays.set(row.household, { code: row.household, since: null, ended: row.date });
    }
  }
  return { registered: Number(count.n), dated: [...stays.values()] };
}

/**
 * A projection holding at least every person's keys as recorded so far, for signing a commit:
 * the cached projection when it is current, else one folded from the `key` entries alone. After
 * a big `household import` the whole register would be millions of households, which signing
 * does not need.
 */
export async function loadKeys(ledger: LedgerDb): Promise<Projection> {
  return (await currentProjection(ledger)) ?? fold(ledger, ['key']);
}

/**
 * Appends register entries through `journal` without applying them to any projection: a bulk
 * `household import` checks its rows against the projection loaded at its start and against its
 * own file (the codes it has met), so that a register of millions of rows is not held in memory.
 * The cached projection is forgotten; the next load builds it from the journal.
 */
export function appendUnprojected(ledger: LedgerDb, journal: JournalWriter, entries: readonly NewRegisterEntry[]): number[] {
  const seqs = entries.map((e) => journal.append(registerRow(e)).seq);
  cache.delete(ledger);
  committees.delete(ledger);
  return seqs;
}

/**
 * Appends register entries through `journal` and applies them to `projection`, so that the
 * rest of the same command sees them (e.g. `init` appoints the chair, then sets the fee).
 */
export function appendRegister(ledger: LedgerDb, journal: JournalWriter, projection: Projection, entries: readonly NewRegisterEntry[]): number[] {
  const seqs: number[] = [];
  for (const e of entries) {
    const row = journal.append(registerRow(e));
    projection.apply({ ...e, seq: row.seq } as Parameters<Projection['apply']>[0]);
    seqs.push(row.seq);
  }
  // The caller keeps using `projection`; the cache forgets it, since the transaction may
  // still roll back (a refused command), and the next load builds afresh from what stands.
  cache.delete(ledger);
  committees.delete(ledger);
  return seqs;
}
