'use strict';
// Every SQLite statement a process runs, as it runs (bench/run.mjs times the report's, arrears'
// and collect's; bench/report-floor.cjs captures the report's to run them again plainly).
// Whichever copy of better-sqlite3's JavaScript made a statement (the CLI's bundle holds its
// own), it is an object of the one native addon's Statement: its methods are wrapped here.
//
//   const stop = watchStatements((sql, params, run) => run());   // `run` runs the statement
//   ...; stop();                                                    // the methods as they were
const METHODS = ['all', 'get', 'iterate', 'run'];

function watchStatements(onStatement) {
  const { Statement } = require(require.resolve('better-sqlite3/build/Release/better_sqlite3.node'));
  const originals = Object.fromEntries(METHODS.map((m) => [m, Statement.prototype[m]]));
  for (const m of METHODS) {
    const f = originals[m];
    Statement.prototype[m] = function (...params) {
      return onStatement(this.source, params, () => f.apply(this, params));
    };
  }
  return () => Object.assign(Statement.prototype, originals);
}

module.exports = { watchStatements };
