/**
 * The one way this program writes a file (report, notice, export, receipt and handover
 * `--out` files; backups): into a temporary file beside the target, then renamed over it.
 *
 * - The temporary name is unpredictable (`.NAME.<16 random hex>.tmp`, crypto.randomBytes) and
 *   the file is created exclusively (`wx`): a symlink or file planted at a guessed name is
 *   never followed or overwritten; the open fails instead.
 * - It is owner-only (0600) from its creation, like the ledger: disclosures before they are
 *   posted, exports and backups hold names and phone numbers.
 * - Its content is fsynced before the rename, and the rename is atomic: a reader, a crash or a
 *   full disk leaves either the old file or the whole new one, never half of it.
 * - With `overwrite: false` (backups) an existing target is refused (EEXIST), also one that
 *   appears while the file is written: the temp file is linked to the target's name, which
 *   fails if it exists, rather than renamed over it.
 */
import { nodeCrypto } from '../domain/node-crypto.js';
import fs from 'node:fs';
import path from 'node:path';
import { InputError, RuleError, text } from '../domain/errors.js';

export interface AtomicWriteOptions {
  /** Replace an existing target (default true); false refuses it, exit 1. */
  overwrite?: boolean;
}

/** Where `file`'s temporary file goes: its own folder (a rename does not cross file systems). */
function tempPathFor(file: string): string {
  const dir = path.dirname(path.resolve(file));
  return path.join(dir, `.${path.basename(file)}.${nodeCrypto().randomBytes(8).toString('hex')}.tmp`);
}

function cannotWrite(file: string, err: unknown): InputError {
  const e = err as NodeJS.ErrnoException;
  return new InputError(text(`无法写入 ${file}：${e.code ?? e.message}`, `cannot write ${file}: ${e.code ?? e.message}`));
}

function exists(file: string): RuleError {
  return new RuleError(text(`${file} 已存在，不会覆盖`, `${file} already exists; it is not overwritten`));
}

interface Temp {
  path: string;
  fd: number;
  open: boolean;
}

function createTemp(file: string, overwrite: boolean): Temp {
  if (!overwrite && fs.existsSync(file)) throw exists(file);
  const temp = tempPathFor(file);
  try {
    return { path: temp, fd: fs.openSync(temp, 'wx', 0o600), open: true };
  } catch (err) {
    throw cannotWrite(file, err);
  }
}

/** Makes the complete temporary file `file`: fsync, close, then rename (or link, not to overwrite). */
function commit(temp: Temp, file: string, overwrite: boolean): void {
  fs.fsyncSync(temp.fd);
  fs.closeSync(temp.fd);
  temp.open = false;
  if (overwrite) fs.renameSync(temp.path, file);
  else {
    try {
      fs.linkSync(temp.path, file);
    } catch (err) {
      // A file system without hard links (FAT, some network shares): check, then rename.
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw err;
      if (fs.existsSync(file)) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
      fs.renameSync(temp.path, file);
    }
    fs.rmSync(temp.path, { force: true });
  }
  syncFolder(file);
}

/** Removes the temporary file (and any -journal/-wal/-shm SQLite left beside it); maps the error. */
function abandon(temp: Temp, file: string, overwrite: boolean, err: unknown): unknown {
  if (temp.open) {
    try {
      fs.closeSync(temp.fd);
    } catch {
      // already closed
    }
  }
  for (const f of [temp.path, `${temp.path}-journal`, `${temp.path}-wal`, `${temp.path}-shm`]) fs.rmSync(f, { force: true });
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EEXIST' && !overwrite) return exists(file);
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return cannotWrite(file, err);
  return err;
}

/**
 * Runs `work` with a fresh temporary file (its path and an open descriptor), then makes it
 * `file`. `work` may write through the descriptor, or let another library (SQLite) write to
 * the path. If `work` throws, the temporary file is removed and `file` is as it was.
 */
export async function withAtomicFile<T>(
  file: string,
  work: (temp: { path: string; fd: number }) => Promise<T> | T,
  options: AtomicWriteOptions = {},
): Promise<T> {
  const overwrite = options.overwrite ?? true;
  const temp = createTemp(file, overwrite);
  try {
    const result = await work({ path: temp.path, fd: temp.fd });
    commit(temp, file, overwrite);
    return result;
  } catch (err) {
    throw abandon(temp, file, overwrite, err);
  }
}

/** Writes `content` to `file` as `withAtomicFile` does. */
export function writeFileAtomic(file: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const overwrite = options.overwrite ?? true;
  const temp = createTemp(file, overwrite);
  try {
    writeAll(temp.fd, content);
    commit(temp, file, overwrite);
  } catch (err) {
    throw abandon(temp, file, overwrite, err);
  }
}

/** Writes all of `content` at the descriptor's position (a write may take only part of it). */
export function writeAll(fd: number, content: string | Uint8Array): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  for (let off = 0; off < bytes.length; ) off += fs.writeSync(fd, bytes, off, bytes.length - off);
}

/** The rename itself is made durable by syncing the folder (where the platform allows it). */
function syncFolder(file: string): void {
  try {
    const dfd = fs.openSync(path.dirname(path.resolve(file)), 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Not every platform can open or sync a folder (Windows); the file itself was synced.
  }
}
