/**
 * `ledger --help` lists every command from the help lines the build put in the bundle
 * (src/cli/main.ts `helpLines`, LEDGER_HELP_LINES), without loading a command file: the text
 * must be exactly the one the commands themselves give, in both languages and at any width.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram, helpLines, main } from '../../src/cli/main.js';
import { Cli } from '../../src/cli/runtime.js';

const ROOT = path.resolve(__dirname, '../..');

function cliIn(lang: 'zh' | 'en', width?: number): Cli {
  const io = { stdout: () => {}, stderr: () => {}, stderrIsTty: false, stdoutWidth: () => width };
  return new Cli({ db: ':memory:', compound: undefined, by: undefined, lang, json: false }, io, new Date('2023-07-15T10:00:00+08:00'));
}

describe('the top-level help from the help lines', () => {
  it('is the help the commands give, word for word, in both languages and at any width', async () => {
    const lines = await helpLines();
    expect(lines.map((l) => l.name)).toContain('collect');
    for (const lang of ['zh', 'en'] as const) {
      for (const width of [undefined, 50, 132]) {
        for (const argv of [['--help'], ['-h'], ['help']]) {
          const listed = await buildProgram(cliIn(lang, width), argv, () => lines);
          const loaded = await buildProgram(cliIn(lang, width), argv, () => undefined);
          // Only the listed program is built without a command's own file.
          expect(listed.commands.every((c) => c.options.length === 0 && c.registeredArguments.length === 0)).toBe(true);
          expect(loaded.commands.some((c) => c.options.length > 0)).toBe(true);
          expect(listed.helpInformation(), `${lang} ${width} ${argv}`).toBe(loaded.helpInformation());
        }
      }
    }
  });

  it('each line as its command would be listed: name, arguments and description', async () => {
    const collect = (await helpLines()).find((l) => l.name === 'collect')!;
    expect(collect.term).toBe('collect [options] <code> [amount]');
    expect(collect.description).toMatch(/receipt/);
  });

  it('is not taken for a command, or for help on one', async () => {
    const lines = await helpLines();
    for (const argv of [['collect', '--help'], ['help', 'collect'], ['--help', 'extra']]) {
      const program = await buildProgram(cliIn('en'), argv, () => lines);
      expect(program.commands.some((c) => c.options.length > 0), argv.join(' ')).toBe(true);
    }
  });

  it('the built ledger prints the same help as the commands give', async () => {
    // npm test builds first (package.json): dist/ledger.cjs is the build's, with the lines in it.
    for (const lang of ['zh', 'en']) {
      const built = execFileSync(process.execPath, [path.join(ROOT, 'bin/ledger.js'), '--help'], { env: { PATH: process.env.PATH, LEDGER_LANG: lang }, encoding: 'utf8' });
      let fromSource = '';
      const code = await main(['--help'], { LEDGER_LANG: lang }, { stdout: (s) => void (fromSource += s), stderr: () => {}, stderrIsTty: false });
      expect(code).toBe(0);
      expect(built).toBe(fromSource);
    }
  });
});
