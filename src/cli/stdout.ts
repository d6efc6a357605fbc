/**
 * The process's standard output, written straight to file descriptor 1.
 *
 * `process.stdout` is a stream that node builds on first use (a SyncWriteStream for a file or
 * /dev/null, a socket for a pipe, a tty.WriteStream for a terminal), loading the stream
 * machinery with it (`ledger --help`'s own work: 13-14 ms with it, 10 ms without). Writing the
 * text with `fs.writeSync` is the same output, in the same order, without the stream, and it is
 * written by the time the call returns, whatever fd 1 is: node's own stream writes to files and
 * terminals at once on POSIX, but to a pipe asynchronously (its documentation, "A note on process
 * I/O"); a pipe whose reader is slow holds the write until it has taken the text, as the stream
 * would hold the rest of the output.
 *
 * - A reader that went away (`ledger arrears | head`): EPIPE; the rest is dropped, quietly.
 * - A descriptor the caller left non-blocking (EAGAIN): from then on the text goes through
 *   `process.stdout`, which queues it, and `drain` waits for that queue.
 */
import fs from 'node:fs';
import type * as Tty from 'node:tty';

export interface Stdout {
  write(s: string): void;
  /** Resolves once what was written has been taken (at once, unless the stream took over). */
  drain(): Promise<void>;
  /** Whether stdout is a terminal. */
  isTerminal(): boolean;
  /** The terminal's width when stdout is a terminal (commander wraps its help to it). */
  terminalWidth(): number | undefined;
}

export function directStdout(fd = 1): Stdout {
  let closed = false;
  let stream: NodeJS.WriteStream | null = null;
  let terminal: boolean | undefined;
  const onTerminal = () => (terminal ??= isTerminal(fd));

  const viaStream = (s: string | Buffer) => {
    if (!stream) {
      stream = process.stdout;
      stream.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'EPIPE') throw err;
        closed = true;
      });
    }
    stream.write(s);
  };

  return {
    write(s) {
      if (closed || s.length === 0) return;
      if (stream) return viaStream(s);
      const bytes = Buffer.from(s, 'utf8');
      let at = 0;
      try {
        while (at < bytes.length) at += fs.writeSync(fd, bytes, at, bytes.length - at);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') closed = true;
        else if (code === 'EAGAIN') viaStream(bytes.subarray(at));
        else throw err;
      }
    },
    drain() {
      const s = stream as NodeJS.WriteStream | null;
      if (!s || closed || !s.writableNeedDrain) return Promise.resolve();
      return new Promise((resolve) => {
        const done = () => {
          s.off('drain', done).off('close', done).off('error', done);
          resolve();
        };
        s.on('drain', done).on('close', done).on('error', done);
      });
    },
    isTerminal: onTerminal,
    terminalWidth() {
      return onTerminal() ? process.stdout.columns : undefined;
    },
  };
}

/**
 * Whether `fd` is a terminal. Only a character device other than /dev/null can be one:
 * node:tty, which loads the stream machinery (5 ms), is asked only then.
 */
function isTerminal(fd: number): boolean {
  try {
    const st = fs.fstatSync(fd);
    if (!st.isCharacterDevice() || st.rdev === fs.statSync('/dev/null').rdev) return false;
  } catch {
    return false;
  }
  return (require('node:tty') as typeof Tty).isatty(fd);
}
