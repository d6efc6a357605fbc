import type BetterSqlite3 from 'better-sqlite3';
import { GENESIS_HASH, chainHash } from '../domain/chain.js';
import type { YearAmount } from '../domain/allocation.js';
import { sqliteOf, type LedgerDb } from './open-database.js';
import { flushPending } from './postgres/connect.js';
import type { EntryRow } from './tables.js';

/** The columns of an entry in the order they are hashed. Never reorder: it would break every chain. */
export const ENTRY_COLUMNS = [
  'seq', 'kind', 'number', 'date', 'household', 'year', 'amount_fen', 'cash_fen', 'category', 'party',
  'item', 'method', 'note', 'approved_by', 'ref', 'vote', 'rule', 'choice', 'end_date', 'target_seq',
  'detail', 'recorded_at', 'recorded_by',
] as const satisfies readonly (keyof EntryRow)[];

/** What a use case supplies; the writer fills in seq, the chain and the unused columns. */
export type NewEntry = Pick<EntryRow, 'kind' | 'date' | 'recorded_at' | 'recorded_by'> &
  Partial<Omit<EntryRow, 'seq' | 'kind' | 'date' | 'recorded_at' | 'recorded_by' | 'prev_hash' | 'hash'>>;

/** The canonical text an entry's hash covers: its columns and its allocations. */
export function entryContent(row: Omit<EntryRow, 'prev_hash' | 'hash'>, allocations: readonly YearAmount[]): string {
  return contentOf(ENTRY_COLUMNS.map((c) => row[c] ?? null), allocations);
}

/** `entryContent` from the column values in ENTRY_COLUMNS order: the one text every writer hashes. */
function contentOf(values: readonly unknown[], allocations: readonly YearAmount[]): string {
  // JSON of [...values, [[year, amount], ...]]: the values' array, the allocations added as its last element.
  return `${JSON.stringify(values).slice(0, -1)},${allocationsJson(allocations)}]`;
}

export interface JournalWriter {
  append(entry: NewEntry, allocations?: readonly YearAmount[]): EntryRow;
}

const statements = new WeakMap<BetterSqlite3.Database, { insert: BetterSqlite3.Statement; allocate: BetterSqlite3.Statement }>();

/**
 * Appends entries to the journal, chaining each to the one before. Call inside a write
 * transaction (`inTransaction`): the tail is read once, so the writer must not outlive it.
 * The INSERTs are compiled by kysely once and run as prepared statements, because bulk
 * imports append tens of thousands of entries in one go.
 */
export function journalWriter(ledger: LedgerDb): JournalWriter {
  const { tail, store } = storeOf(ledger);
  return chainedWriter(tail, store);
}

/** Where appended rows go on this engine, and the tail they follow. */
function storeOf(ledger: LedgerDb): { tail: { seq: number; hash: string } | null; store: Store } {
  const session = ledger.pg;
  if (session) {
    // The tail is the one `inTransaction` read under the compound's lock; rows are buffered in
    // the session and go to the server in multi-row INSERTs before the next query or the COMMIT.
    if (!session.inTransaction) throw new Error('the journal is written inside a transaction');
    return {
      tail: session.tail,
      store: (values, prevHash, hash, allocations) => {
        session.pending.push({ values: [...values, prevHash, hash], allocations });
        session.tail = { seq: values[0] as number, hash };
      },
    };
  }
  const sqlite = sqliteOf(ledger);
  let stmts = statements.get(sqlite);
  if (!stmts) {
    const cols = [...ENTRY_COLUMNS, 'prev_hash', 'hash'] as const;
    const insert = ledger.db
      .insertInto('entries')
      .values(Object.fromEntries(cols.map((c) => [c, null])) as unknown as EntryRow)
      .compile();
    const allocate = ledger.db.insertInto('allocations').values({ entry_seq: 0, year: 0, amount_fen: 0 }).compile();
    stmts = { insert: sqlite.prepare(insert.sql), allocate: sqlite.prepare(allocate.sql) };
    statements.set(sqlite, stmts);
  }
  const { insert, allocate } = stmts;
  return {
    tail: sqliteTail(sqlite),
    store: (values, prevHash, hash, allocations) => {
      insert.run(...values, prevHash, hash);
      for (const a of allocations) allocate.run(values[0], a.year, a.amountFen);
    },
  };
}

