/**
 * SQLite's side of bulk imports: TEMP staging tables and prepared per-household reads.
 *
 * A CSV of a hundred thousand collections is read once, row by row, into a TEMP table: it
 * belongs to this connection only, lives in a temporary file (not in the ledger, and not in
 * memory: SQLite keeps a small page cache for it and spills the rest to disk), and vanishes
 * when the ledger is closed. The journal is then written from it in date order, a page at a
 * time, so an import's memory does not grow with the file. The statements are prepared once
 * and run directly on better-sqlite3: an import runs them hundreds of thousands of times.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { YearAmount } from '../../domain/allocation.js';
import type { Fen } from '../../domain/money.js';
import type { CollectionStaging, ResultSpool, StagedCollection } from '../import-repo.js';
import type { SeenKeys } from '../../import/seen-keys.js';

/** Page size of the staged reads: enough to amortise each query, small enough to stay flat. */
const PAGE = 1024;

/** How many staged rows one INSERT writes. */
const BATCH = 32;

/** The temp database's page cache, in KiB: a staged file bigger than this spills to disk. */
const TEMP_CACHE_KIB = 2048;

/**
 * The ledger's page cache during an import, in KiB (SQLite's default is 16 MiB). Every entry
 * goes into the hash and household indexes at a random place, so more of their pages kept in
 * memory make an import faster (64 MiB: about a quarter). It is a fixed ceiling, which a
 * 50,000-row import already fills: memory stays the same whatever the file's size.
 */
const IMPORT_CACHE_KIB = 32768;

function prepareTemp(sqlite: BetterSqlite3.Database): void {
  sqlite.exec(`
    CREATE TEMP TABLE IF NOT EXISTS import_collections (
      date       TEXT NOT NULL,
      line       INTEGER NOT NULL,
      code       TEXT NOT NULL,
      amount_fen INTEGER NOT NULL,
      method     TEXT NOT NULL,
      ref        TEXT,
      PRIMARY KEY (date, line)
    ) WITHOUT ROWID;
    CREATE TEMP TABLE IF NOT EXISTS import_results (n INTEGER PRIMARY KEY, json TEXT NOT NULL);
    DELETE FROM temp.import_collections;
    DELETE FROM temp.import_results;`);
  sqlite.pragma(`temp.cache_size = -${TEMP_CACHE_KIB}`);
  sqlite.pragma(`main.cache_size = -${IMPORT_CACHE_KIB}`);
  // Pages read through the memory map would count in the import's memory, and an import
  // touches index pages all over the file: read them into the (bounded) cache instead.
  sqlite.pragma('mmap_size = 0');
}

export function sqliteCollectionStaging(sqlite: BetterSqlite3.Database): CollectionStaging {
  prepareTemp(sqlite);
  const insert = sqlite.prepare('INSERT INTO temp.import_collections (date, line, code, amount_fen, method, ref) VALUES (?, ?, ?, ?, ?, ?)');
  // Rows as arrays (better-sqlite3's row objects cost more than making them here).
  const page = sqlite
    .prepare('SELECT date, line, code, amount_fen, method, ref FROM temp.import_collections WHERE (date, line) > (?, ?) ORDER BY date, line LIMIT ?')
    .raw();
  // Rows go in BATCH at a time, in one INSERT of BATCH rows (a statement costs more than a row).
  const insertBatch = sqlite.prepare(`INSERT INTO temp.import_collections (date, line, code, amount_fen, method, ref) VALUES ${Array(BATCH).fill('(?, ?, ?, ?, ?, ?)').join(', ')}`);
  const batch: unknown[] = [];
  const flush = () => {
    if (batch.length === BATCH * 6) insertBatch.run(batch);
    else for (let i = 0; i < batch.length; i += 6) insert.run(batch.slice(i, i + 6));
    batch.length = 0;
  };
  return {
    add(r) {
      batch.push(r.date, r.line, r.code, r.amount_fen, r.method, r.ref);
      if (batch.length === BATCH * 6) flush();
    },
    summary() {
      flush();
      const r = sqlite.prepare('SELECT COUNT(*) AS n, MIN(date) AS first FROM temp.import_collections').get() as { n: number; first: string | null };
      return { rows: r.n, firstDate: r.first };
    },
    *inDateOrder() {
      flush();
      let after: [string, number] = ['', 0];
      for (;;) {
        const rows = page.all(after[0], after[1], PAGE) as [string, number, string, number, string, string | null][];
        for (const [date, line, code, amount_fen, method, ref] of rows) yield { date, line, code, amount_fen, method, ref };
        if (rows.length < PAGE) return;
        const last = rows[rows.length - 1]!;
        after = [last[0], last[1]];
      }
    },
  };
}

export function sqliteResultSpool(sqlite: BetterSqlite3.Database): ResultSpool {
  const insert = sqlite.prepare('INSERT INTO temp.import_results (json) VALUES (?)');
  const page = sqlite.prepare('SELECT n, json FROM temp.import_results WHERE n > ? ORDER BY n LIMIT ?');
  return {
    add: (json) => void insert.run(json),
    *read() {
      let after = 0;
      for (;;) {
        const rows = page.all(after, PAGE) as { n: number; json: string }[];
        for (const r of rows) yield r.json;
        if (rows.length < PAGE) return;
        after = rows[rows.length - 1]!.n;
      }
    },
  };
}

