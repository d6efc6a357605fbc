'use strict';
// Loads the CLI's bundle (dist/ledger.cjs, built by `npm run build`) with a V8 code cache
// (written at the end of the build): V8 then takes the compiled code from the cache instead of
// compiling the bundle, a good part of start-up. A cache holds the functions one run compiled,
// so the build writes one per command that is run most and reads the most code (dist/cache/
// report.cache, ...: each from runs of that command on a small ledger) and a general one, from
// runs of help, for every other command (dist/ledger.cache). Whichever is taken, V8 itself checks that it
// was made by this node binary, with these flags, from this very source; when it was not (node
// upgraded, the bundle rebuilt without it), it ignores the cache and compiles the bundle as
// usual: the same program, only the compile is not saved.
//
// The bundle is loaded exactly as require() would (same wrapper, same module object, its own
// require for better-sqlite3 and dist/vendor/); with LEDGER_DEBUG set it is plainly required,
// so that stack traces go through its source map.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

const DIST = path.join(__dirname, '..', 'dist');
const BUNDLE = path.join(DIST, 'ledger.cjs');
const CACHE = path.join(DIST, 'ledger.cache');
const EARLY = path.join(DIST, 'early-key.cjs');

/**
 * The global options that take a value (src/cli/globals.ts, GLOBALS_WITH_VALUE; a test keeps the
 * two in step): skipped with their value when looking for the command's name.
 */
const GLOBALS_WITH_VALUE = ['db', 'by', 'lang', 'compound'];

/**
 * The command `argv` (the arguments after `ledger`) names, as far as choosing a cache goes: the
 * first word that is neither an option nor a global option's value. A wrong guess costs only
 * time (the other cache, or none, is taken).
 */
function commandOf(argv) {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return argv[i + 1];
    if (GLOBALS_WITH_VALUE.some((g) => a === `--${g}`)) i++;
    else if (!a.startsWith('-')) return a;
  }
  return undefined;
}

/** Where the build keeps the code cache for `command` (whether or not there is one). */
const cacheFileOf = (command) => path.join(DIST, 'cache', `${command}.cache`);

function readCache(command) {
  if (command && /^[a-z]+$/.test(command)) {
    try {
      return fs.readFileSync(cacheFileOf(command));
    } catch {
      // No cache of its own: the general one.
    }
  }
  try {
    return fs.readFileSync(CACHE);
  } catch {
    return undefined;
  }
}

/**
 * What is set going before the bundle loads (src/cli/early-key.ts, dist/early-key.cjs): the
 * keys of the `--by` person and of the approver a command names being derived, for a write at
 * the gate whose passphrases are in the environment, so that scrypt runs while the bundle
 * loads. Never fails: without it, the command opens the keys itself, as it would anyway.
 */
function startEarly(argv) {
  if (!process.env.LEDGER_PASSPHRASE && !process.env.LEDGER_APPROVER_PASSPHRASE) return {};
  try {
    return require(EARLY).startKeyDerivations(argv, process.env);
  } catch {
    return {};
  }
}

/**
 * The bundle's exports ({ main }), with the code cache for `command`. `writeCacheTo`: after
 * this process's run, save V8's code cache there (the build does, scripts/build.mjs).
 */
function loadBundle({ writeCacheTo, command } = {}) {
  if (process.env.LEDGER_DEBUG) {
    process.setSourceMapsEnabled(true);
    return require(BUNDLE);
  }
  const source = fs.readFileSync(BUNDLE, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData: writeCacheTo ? undefined : readCache(command) });
  const mod = new Module(BUNDLE, module);
  mod.filename = BUNDLE;
  mod.paths = Module._nodeModulePaths(path.dirname(BUNDLE));
  mod.loaded = true;
  const wrapper = script.runInThisContext();
  wrapper.call(mod.exports, mod.exports, Module.createRequire(BUNDLE), mod, BUNDLE, path.dirname(BUNDLE));
  if (writeCacheTo) {
    // Taken at exit, so that it holds every function the run compiled, not only the top level.
    process.once('exit', () => fs.writeFileSync(writeCacheTo, script.createCachedData()));
  }
  return mod.exports;
}

module.exports = { loadBundle, startEarly, commandOf, cacheFileOf, GLOBALS_WITH_VALUE };
