import { Command, CommanderError, Help } from 'commander';
import { InputError, LedgerError, text } from '../domain/errors.js';
import { splitGlobals } from './globals.js';
import { localiseHelp } from './help-zh.js';
import { passphraseSource } from './passphrase.js';
import { Cli, type Io } from './runtime.js';
import type { EarlyKeys } from './early-key.js';
import { directStdout } from './stdout.js';
import { keepHeapBounded } from './heap.js';

/** How a command file adds its command(s) to the program. */
type Register = (program: Command, cli: Cli) => void;

/**
 * Every command, in the order `ledger --help` lists them: the top-level name(s) a command file
 * registers, and how to load that file. Only the file of the command being run is loaded (and
 * with it only what that command needs: CSV parsing, tables, renderers, export ...); help on a
 * command and unknown commands load them all, and `ledger --help` none (`LEDGER_HELP_LINES`).
 * Start-up is where a command-line tool spends its time.
 * Adding a command is one line here:
 *   [['name'], async () => (await import('./commands/name.js')).registerName],
 */
const COMMANDS: [names: string[], load: () => Promise<Register>][] = [
  [['init'], async () => (await import('./commands/init.js')).registerInit],
  [['role'], async () => (await import('./commands/role.js')).registerRole],
  [['handover'], async () => (await import('./commands/handover.js')).registerHandover],
  [['key'], async () => (await import('./commands/key.js')).registerKey],
  [['household'], async () => (await import('./commands/household.js')).registerHousehold],
  [['fee'], async () => (await import('./commands/fee.js')).registerFee],
  [['bill'], async () => (await import('./commands/bill.js')).registerBill],
  [['collect'], async () => (await import('./commands/collect.js')).registerCollect],
  [['import'], async () => (await import('./commands/import.js')).registerImport],
  [['receipt'], async () => (await import('./commands/receipt.js')).registerReceipt],
  [['arrears'], async () => (await import('./commands/arrears.js')).registerArrears],
  [['void'], async () => (await import('./commands/void.js')).registerVoid],
  [['refund'], async () => (await import('./commands/refund.js')).registerRefund],
  [['income'], async () => (await import('./commands/income.js')).registerIncome],
  [['spend'], async () => (await import('./commands/spend.js')).registerSpend],
  [['category'], async () => (await import('./commands/category.js')).registerCategory],
  [['vote'], async () => (await import('./commands/vote.js')).registerVote],
  [['setting'], async () => (await import('./commands/setting.js')).registerSetting],
  [['verify'], async () => (await import('./commands/verify.js')).registerVerify],
  [['log'], async () => (await import('./commands/log.js')).registerLog],
  [['backup'], async () => (await import('./commands/backup.js')).registerBackup],
  [['lock'], async () => (await import('./commands/lock.js')).registerLock],
  [['export'], async () => (await import('./commands/export.js')).registerExport],
  [['report'], async () => (await import('./commands/report.js')).registerReport],
  [['notice'], async () => (await import('./commands/notice.js')).registerNotice],
  [['budget'], async () => (await import('./commands/budget.js')).registerBudget],
  [['status'], async () => (await import('./commands/status.js')).registerStatus],
  [['copy'], async () => (await import('./commands/copy.js')).registerCopy],
  [['district'], async () => (await import('./commands/district.js')).registerDistrict],
];

/** A top-level command as `ledger --help` lists it: its name, its usage there, its (English) description. */
export interface HelpLine {
  name: string;
  term: string;
  description: string;
}

/**
 * Every top-level command's line in `ledger --help`, taken from the commands themselves when the
 * bundle is built (scripts/build.mjs asks `helpLines` of a first build and puts the answer in the
 * bundle as LEDGER_HELP_LINES), so that `ledger --help` lists them all without loading one: it
 * is start-up alone. JSON text, read only for the help (a string put in by esbuild's `define` is
 * one literal where it is used; an array would be a module of its own, initialised from every
 * other). Undefined where the sources run as they are (the unit tests): help then loads every
 * command, as it does for anything else it does not know.
 */
declare const LEDGER_HELP_LINES: string | undefined;
const builtHelpLines = (): HelpLine[] | undefined => (typeof LEDGER_HELP_LINES === 'undefined' ? undefined : (JSON.parse(LEDGER_HELP_LINES) as HelpLine[]));

/** `argv` asks for the top-level help and nothing else. */
const isTopLevelHelp = (argv: readonly string[]) => argv.length === 1 && ['--help', '-h', 'help'].includes(argv[0]!);

