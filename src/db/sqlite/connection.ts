/**
 * Every SQLite connection the ledger opens, made here: better-sqlite3 with its compiled addon
 * named. The CLI's bundle (dist/ledger.cjs) holds better-sqlite3's JavaScript, taken with the
 * bundle's code cache instead of being looked up and compiled file by file at each start; its
 * addon (a native .node file) stays in node_modules, where better-sqlite3 would look for it
 * through the `bindings` package, which cannot find it from inside a bundle. Run from source
 * (the tests), there is no `require` here and better-sqlite3 finds its addon itself.
 */
import BetterSqlite3 from 'better-sqlite3';

let addon: string | null | undefined;

/** The addon's path, for the bundle; null from source. Looked up once, at the first connection (not at start-up: `--help` opens none). */
function nativeBinding(): string | null {
  if (addon === undefined) addon = typeof require === 'function' ? require.resolve('better-sqlite3/build/Release/better_sqlite3.node') : null;
  return addon;
}

/** A better-sqlite3 connection to `file` (a path, ':memory:', or a serialised database image). */
export function sqliteConnection(file: string | Buffer, options: BetterSqlite3.Options = {}): BetterSqlite3.Database {
  const binding = nativeBinding();
  return new BetterSqlite3(file, binding ? { ...options, nativeBinding: binding } : options);
}
