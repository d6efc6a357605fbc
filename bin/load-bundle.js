'use strict';
// Loads the CLI's bundle (dist/ledger.cjs, built by `npm run build`) with its V8 code cache
// (dist/ledger.cache, written at the end of the build): V8 then takes the compiled code from
// the cache instead of compiling the bundle, a good part of start-up. V8 itself checks that
// the cache was made by this node binary, with these flags, from this very source; when it
// was not (node upgraded, the bundle rebuilt without it), it ignores the cache and compiles
// the bundle as usual: the same program, only the compile is not saved.
//
// The bundle is loaded exactly as require() would (same wrapper, same module object, its own
// require for better-sqlite3 and dist/vendor/); with LEDGER_DEBUG set it is plainly required,
// so that stack traces go through its source map.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

const BUNDLE = path.join(__dirname, '..', 'dist', 'ledger.cjs');
const CACHE = path.join(__dirname, '..', 'dist', 'ledger.cache');

function readCache() {
  try {
    return fs.readFileSync(CACHE);
  } catch {
    return undefined;
  }
}

/** The bundle's exports ({ main }). `writeCacheTo`: after this process's run, save V8's code cache there. */
function loadBundle({ writeCacheTo } = {}) {
  if (process.env.LEDGER_DEBUG) {
    process.setSourceMapsEnabled(true);
    return require(BUNDLE);
  }
  const source = fs.readFileSync(BUNDLE, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData: writeCacheTo ? undefined : readCache() });
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

module.exports = { loadBundle };
