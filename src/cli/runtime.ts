import type { z } from 'zod';
import { localDate, type IsoDate } from '../domain/dates.js';
import { InputError, text, type Text } from '../domain/errors.js';
import { closeLedger, type LedgerDb } from '../db/open-database.js';
import { openStoreForRead, openStoreForWrite } from '../db/open-store.js';
import type { AppContext, Passphrases } from '../app/context.js';
import type { EarlyKeys } from './early-key.js';
import { openKeyAhead, signCommit } from '../app/signing.js';
import { issueText } from '../import/issue-text.js';
import { jsonText, type JsonLayout } from '../reports/render/json.js';
import type { Globals } from './globals.js';

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal (progress is shown only there). */
  stderrIsTty: boolean;
  /** Whether stdout is a terminal (JSON is indented for a person there, compact for a program elsewhere). */
  stdoutIsTty?: boolean;
  /**
   * Resolves once stdout has taken what was written (a pipe takes 64 KiB at a time). Long
   * outputs written in a loop wait on it between chunks, so they are not queued in memory (and
   * the process's own, cli/main.ts, keeps the heap bounded there, cli/heap.ts).
   */
  drain?: () => Promise<void>;
  /** The terminal's width, when stdout is one (help is wrapped to it). */
  stdoutWidth?: () => number | undefined;
}

/** What a command needs from the command line: options, output, the ledger, the clock. */
export class Cli {
  private opened: LedgerDb | undefined;
  private openedFor: 'read' | 'write' | undefined;

  constructor(
    readonly globals: Globals,
    readonly io: Io,
    readonly now: Date,
    /** Passphrases for signing writes (the terminal or the environment). */
    readonly passphrases?: Passphrases,
    /** The signers' keys, being derived since the process started (src/cli/early-key.ts). */
    private readonly started: EarlyKeys = {},
  ) {}

  get lang(): 'zh' | 'en' {
    return this.globals.lang;
  }

  get json(): boolean {
    return this.globals.json;
  }

  /** How JSON on stdout is laid out: indented on a terminal, compact when piped or redirected (reports/render/json.ts). */
  get jsonLayout(): JsonLayout {
    return this.io.stdoutIsTty ? 'indented' : 'compact';
  }

  get today(): IsoDate {
    return localDate(this.now);
  }

  t(message: Text): string {
    return message[this.lang];
  }

  /** Prints a line of human-readable output. */
  say(message: Text | string): void {
    this.io.stdout(`${typeof message === 'string' ? message : this.t(message)}\n`);
  }

  /** A warning on stderr (`警告：` / `warning:`): the command still did what it was asked. */
  warn(message: Text): void {
    this.io.stderr(`${this.lang === 'zh' ? '警告：' : 'warning: '}${this.t(message)}\n`);
  }

  /** Prints `data` as JSON with --json, else the human view of it. */
  emit<T>(data: T, human: (data: T) => string): void {
    if (this.json) this.printJson(data);
    else this.io.stdout(human(data).replace(/\n?$/, '\n'));
  }

  /** Prints `data` as JSON on stdout, laid out as `jsonLayout` says. */
  printJson(data: unknown): void {
    this.io.stdout(jsonText(data, this.jsonLayout));
  }

  /**
   * The ledger, opened read-only unless the command says it writes (`{ write: true }`): a
   * command that only reads never migrates, marks or changes the file, and a command that
   * forgets to say it writes fails safe (SQLite refuses its write) rather than altering a
   * backup it was pointed at. Only `init` creates a ledger (through app/setup.ts).
   */
  async ledger(options: { write?: boolean; anyCompound?: boolean } = {}): Promise<LedgerDb> {
    return options.write ? this.writeLedger() : this.readLedger(options.anyCompound);
  }

  async readLedger(anyCompound = false): Promise<LedgerDb> {
    if (!this.opened) {
      this.opened = await openStoreForRead(this.globals.db, { now: this.now, compound: this.globals.compound, anyCompound });
      this.openedFor = 'read';
    }
    return this.opened;
  }

  async writeLedger(): Promise<LedgerDb> {
    if (this.openedFor === 'read') await this.close();
    if (!this.opened) {
      this.opened = await openStoreForWrite(this.globals.db, {
        now: this.now,
        compound: this.globals.compound,
        onWait: () =>
          this.io.stderr(
            `${this.t(text('账本正被另一人写入，正在等待（最多 5 分钟）……', 'the ledger is busy with another write; waiting for it (up to 5 minutes) ...'))}\n`,
          ),
      });
      this.openedFor = 'write';
    }
    return this.opened;
  }

  /** What a use case needs: the ledger (read-only unless `{ write: true }`), who is recording, the clock. */
  async app(options: { write?: boolean } = {}): Promise<AppContext> {
    const ledger = await this.ledger(options);
    const passphrases = this.passphrases;
    // Every write command's commit is signed before it commits (app/signing.ts).
    if (options.write && passphrases && !ledger.beforeCommit) {
      ledger.beforeCommit = (start) => signCommit(ledger, start, passphrases, this.now);
      const { keyDerivation, approver } = this.started;
      if (this.globals.by) await openKeyAhead(ledger, this.globals.by, passphrases.recorderAtHand?.(this.globals.by), keyDerivation);
      if (approver) await openKeyAhead(ledger, approver.person, passphrases.approverAtHand?.(approver.person), approver.derivation);
    }
    return { ledger, by: this.globals.by, now: this.now, passphrases };
  }

  /** Validates flags and arguments; every problem is reported, and nothing runs. */
  parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    const issues = result.error.issues.map(issueText);
    const [first, ...others] = issues;
    // Every problem is its own `error:` line (the contract); details are printed as given.
    throw new InputError(first ?? text('输入无效', 'invalid input'), others.map((o) => text(`error: ${o.zh}`, `error: ${o.en}`)));
  }

  async close(): Promise<void> {
    if (this.opened) await closeLedger(this.opened);
    this.opened = undefined;
    this.openedFor = undefined;
  }
}
