/**
 * Every SQLite connection the ledger opens, made here: better-sqlite3 with its compiled addon
 * named. The CLI's bundles take better-sqlite3's JavaScript from dist/vendor/better-sqlite3.cjs
 * (scripts/build.mjs), loaded at the first connection (`--help` opens none), so that the main
 * bundle and the one that opens a key before it (src/cli/early-key.ts) share one copy; its
 * addon (a native .node file) stays in node_modules, where better-sqlite3 would look for it
 * through the `bindings` package, which cannot find it from inside a bundle. Run from source
 * (the tests), better-sqlite3 is the installed package.
 */
import type BetterSqlite3 from 'better-sqlite3';

let driver: typeof BetterSqlite3 | undefined;
let addon: string | null | undefined;

/** better-sqlite3, loaded at the first connection. */
const Database = (): typeof BetterSqlite3 => (driver ??= require('better-sqlite3') as typeof BetterSqlite3);

/** The addon's path, named so that better-sqlite3 need not look for it (null where there is no `require`). Looked up once, at the first connection. */
function nativeBinding(): string | null {
  if (addon === undefined) addon = typeof require === 'function' ? require.resolve('better-sqlite3/build/Release/better_sqlite3.node') : null;
  return addon;
}

/** A better-sqlite3 connection to `file` (a path, ':memory:', or a serialised database image). */
export function sqliteConnection(file: string | Buffer, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  const binding = nativeBinding();
  const Driver = Database();
  return new Driver(file, binding ? { ...options, nativeBinding: binding } : options);
}
