// The keys an import has met (SQLite: a temp table behind a filter and a small batch) answer
// exactly as the in-memory set does: the line a key was first met on, or undefined the first time.
import BetterSqlite3 from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sqliteImportKeys } from '../../src/db/sqlite/import-staging.js';
import { memorySeenKeys } from '../../src/import/seen-keys.js';

describe('sqliteImportKeys', () => {
  it('answers as memorySeenKeys does, across batches', () => {
    const sqlite = new BetterSqlite3(':memory:');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.string({ maxLength: 6 })), { maxLength: 1500 }), (keys) => {
        const db = sqliteImportKeys(sqlite);
        const mem = memorySeenKeys();
        keys.forEach((k, i) => expect(db.firstLine(`receipt\u0000${k}`, i + 2)).toBe(mem.firstLine(`receipt\u0000${k}`, i + 2)));
      }),
      { numRuns: 60 },
    );
  });

  it('finds a key met long before (after many batches went to the table)', () => {
    const db = sqliteImportKeys(new BetterSqlite3(':memory:'));
    for (let i = 0; i < 10_000; i++) expect(db.firstLine(`k${i}`, i + 2)).toBeUndefined();
    expect(db.firstLine('k0', 20_000)).toBe(2);
    expect(db.firstLine('k9999', 20_001)).toBe(10_001);
    expect(db.firstLine('k10000', 20_002)).toBeUndefined();
  });
});
