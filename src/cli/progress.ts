import type * as CliProgress from 'cli-progress';
import type { Text } from '../domain/errors.js';
import type { LedgerDb } from '../db/open-database.js';
import { keepHeapBounded } from './heap.js';

/** How far a long piece of work is (an import, an export, a verify, a backup). */
export interface Progress {
  /** `done` out of `total` (units of the caller's choosing: bytes, rows, pages). */
  update(done: number, total?: number): void;
  stop(): void;
}

const none: Progress = { update() {}, stop() {} };

/**
 * The progress of long work: a progress bar on stderr, shown only when stderr is a terminal
 * (never in a pipe, a log or a test, so stdout and stderr stay clean) and only once the work has
 * run for half a second (a small ledger shows nothing). Drawn by cli-progress, which throttles
 * redraws itself; calls are cheap to make per row. Whether or not a bar is shown, each call also
 * keeps the work's heap near what it holds alive (cli/heap.ts): every long streaming command
 * reports its progress here as it goes.
 */
export function progressBar(io: { stderrIsTty: boolean }, label: Text, lang: 'zh' | 'en', total: number): Progress {
  const bar = io.stderrIsTty && process.stderr.isTTY ? barOnTerminal(label, lang, total) : none;
  return {
    update(done, newTotal) {
      keepHeapBounded();
      bar.update(done, newTotal);
    },
    stop: () => bar.stop(),
  };
}

function barOnTerminal(label: Text, lang: 'zh' | 'en', total: number): Progress {
  const started = Date.now();
  let bar: CliProgress.SingleBar | undefined;
  let drawn = 0;
  let last = 0;
  let max = total;
  return {
    update(done, newTotal) {
      if (newTotal !== undefined) max = newTotal;
      last = done;
      const now = Date.now();
      if (now - drawn < 100 && done < max) return;
      drawn = now;
      if (!bar) {
        if (now - started < 500) return;
        // cli-progress (and node:readline with it) is loaded when a bar is first drawn, not at start-up.
        const { SingleBar } = require('cli-progress') as typeof CliProgress;
        bar = new SingleBar({
          stream: process.stderr,
          format: `${label[lang]} [{bar}] {percentage}% · {eta_formatted}`,
          hideCursor: true,
          clearOnComplete: true,
          barsize: 30,
        });
        bar.start(Math.max(max, 1), last);
      }
      if (newTotal !== undefined) bar.setTotal(Math.max(max, 1));
      bar.update(last);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}


/** How many entries the ledger holds, as the total of a bar over them (only asked on a terminal; 1 if it cannot be read). */
export async function entryCount(cli: { io: { stderrIsTty: boolean } }, ledger: LedgerDb): Promise<number> {
  if (!cli.io.stderrIsTty) return 1;
  try {
    const r = await ledger.db.selectFrom('entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return Number(r?.n) || 1;
  } catch {
    return 1;
  }
}
