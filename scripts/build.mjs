#!/usr/bin/env node
// `npm run build`: the CLI as one bundle, dist/ledger.cjs (bin/ledger.js loads it).
//
// Start-up is where a command-line tool spends its time, and most of it goes to reading and
// compiling JavaScript: kysely and zod as installed are hundreds of small files; bundled into
// one file they load several times faster. To keep that file small:
//   - each command's file is loaded only when that command runs (see COMMANDS in
//     src/cli/main.ts: esbuild turns those `import()`s into lazily initialised modules);
//   - zod's ~40 translations of its own messages are left out (a third of zod's size): every
//     message the ledger shows is its own, bilingual (src/import/fields.ts);
//   - whitespace and syntax are minified, names kept; a source map sits beside the bundle
//     (LEDGER_DEBUG=1 turns it on for stack traces).
//   - the migrations (schema/) are put in as data, so that opening a ledger reads no schema file;
//   - the two big libraries only some commands use, pg (PostgreSQL) and exceljs (.xlsx; with
//     its zip and stream helpers, half of all the code), are bundled apart, as
//     dist/vendor/pg.cjs and dist/vendor/exceljs.cjs, and loaded when first used: a command on
//     a SQLite ledger never reads them; better-sqlite3's JavaScript too (dist/vendor/
//     better-sqlite3.cjs, loaded at the first connection), so that it is one copy shared with
//     dist/early-key.cjs, the small bundle bin/ledger.js runs first (src/cli/early-key.ts);
//   - every command's line in `ledger --help` is put into the bundle (LEDGER_HELP_LINES, taken
//     from the commands by a first build), so that the top-level help loads no command file;
//   - then V8 code caches of the bundle are written, so that start-up skips compiling it: one
//     after runs that compile the start-up path and every command's registration (dist/ledger.cache, for any command),
//     and one for each command that is run most and reads the most code (dist/cache/NAME.cache,
//     CODE_CACHE_RUNS below), after runs of it on a small ledger made for that
//     (bin/load-bundle.js picks the cache by the command's name). A cache that does not fit
//     the node binary is ignored (V8 checks it) and the bundle is compiled as usual.
// better-sqlite3's native addon stays in node_modules (src/db/sqlite/connection.ts).
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Resolves zod's `locales/index.js` (all languages) to an empty module; English is imported apart. */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'ledger-stub' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'ledger-stub' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * Libraries bundled apart (dist/vendor/NAME.cjs) and required from there when first used.
 * better-sqlite3's JavaScript is one too, so that the CLI's bundle and the small one run before
 * it (dist/early-key.cjs) share one copy; its native addon stays in node_modules.
 */
const VENDOR = ['pg', 'exceljs', 'better-sqlite3'];
const vendorApart = {
  name: 'vendor-apart',
  setup(build) {
    // `import('pg')` becomes a small module that require()s the vendor file when it is first
    // needed (an external import() would stay an ES module import, which the loader does not take).
    build.onResolve({ filter: new RegExp(`^(${VENDOR.join('|')})$`) }, (args) => ({ path: args.path, namespace: 'vendor' }));
    build.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({ contents: `module.exports = require('./vendor/${args.path}.cjs');`, loader: 'js' }));
    build.onResolve({ filter: /^\.\/vendor\// }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * commander loads node:child_process (and with it node:net) at start-up, for stand-alone
 * executable subcommands (`git-foo`), which the ledger does not have: 5–6 ms of every run.
 * Here it is loaded on first use instead. The line is matched exactly, so that a commander
 * whose source differs fails the build rather than being left unpatched unnoticed.
 */
const commanderLazyChildProcess = {
  name: 'commander-lazy-child-process',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!source.includes(eager)) throw new Error(`${args.path}: expected the line ${eager}`);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

/**
 * The migrations of both engines (schema/*.sql, schema/postgres/*.sql) with their SHA-256, as
 * src/db/sqlite/migrate.ts `loadMigrations` reads them, put into the bundle as LEDGER_SCHEMA:
 * every command checks its ledger's migrations, which then costs no file read and no hashing.
 */
function migrations(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = fs.readFileSync(path.join(dir, f), 'utf8');
      return { version: Number(f.slice(0, 4)), name: f, sql, sha256: createHash('sha256').update(sql).digest('hex') };
    });
}
const schema = { sqlite: migrations(path.join(root, 'schema')), postgres: migrations(path.join(root, 'schema/postgres')) };

// The old code caches go first: until the new ones are written, start-up compiles the new bundle.
fs.rmSync(path.join(root, 'dist/ledger.cache'), { force: true });
fs.rmSync(path.join(root, 'dist/cache'), { recursive: true, force: true });

/** What every bundle of the build is: one CommonJS file for node 20, minified but for names. */
const NODE_BUNDLE = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', format: 'cjs', minifyWhitespace: true, minifySyntax: true };
/** better-sqlite3's addon stays in node_modules: src/db/sqlite/connection.ts names it (and the `bindings` package that would look for it is never loaded). */
const ADDON = 'better-sqlite3/build/Release/better_sqlite3.node';

for (const name of VENDOR) {
  await esbuild.build({
    ...NODE_BUNDLE,
    stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: root, loader: 'js' },
    outfile: `dist/vendor/${name}.cjs`,
    // pg's optional native binding, which the ledger does not use; the `bindings` package that
    // better-sqlite3 would look for its addon with (src/db/sqlite/connection.ts names it instead).
    external: ['pg-native', 'bindings'],
    logLevel: 'error',
  });
}

