/**
 * Chinese by default, help included: the language chosen from the environment as the
 * contract says, and every command's `--help` under zh with no English description left
 * (commander's own headings too).
 */
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { splitGlobals } from '../../src/cli/globals.js';
import { untranslated } from '../../src/cli/help-zh.js';
import { buildProgram, main } from '../../src/cli/main.js';
import { Cli } from '../../src/cli/runtime.js';

const langOf = (env: NodeJS.ProcessEnv, argv: string[] = []) => splitGlobals(argv, env).globals.lang;

describe('the language', () => {
  it('is Chinese unless told English', () => {
    expect(langOf({})).toBe('zh'); // a Chinese Windows sets neither LANG nor LC_ALL
    expect(langOf({ LANG: 'C' })).toBe('zh');
    expect(langOf({ LANG: 'POSIX' })).toBe('zh');
    expect(langOf({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(langOf({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(langOf({ LC_ALL: 'en_GB.UTF-8' })).toBe('en');
    expect(langOf({ LANG: 'C', LC_ALL: 'en_US.UTF-8' })).toBe('en');
  });

  it('$LEDGER_LANG, then --lang, win over the locale', () => {
    expect(langOf({ LANG: 'en_US.UTF-8', LEDGER_LANG: 'zh' })).toBe('zh');
    expect(langOf({ LEDGER_LANG: 'en' })).toBe('en');
    expect(langOf({ LEDGER_LANG: 'en' }, ['--lang', 'zh'])).toBe('zh');
    expect(langOf({}, ['--lang=en'])).toBe('en');
  });

  it('an error with no locale set is in Chinese', async () => {
    let stderr = '';
    const code = await main(['collect', '1-1-101', 'abc', '--db', ':memory:'], {}, { stdout: () => {}, stderr: (s) => void (stderr += s), stderrIsTty: false });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: 金额“abc”不是有效金额/);
  });
});

async function programIn(lang: 'zh' | 'en'): Promise<Command> {
  const cli = new Cli({ db: ':memory:', compound: undefined, by: undefined, lang, json: false }, { stdout: () => {}, stderr: () => {}, stderrIsTty: false }, new Date('2023-07-15T10:00:00+08:00'));
  return buildProgram(cli, []);
}

function everyCommand(c: Command): Command[] {
  return [c, ...c.commands.flatMap(everyCommand)];
}

const pathOf = (c: Command): string => (c.parent ? `${pathOf(c.parent)} ${c.name()}` : c.name());

/**
 * English left in one help text: words of three or more Latin letters outside the terms
 * (flags, `<args>`), not names the Chinese keeps as they are (values to type, file formats,
 * programs, environment variables).
 */
function english(help: string): string[] {
  const KEPT = new Set(
    `ledger hledger beancount json csv html md xlsx text table zh en cash wechat alipay bank other yes no abstain chair collector reimburser supervisor
     general special simple majority household year month expense income code owner area phone since date amount method receipt choice reason
     command options postgresql sqlite markdown excel utf bom gbk`.split(/\s+/),
  );
  const words: string[] = [];
  for (const line of help.split('\n')) {
    if (/^用法：/.test(line)) continue;
    // The term column (flags, command names and arguments) is the command line's own words.
    const description = /^ {2}\S/.test(line) ? line.replace(/^ {2}.*?( {2,}|$)/, '') : line;
    const cleaned = description.replace(/\$[A-Z_]+|--?[a-z][a-z-]*|<[^>]*>|\[[^\]]*\]|\S+\.(?:db|csv|xlsx|html)\b|[A-Z]{2,}\b/g, ' ');
    for (const w of cleaned.match(/[A-Za-z]{3,}/g) ?? []) if (!KEPT.has(w.toLowerCase())) words.push(w);
  }
  return words;
}

describe('--help under zh', () => {
  it('has a Chinese description for every command and option', async () => {
    expect(untranslated(await programIn('zh'))).toEqual([]);
  });

  it('every command: Chinese headings, no English description left', async () => {
    const program = await programIn('zh');
    const commands = everyCommand(program);
    expect(commands.length).toBeGreaterThan(40);
    for (const c of commands) {
      const help = c.helpInformation();
      expect(help, pathOf(c)).toMatch(/^用法： ?ledger/);
      expect(help, pathOf(c)).not.toMatch(/Usage:|Options:|Commands:|Arguments:|display help|default:/);
      expect(help, pathOf(c)).toMatch(/选项：/);
      expect(english(help), `${pathOf(c)}\n${help}`).toEqual([]);
    }
  });

  it('ledger --help, through main, with no locale set', async () => {
    let stdout = '';
    const code = await main(['--help'], {}, { stdout: (s) => void (stdout += s), stderr: () => {}, stderrIsTty: false });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^用法： ?ledger \[options\] \[command\]/);
    expect(stdout).toContain('命令：');
    expect(stdout).toContain('收费并打印收据');
    expect(stdout).toContain('显示某个命令的帮助');
  });

  it('stays English under en', async () => {
    const program = await programIn('en');
    const collect = program.commands.find((c) => c.name() === 'collect')!;
    expect(collect.helpInformation()).toMatch(/^Usage: ledger collect/);
    expect(collect.helpInformation()).toContain('Options:');
  });
});
