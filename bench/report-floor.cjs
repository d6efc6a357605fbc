#!/usr/bin/env node
// The floor under `ledger report --half H --json` on this machine (bench/run.mjs, in the same
// rounds as the report): the very statements the report runs, each once, by a plain script.
//
//   node bench/report-floor.cjs --capture DB HALF NOW OUT   runs the report in this process (dist/ledger.cjs)
//                                                          and writes the statements it ran to OUT
//   node bench/report-floor.cjs DB STATEMENTS              the floor: runs them on DB and prints JSON
//
// The floor opens the ledger read-only with plain better-sqlite3, runs every distinct statement
// (the same SQL and parameters: one read of the journal's head where the report asks it seven
// times) with rows as arrays, makes the owing rooms as the report lists them ({code, owed_fen,
// years}, from the `owed` each lock stored) and prints one JSON of it all: the same SQL and about
// the same output, without the CLI (its bundle, option checks, kysely, the report's own objects).
// What the report takes beyond this is what the tool adds to the statements it needs.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

if (process.argv[2] === '--capture') {
  const [db, half, now, out] = process.argv.slice(3);
  const statements = [];
  require('./statements.cjs').watchStatements((sql, params, run) => {
    statements.push({ sql, params });
    return run();
  });
  const { main } = require(path.join(__dirname, '..', 'dist', 'ledger.cjs'));
  const io = { stdout: () => {}, stderr: (s) => process.stderr.write(s), stderrIsTty: false };
  main(['--db', db, 'report', '--half', half, '--json'], process.env, io, new Date(now)).then((code) => {
    if (code !== 0) throw new Error(`report exited ${code}`);
    fs.writeFileSync(out, JSON.stringify(statements));
  });
} else {
  const Database = require('better-sqlite3');
  const [dbPath, statementsFile] = process.argv.slice(2);
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const seen = new Set();
  const out = [];
  for (const { sql, params } of JSON.parse(fs.readFileSync(statementsFile, 'utf8'))) {
    const key = `${sql}\u0000${JSON.stringify(params)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const statement = db.prepare(sql);
    if (!statement.reader) {
      statement.run(...params);
      continue;
    }
    const rows = statement.raw(true).all(...params);
    if (!/"household_totals"/.test(sql)) {
      out.push(rows);
      continue;
    }
    const names = statement.columns().map((c) => c.name);
    const code = names.indexOf('household');
    const owed = names.indexOf('owed');
    const rooms = new Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const years = [];
      let total = 0;
      for (const pair of (rows[r][owed] ?? '').split(',')) {
        if (!pair) continue;
        const colon = pair.indexOf(':');
        const y = { year: Number(pair.slice(0, colon)), owed_fen: Number(pair.slice(colon + 1)) };
        total += y.owed_fen;
        years.push(y);
      }
      rooms[r] = { code: rows[r][code], owed_fen: total, years };
    }
    out.push(rooms);
  }
  db.close();
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
