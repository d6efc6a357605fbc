#!/usr/bin/env node
// The floor under `ledger import collections` on this machine (bench/run.mjs, beside each import):
// the very rows an import wrote (its collections and their allocations, every column, hashes
// included), written again into a fresh copy of the billed ledger by plain better-sqlite3
// prepared statements in one transaction, with the pragmas the ledger writes with (WAL,
// synchronous FULL, foreign keys, the import's 32 MiB page cache). No reading, no checks, no
// hashing, no signing: only what SQLite itself must do for these rows and their indexes.
//
//   node bench/import-floor.cjs FROM BASE OUT   -> {"rows": N, "ms": insert+commit}
const fs = require('node:fs');
const Database = require('better-sqlite3');

const [from, base, out] = process.argv.slice(2);
const src = new Database(from, { readonly: true });
const cols = src
  .prepare("SELECT name FROM pragma_table_info('entries')")
  .pluck()
  .all();
const rows = src.prepare(`SELECT ${cols.join(', ')} FROM entries WHERE kind = 'collection' ORDER BY seq`).raw().all();
const allocations = src
  .prepare("SELECT a.entry_seq, a.year, a.amount_fen FROM allocations a JOIN entries e ON e.seq = a.entry_seq WHERE e.kind = 'collection' ORDER BY a.entry_seq, a.year")
  .raw()
  .all();
src.close();

for (const f of [out, `${out}-wal`, `${out}-shm`]) fs.rmSync(f, { force: true });
fs.copyFileSync(base, out);
const db = new Database(out);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('cache_size = -32768');
const insert = db.prepare(`INSERT INTO entries (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
const allocate = db.prepare('INSERT INTO allocations (entry_seq, year, amount_fen) VALUES (?, ?, ?)');
const t = process.hrtime.bigint();
db.exec('BEGIN IMMEDIATE');
let j = 0;
for (const r of rows) {
  insert.run(r);
  while (j < allocations.length && allocations[j][0] === r[0]) allocate.run(allocations[j++]);
}
db.exec('COMMIT');
const ms = Number(process.hrtime.bigint() - t) / 1e6;
db.close();
for (const f of [out, `${out}-wal`, `${out}-shm`]) fs.rmSync(f, { force: true });
process.stdout.write(JSON.stringify({ rows: rows.length, ms }));