const sqliteTail = (sqlite: BetterSqlite3.Database): { seq: number; hash: string } | null =>
  (sqlite.prepare('SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;

/** The columns every entry of a bulk append shares (see `bulkAppender`). */
export type SharedColumns = Pick<NewEntry, 'kind' | 'recorded_at' | 'recorded_by'> & Partial<NewEntry>;

export interface BulkAppender {
  /** Appends one entry: its `varying` column values in order, and its allocations. */
  append(values: readonly unknown[], allocations: readonly YearAmount[]): void;
  /** Writes what is still held back (call after the last append, before reading the allocations). */
  finish(): void;
}

/**
 * Appends many entries of one shape (a bulk import): they share `shared` (the kind, who
 * recorded them and when, the columns they leave empty) and differ in the `varying` columns,
 * whose values each call gives in that order (their order in ENTRY_COLUMNS). Each entry is
 * numbered, chained and hashed exactly as `append` would number, chain and hash the same entry
 * (the same content, so the same hash); but nothing is built per entry beyond its text to hash
 * (the shared columns' text is made once), and on SQLite the INSERT names only the columns an
 * entry of this shape sets, prepared once, its parameters bound from one array, and the
 * allocations go in ALLOCATION_BATCH to an INSERT (after their entries, so that every reference
 * holds when it is checked). Call inside a write transaction, as `journalWriter`, and `finish`
 * after the last entry.
 */
export function bulkAppender(ledger: LedgerDb, shared: SharedColumns, varying: readonly (keyof NewEntry)[]): BulkAppender {
  const given = shared as Record<string, unknown>;
  // The entry's column values in hashed order (seq first), reused for every entry: the shared
  // ones are set once, the varying ones by each call.
  const content: unknown[] = ENTRY_COLUMNS.map((c) => (c === 'cash_fen' && !('cash_fen' in given) ? 0 : (given[c] ?? null)));
  const at = varying.map((c) => {
    const i = (ENTRY_COLUMNS as readonly string[]).indexOf(c);
    if (i <= 0 || c in given) throw new Error(`bulkAppender: ${c} cannot vary`);
    return i;
  });
  let store: (content: unknown[], prevHash: string, hash: string, allocations: readonly YearAmount[]) => void;
  let finish = () => {};
  let tail: { seq: number; hash: string } | null;
  if (ledger.pg) {
    const engine = storeOf(ledger);
    tail = engine.tail;
    store = engine.store;
  } else {
    const sqlite = sqliteOf(ledger);
    tail = sqliteTail(sqlite);
    // seq, the varying columns, the shared columns that are not empty, prev_hash, hash.
    const constant = ENTRY_COLUMNS.map((c, i) => i).filter((i) => i > 0 && !at.includes(i) && content[i] !== null);
    const columns = [0, ...at, ...constant].map((i) => ENTRY_COLUMNS[i]!);
    const insert = sqlite.prepare(`INSERT INTO entries (${[...columns, 'prev_hash', 'hash'].join(', ')}) VALUES (${[...columns, 0, 0].map(() => '?').join(', ')})`);
    const allocate = sqlite.prepare('INSERT INTO allocations (entry_seq, year, amount_fen) VALUES (?, ?, ?)');
    const allocateBatch = sqlite.prepare(`INSERT INTO allocations (entry_seq, year, amount_fen) VALUES ${Array(ALLOCATION_BATCH).fill('(?, ?, ?)').join(', ')}`);
    const held: unknown[] = [];
    const params: unknown[] = [0, ...at.map(() => null), ...constant.map((i) => content[i]), '', ''];
    const PREV = params.length - 2;
    const HASH = params.length - 1;
    store = (values, prevHash, hash, allocations) => {
      params[0] = values[0];
      for (let i = 0; i < at.length; i++) params[i + 1] = values[at[i]!];
      params[PREV] = prevHash;
      params[HASH] = hash;
      insert.run(params);
      for (const a of allocations) {
        held.push(values[0], a.year, a.amountFen);
        if (held.length === 3 * ALLOCATION_BATCH) {
          allocateBatch.run(held);
          held.length = 0;
        }
      }
    };
    finish = () => {
      for (let i = 0; i < held.length; i += 3) allocate.run(held[i], held[i + 1], held[i + 2]);
      held.length = 0;
    };
  }
  // The text to hash (`contentOf`'s) as fixed pieces around the values that change (seq, then
  // `varying`): the columns every entry shares are written once.
  const pieces = contentPieces(content, at);
  let seq = tail?.seq ?? 0;
  let prevHash = tail?.hash ?? GENESIS_HASH;
  return {
    append(values, allocations) {
      seq += 1;
      content[0] = seq;
      let text = pieces[0]! + seq;
      for (let i = 0; i < at.length; i++) {
        const v = values[i] ?? null;
        content[at[i]!] = v;
        text += pieces[i + 1]! + jsonValue(v);
      }
      text += pieces[at.length + 1]! + allocationsJson(allocations) + ']';
      const hash = chainHash(prevHash, text);
      store(content, prevHash, hash, allocations);
      prevHash = hash;
    },
    finish: () => finish(),
  };
}

/**
 * `contentOf(content, allocations)` as pieces: the text before the value at 0, before each value
 * at `at` (in increasing order), and before the allocations, which every entry of a bulk append
 * shares.
 */
function contentPieces(content: readonly unknown[], at: readonly number[]): string[] {
  const marks = [0, ...at];
  if (marks.some((m, i) => i > 0 && m <= marks[i - 1]!)) throw new Error('bulkAppender: the varying columns go in their hashed order');
  const pieces = ['['];
  for (let i = 0; i < content.length; i++) {
    if (i > 0) pieces[pieces.length - 1] += ',';
    if (marks.includes(i)) pieces.push('');
    else pieces[pieces.length - 1] += jsonValue(content[i]);
  }
  pieces[pieces.length - 1] += ',';
  return pieces;
}

/** How many allocations a bulk append writes in one INSERT. */
const ALLOCATION_BATCH = 32;

/** A column's value as JSON.stringify writes it inside an array (what the hashed text holds). */
function jsonValue(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (v === null || v === undefined) return 'null';
  return JSON.stringify(v);
}

/** The allocations as hashed: `[[year,amount],...]` by year (in the order given within a year). */
function allocationsJson(allocations: readonly YearAmount[]): string {
  const inOrder = allocations.every((a, i) => i === 0 || allocations[i - 1]!.year <= a.year);
  const list = inOrder ? allocations : [...allocations].sort((a, b) => a.year - b.year);
  let text = '[';
  for (let i = 0; i < list.length; i++) text += `${i > 0 ? ',' : ''}[${jsonValue(list[i]!.year)},${jsonValue(list[i]!.amountFen)}]`;
  return `${text}]`;
}

/**
 * Writes entries exactly as they were stored elsewhere (`copy --to`): same seq, same hashes.
 * The copy must start where this journal ends; verify then proves the chain on arrival.
 */
export function journalCopier(ledger: LedgerDb): (row: EntryRow, allocations: readonly YearAmount[]) => void {
  const { tail, store } = storeOf(ledger);
  let seq = tail?.seq ?? 0;
  return (row, allocations) => {
    if (row.seq !== seq + 1) throw new Error(`entry ${row.seq} does not follow entry ${seq}`);
    seq = row.seq;
    store(ENTRY_COLUMNS.map((c) => row[c] ?? null), row.prev_hash, row.hash, allocations);
  };
}

type Store = (values: unknown[], prevHash: string, hash: string, allocations: readonly YearAmount[]) => void;

/** Numbers and chains each entry after `tail`, and hands it to `store`. */
function chainedWriter(tail: { seq: number; hash: string } | null, store: Store): JournalWriter {
  let seq = tail?.seq ?? 0;
  let prevHash = tail?.hash ?? GENESIS_HASH;
  return {
    append(entry, allocations = []) {
      seq += 1;
      // The column values in hashed order: what the entry leaves out is null, cash 0. Built as
      // one array (not by spreading objects): imports append a hundred thousand entries.
      const given = entry as Record<string, unknown>;
      const values = ENTRY_COLUMNS.map((c) => (c === 'seq' ? seq : c === 'cash_fen' && !('cash_fen' in given) ? 0 : (given[c] ?? null)));
      const hash = chainHash(prevHash, contentOf(values, allocations));
      store(values, prevHash, hash, allocations);
      const full = {} as Record<string, unknown>;
      ENTRY_COLUMNS.forEach((c, i) => (full[c] = values[i]));
      full.prev_hash = prevHash;
      full.hash = hash;
      prevHash = hash;
      return full as unknown as EntryRow;
    },
  };
}

/**
 * Sends what a long import has appended so far (PostgreSQL buffers appended entries until the
 * next query): called every so many rows, it keeps an import's memory flat. SQLite has written
 * them already.
 */
export async function sendAppended(ledger: LedgerDb): Promise<void> {
  if (ledger.pg && ledger.pg.pending.length > 0) await flushPending(ledger.pg);
}