/** The CLI's bundle, with `helpLines` (src/cli/main.ts LEDGER_HELP_LINES) if given. */
const buildCli = (helpLines) =>
  esbuild.build({
    ...NODE_BUNDLE,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/ledger.cjs',
    // better-sqlite3's JavaScript is in dist/vendor/, its addon in node_modules.
    external: [ADDON],
    sourcemap: 'linked',
    sourcesContent: false,
    define: { LEDGER_SCHEMA: JSON.stringify(schema), ...(helpLines ? { LEDGER_HELP_LINES: JSON.stringify(JSON.stringify(helpLines)) } : {}) },
    plugins: [zodWithoutLocales, vendorApart, commanderLazyChildProcess],
    logLevel: 'warning',
  });
// Built twice: the first bundle is asked for every command's line in `ledger --help` (each command
// file loaded and registered), and the second holds them, so that `ledger --help` loads no command.
await buildCli();
const helpLines = JSON.parse(
  execFileSync(process.execPath, ['-e', "require('./dist/ledger.cjs').helpLines().then((l) => process.stdout.write(JSON.stringify(l)))"], { cwd: root, encoding: 'utf8' }),
);
await buildCli(helpLines);

// The small bundle bin/ledger.js runs before the CLI's, to start deriving the signing key of a
// write at the gate while the CLI loads (src/cli/early-key.ts).
await esbuild.build({
  ...NODE_BUNDLE,
  entryPoints: ['src/cli/early-key.ts'],
  outfile: 'dist/early-key.cjs',
  external: [ADDON],
  plugins: [vendorApart],
  logLevel: 'warning',
});

// The code cache for every command without its own: `help init` compiles start-up and every
// command's registration (help for a command loads them all), then `--help` its own short path;
// V8 then serialises what they compiled (scripts/train-code-cache.cjs).
// The runs that make the caches see none of the caller's LEDGER_* settings (a database, a compound,
// an operator, LEDGER_DEBUG), only their own.
const ownEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('LEDGER_')));
execFileSync(process.execPath, [path.join(root, 'scripts/train-code-cache.cjs'), path.join(root, 'dist/ledger.cache'), '["help","init"]', '["--help"]'], {
  env: { ...ownEnv, LEDGER_LANG: 'en' },
  stdio: ['ignore', 'ignore', 'inherit'],
});

// The commands' own caches: each from runs of that command (tables and JSON, a locked
// half-year and an open one) on a small ledger made here from fixtures/, thrown away after.
const CODE_CACHE_RUNS = {
  report: [['report', '--half', '2022H2', '--json'], ['report', '--half', '2023H1', '--json'], ['report', '--half', '2022H2'], ['report', '--half', '2023H1']],
  arrears: [['arrears', '--as-of', '2022-12-31', '--json'], ['arrears', '--json'], ['arrears']],
  status: [['status', '--json'], ['status']],
  collect: [['--by', '李秀英', 'collect', '1-1-102', '--date', '2023-03-02', '--json'], ['--by', '李秀英', 'collect', '1-1-201', '--date', '2023-03-02']],
};
{
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-code-cache-'));
  const db = path.join(dir, 'training.db');
  const pass = 'code-cache-training';
  const env = { ...ownEnv, LEDGER_NOW: '2023-07-15T10:00:00+08:00', LEDGER_PASSPHRASE: pass, LEDGER_APPROVER_PASSPHRASE: pass, LEDGER_NEW_PASSPHRASE: pass, LEDGER_LANG: 'zh' };
  const ledger = (...args) => execFileSync(process.execPath, [path.join(root, 'bin/ledger.js'), '--db', db, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  try {
    ledger('init', '--name', '训练小区', '--chair', '袁生龙');
    ledger('--by', '袁生龙', 'role', 'add', '李秀英', 'collector');
    ledger('--by', '袁生龙', 'household', 'import', path.join(root, 'fixtures/households.csv'));
    ledger('--by', '袁生龙', 'bill', '2022');
    ledger('--by', '李秀英', 'import', 'collections', path.join(root, 'fixtures/collections-2022.csv'));
    ledger('--by', '袁生龙', 'bill', '2023');
    ledger('--by', '袁生龙', 'lock', '--through', '2022-12-31');
    fs.mkdirSync(path.join(root, 'dist/cache'));
    for (const [command, runs] of Object.entries(CODE_CACHE_RUNS)) {
      const lines = runs.map((argv) => JSON.stringify(['--db', db, ...argv]));
      execFileSync(process.execPath, [path.join(root, 'scripts/train-code-cache.cjs'), path.join(root, `dist/cache/${command}.cache`), ...lines], {
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