/**
 * The program with the command `argv` names (or, for help and anything unknown, every
 * command), ready to parse `argv`. The top-level help, once built, lists the commands from
 * their help lines instead.
 */
export async function buildProgram(cli: Cli, argv: readonly string[] = [], helpLines: () => HelpLine[] | undefined = builtHelpLines): Promise<Command> {
  const first = argv[0];
  const listed = isTopLevelHelp(argv) ? helpLines() : undefined;
  const wanted = COMMANDS.filter(([names]) => first !== undefined && names.includes(first));
  const registers = listed ? [] : await Promise.all((wanted.length > 0 ? wanted : COMMANDS).map(([, load]) => load()));
  const program = new Command('ledger')
    .description('物业费收支账本 · fee ledger for self-managed residential compounds')
    .option('--db <file>', 'ledger file, or postgres://USER@HOST/DATABASE (else $LEDGER_DB, else ./ledger.db)')
    .option('--compound <name>', 'the compound, where a PostgreSQL database holds several (else $LEDGER_COMPOUND)')
    .option('--by <name>', 'who is recording, 经办人 (else $LEDGER_OPERATOR)')
    .option('--lang <zh|en>', 'language of output (else $LEDGER_LANG; English when $LC_ALL or $LANG starts with en, else Chinese)')
    .option('--json', 'machine-readable output on stdout')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => cli.io.stdout(s),
      writeErr: (s) => cli.io.stderr(s),
      // commander would look at process.stdout for these (cli/stdout.ts); the help has no colours.
      // Its own default gives undefined (wrap at 80) when stdout is not a terminal, as this does.
      getOutHelpWidth: () => cli.io.stdoutWidth?.() as number,
      getOutHasColors: () => false,
      outputError: (s, write) => {
        const message = oneLine(s.replace(/^error:\s*/, ''));
        write(`error: ${cli.lang === 'zh' ? usageInChinese(message) : message}\n`);
      },
    });
  for (const register of registers) register(program, cli);
  for (const line of listed ?? []) program.command(line.name).description(line.description);
  // Subcommand groups inherit exitOverride and output so that errors map to exit codes.
  const inherit = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub.exitOverride().configureOutput(program.configureOutput());
      if (sub.commands.length > 0) requireSubcommand(sub);
      inherit(sub);
    }
  };
  inherit(program);
  if (cli.lang === 'zh') localiseHelp(program);
  if (listed) {
    // Each command as its own file would have it listed (`collect [options] <code> [amount]`).
    const terms = new Map(listed.map((l) => [l.name, l.term]));
    const help = program.configureHelp();
    program.configureHelp({ ...help, subcommandTerm: (sub) => terms.get(sub.name()) ?? new Help().subcommandTerm(sub) });
  }
  return program;
}

/** The help lines of every top-level command, from the commands themselves (for the build: LEDGER_HELP_LINES). */
export async function helpLines(): Promise<HelpLine[]> {
  const { globals } = splitGlobals(['--lang', 'en'], {});
  // Only registered, never run: no clock, no ledger, no output.
  const cli = new Cli(globals, { stdout: () => {}, stderr: () => {}, stderrIsTty: false }, new Date(0), passphraseSource({}, globals.lang));
  const program = await buildProgram(cli, [], () => undefined);
  const help = program.createHelp();
  return program.commands.map((c) => ({ name: c.name(), term: help.subcommandTerm(c), description: c.description() }));
}

/**
 * A group such as `vote` or `household` run without one of its commands, or with an unknown
 * one, is bad usage: one `error:` line naming the commands it has (commander would print its
 * whole help to stderr instead).
 */
function requireSubcommand(group: Command): void {
  const names = group.commands.map((c) => c.name()).filter((n) => n !== 'help');
  group
    .usage('<command> [options]')
    .argument('[command]')
    .allowExcessArguments()
    .action((name: string | undefined) => {
      const list = names.join(', ');
      throw new InputError(
        name === undefined
          ? text(`ledger ${group.name()} 需要指明操作：${list}`, `ledger ${group.name()} needs one of: ${list} (see ledger ${group.name()} --help)`)
          : text(`ledger ${group.name()} 没有“${name}”操作，可用：${list}`, `unknown command '${group.name()} ${name}'; ledger ${group.name()} has: ${list}`),
      );
    });
}

