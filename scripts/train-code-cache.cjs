'use strict';
// `node scripts/train-code-cache.cjs OUT ARGV_JSON...` (run by scripts/build.mjs): runs the
// ledger once for each command line given, one after another in this one process, and at exit
// writes V8's code cache of the bundle to OUT: every function those runs compiled.
const { loadBundle } = require('../bin/load-bundle.js');

const [out, ...lines] = process.argv.slice(2);
const { main } = loadBundle({ writeCacheTo: out });

(async () => {
  for (const line of lines) {
    const argv = JSON.parse(line);
    const code = await main(argv);
    if (code !== 0) {
      process.stderr.write(`training run failed (exit ${code}): ledger ${argv.join(' ')}\n`);
      process.exitCode = 1;
      return;
    }
  }
})();
