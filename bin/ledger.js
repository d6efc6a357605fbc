#!/usr/bin/env node
'use strict';
// The whole CLI is one bundle (dist/ledger.cjs, built by `npm run build`): start-up is where a
// command-line tool spends its time, and one file, taken with its code cache, loads far faster
// than hundreds (bin/load-bundle.js). With LEDGER_DEBUG set, stack traces point into src/.
// A write at the gate first sets its signers' keys deriving (src/cli/early-key.ts), beside the load.
const { loadBundle, startEarly, commandOf } = require('./load-bundle.js');

const argv = process.argv.slice(2);
const started = startEarly(argv);
const { main } = loadBundle({ writeCacheTo: process.env.LEDGER_WRITE_CODE_CACHE, command: commandOf(argv) });

main(argv, process.env, undefined, undefined, started).then((code) => {
  process.exitCode = code;
});
