/**
 * What an import has already met in its file (codes, whole rows, paper receipt numbers), to
 * refuse a repeat naming the line it repeats. A file of two million rows would hold two million
 * keys, so the ledger's imports keep them in a temporary table (see db/import-keys.ts); tests
 * and small inputs can use `memorySeenKeys`.
 */
export interface SeenKeys {
  /** The line `key` was first met on; or undefined, and `key` is remembered as met on `line`. */
  firstLine(key: string, line: number): number | undefined;
}

export function memorySeenKeys(): SeenKeys {
  const seen = new Map<string, number>();
  return {
    firstLine(key, line) {
      const first = seen.get(key);
      if (first === undefined) seen.set(key, line);
      return first;
    },
  };
}