/**
 * Runs the ledger command line and returns the exit code: 0 done, 2 bad input or usage,
 * 1 refused by a rule. Never throws and never exits the process, so tests can drive it.
 * `started`: what bin/ledger.js set going before it loaded this bundle (src/cli/early-key.ts).
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, io?: Io, now = clockOf(env), started: EarlyKeys = {}): Promise<number> {
  const out: Io = io ?? processIo();
  const { globals, rest, errors } = splitGlobals(argv, env);
  if (errors.length > 0) {
    for (const e of errors) out.stderr(`error: ${oneLine(e)}\n`);
    return 2;
  }
  const cli = new Cli(globals, out, now, passphraseSource(env, globals.lang), started);
  try {
    // No command at all (or only `--`): the help, as a first look at what ledger does.
    if (!rest.some((a) => a !== '--')) rest.splice(0, rest.length, '--help');
    await (await buildProgram(cli, rest)).parseAsync(rest, { from: 'user' });
    return 0;
  } catch (err) {
    return report(err, cli);
  } finally {
    await cli.close();
  }
}

/** The process's own output: stdout written directly (cli/stdout.ts), stderr as a stream. */
function processIo(): Io {
  const stdout = directStdout();
  return {
    stdout: (s) => stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    // Looked at when needed (a progress bar): opening stderr costs 2 ms a start.
    get stderrIsTty() {
      return Boolean(process.stderr.isTTY);
    },
    get stdoutIsTty() {
      return stdout.isTerminal();
    },
    // Between the pieces of a long output (an export, an import's --json), also the moment to
    // keep the heap near what the work holds alive (cli/heap.ts).
    drain: () => {
      keepHeapBounded();
      return stdout.drain();
    },
    stdoutWidth: () => stdout.terminalWidth(),
  };
}

/** The clock: now, unless LEDGER_NOW fixes it (an ISO instant; tests and demos use it). */
function clockOf(env: NodeJS.ProcessEnv): Date {
  const fixed = env.LEDGER_NOW ? new Date(env.LEDGER_NOW) : null;
  return fixed && !Number.isNaN(fixed.getTime()) ? fixed : new Date();
}

/**
 * A message as one line of stderr: what the user typed (a code, a CSV cell) may hold line
 * breaks or terminal control characters; they are shown escaped, and commander's
 * "(Did you mean ...)" hint joins its line.
 */
function oneLine(s: string): string {
  return s
    .trimEnd()
    .replace(/\r?\n(?=\(Did you mean)/g, ' ')
    .replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** commander's usage errors, said in Chinese for `--lang zh` (names and values left as typed). */
const USAGE_ZH: [RegExp, string][] = [
  [/^unknown option '(.*?)'/, '未知选项 $1'],
  [/^unknown command '(.*?)'/, '未知命令 $1'],
  [/^missing required argument '(.*?)'/, '缺少参数 <$1>'],
  [/^required option '(.*?)' not specified/, '缺少必需的选项 $1'],
  [/^option '(.*?)' argument missing/, '选项 $1 需要一个值'],
  [/^too many arguments for '(.*?)'.*/, '$1 的参数过多'],
  [/^too many arguments.*/, '参数过多'],
  [/\(Did you mean (.*?)\?\)/, '（是否要用 $1？）'],
];

function usageInChinese(message: string): string {
  return USAGE_ZH.reduce((m, [pattern, zh]) => m.replace(pattern, zh), message);
}

function report(err: unknown, cli: Cli): number {
  if (err instanceof CommanderError) {
    // Help and version are "errors" only to commander.
    if (err.exitCode === 0) return 0;
    return 2;
  }
  if (err instanceof LedgerError) {
    cli.io.stderr(`error: ${oneLine(cli.t(err.text))}\n`);
    for (const d of err.details) cli.io.stderr(`${oneLine(cli.t(d))}\n`);
    return err.exitCode;
  }
  const e = err as { code?: string; message?: string };
  if (e?.code === 'SQLITE_BUSY') {
    cli.io.stderr('error: the ledger is busy (another write is in progress); try again\n');
    return 1;
  }
  if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')) {
    cli.io.stderr(`error: refused by the ledger's integrity rules: ${oneLine(e.message ?? '')}\n`);
    return 1;
  }
  cli.io.stderr(`error: ${oneLine(e?.message ?? String(err))}\n`);
  if (process.env.LEDGER_DEBUG) cli.io.stderr(`${(err as Error)?.stack}\n`);
  return 1;
}
