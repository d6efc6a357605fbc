import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { GLOBALS_WITH_VALUE } from '../../src/cli/globals.js';

// bin/load-bundle.js is plain JavaScript, loaded before the bundle: it is required as the CLI does.
const loader = require('../../bin/load-bundle.js') as {
  commandOf: (argv: string[]) => string | undefined;
  cacheFileOf: (command: string) => string;
  GLOBALS_WITH_VALUE: string[];
};
const ROOT = path.resolve(__dirname, '../..');

describe('the code cache a command starts with (bin/load-bundle.js)', () => {
  it('skips the same global options with a value as the command line does', () => {
    expect(loader.GLOBALS_WITH_VALUE).toEqual([...GLOBALS_WITH_VALUE]);
  });

  it('finds the command after global options, their values and flags, in any order', () => {
    expect(loader.commandOf(['report', '--half', '2024H2'])).toBe('report');
    expect(loader.commandOf(['--db', 'report', '--by', 'arrears', '--json', 'status'])).toBe('status');
    expect(loader.commandOf(['--db=x.db', '--lang', 'en', 'collect', '1-1-101'])).toBe('collect');
    expect(loader.commandOf(['--compound', '工行小区', '--', 'arrears'])).toBe('arrears');
    expect(loader.commandOf(['--help'])).toBeUndefined();
    expect(loader.commandOf([])).toBeUndefined();
  });

  it('is built for the commands run most, beside the general one', () => {
    // npm test builds first (package.json): the caches are the build's.
    for (const command of ['report', 'arrears', 'status', 'collect']) expect(fs.statSync(loader.cacheFileOf(command)).size).toBeGreaterThan(100_000);
    expect(fs.statSync(path.join(ROOT, 'dist/ledger.cache')).size).toBeGreaterThan(100_000);
  });

  it('is one V8 takes for this bundle on this node, not one it throws away', () => {
    const bundle = path.join(ROOT, 'dist/ledger.cjs');
    const source = Module.wrap(fs.readFileSync(bundle, 'utf8'));
    for (const file of [path.join(ROOT, 'dist/ledger.cache'), loader.cacheFileOf('report'), loader.cacheFileOf('collect')]) {
      const script = new vm.Script(source, { filename: bundle, cachedData: fs.readFileSync(file) });
      expect(script.cachedDataRejected, file).toBe(false);
    }
  });
});

describe('the bundle every command starts by reading (dist/ledger.cjs)', () => {
  it('is plain ASCII, so that V8 holds it as a one-byte string', () => {
    // esbuild escapes the Chinese of strings and templates, but not of regular expressions. One
    // character left makes the whole 1 MB source a two-byte string: 2 MB to allocate and decode
    // at every start (readFileSync 7.2-8.4 ms against 3.8-5.9 ms for the same bundle in ASCII,
    // fresh processes on the bench machine). Write such a character as a \u escape in the
    // regular expression, with the character itself in a comment beside it.
    const source = fs.readFileSync(path.join(ROOT, 'dist/ledger.cjs'), 'latin1');
    const at = source.search(/[^\x00-\x7f]/);
    expect(at === -1 ? 'ASCII' : Buffer.from(source.slice(Math.max(0, at - 60), at + 20), 'latin1').toString('utf8')).toBe('ASCII');
  });
});