export function sqliteHouseholdPositions(sqlite: BetterSqlite3.Database): (code: string) => Promise<{ charges: YearAmount[]; paidFen: Fen }> {
  // One read of the household's slice of the index (every kind: a few rows more are cheaper
  // than SQLite's IN list), summed here as a household's position is summed in SQL: the
  // charges net of waivers and voids (CHARGE_EFFECT_SQL, db/entries-repo.ts) by year for the
  // years charged, and what was paid, net of refunds and voids (PAID_EFFECT_SQL).
  const entries = sqlite.prepare('SELECT kind, year, amount_fen, cash_fen FROM entries INDEXED BY entries_household_money WHERE household = ?').raw();
  return async (code) => {
    const years = new Map<number, { amountFen: Fen; charged: boolean }>();
    let paidFen = 0;
    for (const [kind, year, amount, cash] of entries.all(code) as [string, number | null, number | null, number][]) {
      if (kind === 'collection' || kind === 'refund' || kind === 'void') paidFen += cash;
      if (year === null || (kind !== 'charge' && kind !== 'waiver' && kind !== 'void')) continue;
      let y = years.get(year);
      if (!y) years.set(year, (y = { amountFen: 0, charged: false }));
      if (kind === 'charge') y.charged = true;
      y.amountFen += kind === 'waiver' ? -(amount ?? 0) : (amount ?? 0);
    }
    const charges: YearAmount[] = [];
    for (const [year, y] of years) if (y.charged) charges.push({ year, amountFen: y.amountFen });
    charges.sort((a, b) => a.year - b.year);
    return { charges, paidFen };
  };
}

let tables = 0;

/** How many new keys wait in memory before they go to the table in one INSERT. */
const KEY_BATCH = 128;
/** The filter of keys met: 2^23 bits (1 MiB), three bits a key. */
const FILTER_BITS = 1 << 23;

/**
 * The keys an import has met in its file, in a TEMP table of the ledger's connection: it lives
 * in a temporary file with a small page cache (SQLite spills the rest to disk), so a file of
 * millions of rows is checked for repeats without its keys in memory, and it vanishes when the
 * ledger is closed.
 *
 * A key is looked up in the table only when a fixed-size filter of the keys met so far says it
 * may be there (a Bloom filter: never wrong when it says no), and new keys go to the table
 * KEY_BATCH to an INSERT, waiting in a small map until then: a file of new keys, the usual one,
 * costs no lookups and one statement per KEY_BATCH keys.
 */
export function sqliteImportKeys(sqlite: BetterSqlite3.Database): SeenKeys {
  const table = `temp.import_keys_${++tables}`;
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS import_keys_${tables} (key TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID`);
  sqlite.exec(`DELETE FROM ${table}`);
  sqlite.pragma('temp.cache_size = -2048');
  const insert = sqlite.prepare(`INSERT INTO ${table} (key, line) VALUES (?, ?)`);
  const insertBatch = sqlite.prepare(`INSERT INTO ${table} (key, line) VALUES ${Array(KEY_BATCH).fill('(?, ?)').join(', ')}`);
  const find = sqlite.prepare(`SELECT line FROM ${table} WHERE key = ?`).pluck();
  const filter = new Uint32Array(FILTER_BITS / 32);
  const waiting = new Map<string, number>();
  const flush = () => {
    if (waiting.size === KEY_BATCH) insertBatch.run([...waiting].flat());
    else for (const [key, line] of waiting) insert.run(key, line);
    waiting.clear();
  };
  return {
    firstLine(key, line) {
      const first = waiting.get(key);
      if (first !== undefined) return first;
      // Two 32-bit hashes of the key (FNV-1a, and FNV-1a of the other seed), three bits from them.
      let h1 = 0x811c9dc5;
      let h2 = 0x01000193;
      for (let i = 0; i < key.length; i++) {
        const c = key.charCodeAt(i);
        h1 = Math.imul(h1 ^ c, 0x01000193);
        h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      }
      let maybe = true;
      for (let k = 0; k < 3; k++) {
        const bit = ((h1 + Math.imul(k, h2)) >>> 0) & (FILTER_BITS - 1);
        if ((filter[bit >>> 5]! & (1 << (bit & 31))) === 0) {
          maybe = false;
          filter[bit >>> 5]! |= 1 << (bit & 31);
        }
      }
      if (maybe) {
        const found = find.get(key) as number | undefined;
        if (found !== undefined) return found;
      }
      waiting.set(key, line);
      if (waiting.size === KEY_BATCH) flush();
      return undefined;
    },
  };
}

/** How many households an import looks up one by one before it reads the whole register's codes. */
const LOOKUPS_BEFORE_ALL = 1000;

/**
 * Whether a household of `code` was ever registered (its `household` entry; prepared once,
 * asked per row). A code found is remembered (a registration is never undone), so a file of a
 * hundred thousand rows asks SQLite once per household, and keeps at most the register's codes.
 * A file naming more than LOOKUPS_BEFORE_ALL households has every code read at once (one
 * query: 12 ms for ten thousand households, where ten thousand lookups take ten times that).
 */
export function sqliteHouseholdRegistered(sqlite: BetterSqlite3.Database): (code: string) => boolean {
  const find = sqlite.prepare("SELECT 1 FROM entries WHERE household = ? AND kind = 'household'").pluck();
  const all = sqlite.prepare("SELECT household FROM entries WHERE kind = 'household'").pluck();
  const known = new Set<string>();
  let lookups = 0;
  let whole = false;
  return (code) => {
    if (known.has(code)) return true;
    if (whole) return false;
    if (++lookups > LOOKUPS_BEFORE_ALL) {
      for (const c of all.iterate() as Iterable<string>) known.add(c);
      whole = true;
      return known.has(code);
    }
    if (find.get(code) === undefined) return false;
    known.add(code);
    return true;
  };
}
