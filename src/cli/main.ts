import { Command, CommanderError } from 'commander';
import { LedgerError } from '../domain/errors.js';
import { splitGlobals } from './globals.js';
import { Cli, type Io } from './runtime.js';
import { registerArrears } from './commands/arrears.js';
import { registerBill } from './commands/bill.js';
import { registerCollect } from './commands/collect.js';
import { registerFee } from './commands/fee.js';
import { registerHousehold } from './commands/household.js';
import { registerImport } from './commands/import.js';
import { registerInit } from './commands/init.js';
import { registerReceipt } from './commands/receipt.js';
import { registerRole } from './commands/role.js';
import { registerVoid } from './commands/void.js';
import { registerCategory } from './commands/category.js';
import { registerIncome } from './commands/income.js';
import { registerSetting } from './commands/setting.js';
import { registerSpend } from './commands/spend.js';
import { registerVote } from './commands/vote.js';
import { registerVerify } from './commands/verify.js';
import { registerLog } from './commands/log.js';
import { registerBackup } from './commands/backup.js';
import { registerLock } from './commands/lock.js';
import { registerExport } from './commands/export.js';
import { registerReport } from './commands/report.js';
import { registerNotice } from './commands/notice.js';
import { registerBudget } from './commands/budget.js';
import { registerStatus } from './commands/status.js';

/** Every command, in the order `ledger --help` lists them. One line per command file. */
const COMMANDS = [
  registerInit,
  registerRole,
  registerHousehold,
  registerFee,
  registerBill,
  registerCollect,
  registerImport,
  registerReceipt,
  registerArrears,
  registerVoid,
  registerIncome,
  registerSpend,
  registerCategory,
  registerVote,
  registerSetting,
  registerVerify,
  registerLog,
  registerBackup,
  registerLock,
  registerExport,
  registerReport,
  registerNotice,
  registerBudget,
  registerStatus,
];

export function buildProgram(cli: Cli): Command {
  const program = new Command('ledger')
    .description('物业费收支账本 · fee ledger for self-managed residential compounds')
    .option('--db <file>', 'ledger file (else $LEDGER_DB, else ./ledger.db)')
    .option('--by <name>', 'who is recording, 经办人 (else $LEDGER_OPERATOR)')
    .option('--lang <zh|en>', 'language of output (else $LEDGER_LANG, else from $LANG)')
    .option('--json', 'machine-readable output on stdout')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => cli.io.stdout(s),
      writeErr: (s) => cli.io.stderr(s),
      outputError: (s, write) => write(s.startsWith('error:') ? s : `error: ${s}`),
    });
  for (const register of COMMANDS) register(program, cli);
  // Subcommand groups inherit exitOverride and output so that errors map to exit codes.
  const inherit = (cmd: Command) => {
    for (const sub of cmd.commands) {
      sub.exitOverride().configureOutput(program.configureOutput());
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

/**
 * Runs the ledger command line and returns the exit code: 0 done, 2 bad input or usage,
 * 1 refused by a rule. Never throws and never exits the process, so tests can drive it.
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, io?: Io, now = clockOf(env)): Promise<number> {
  const out: Io = io ?? {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stderrIsTty: Boolean(process.stderr.isTTY),
  };
  const { globals, rest, errors } = splitGlobals(argv, env);
  if (errors.length > 0) {
    for (const e of errors) out.stderr(`error: ${e}\n`);
    return 2;
  }
  const cli = new Cli(globals, out, now);
  try {
    if (rest.length === 0) rest.push('--help');
    await buildProgram(cli).parseAsync(rest, { from: 'user' });
    return 0;
  } catch (err) {
    return report(err, cli);
  } finally {
    cli.close();
  }
}

/** The clock: now, unless LEDGER_NOW fixes it (an ISO instant; tests and demos use it). */
function clockOf(env: NodeJS.ProcessEnv): Date {
  const fixed = env.LEDGER_NOW ? new Date(env.LEDGER_NOW) : null;
  return fixed && !Number.isNaN(fixed.getTime()) ? fixed : new Date();
}

function report(err: unknown, cli: Cli): number {
  if (err instanceof CommanderError) {
    // Help and version are "errors" only to commander.
    if (err.exitCode === 0) return 0;
    return 2;
  }
  if (err instanceof LedgerError) {
    cli.io.stderr(`error: ${cli.t(err.text)}\n`);
    for (const d of err.details) cli.io.stderr(`${cli.t(d)}\n`);
    return err.exitCode;
  }
  const e = err as { code?: string; message?: string };
  if (e?.code === 'SQLITE_BUSY') {
    cli.io.stderr('error: the ledger is busy (another write is in progress); try again\n');
    return 1;
  }
  if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_CONSTRAINT')) {
    cli.io.stderr(`error: refused by the ledger's integrity rules: ${e.message}\n`);
    return 1;
  }
  cli.io.stderr(`error: ${e?.message ?? String(err)}\n`);
  if (process.env.LEDGER_DEBUG) cli.io.stderr(`${(err as Error)?.stack}\n`);
  return 1;
}
