#!/usr/bin/env node
'use strict';
// The whole CLI is one bundle (dist/ledger.cjs, built by `npm run build`): start-up is where
// a command-line tool spends its time, and one file loads far faster than hundreds.
// The bundle is minified; with LEDGER_DEBUG set, stack traces point into src/ through its source map.
if (process.env.LEDGER_DEBUG) process.setSourceMapsEnabled(true);
const { main } = require('../dist/ledger.cjs');

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
