/**
 * JSON as the ledger writes it, for every report and every `--json`: the value itself, laid out
 * for whoever reads it.
 * - `indented` (two spaces) for a person: on a terminal, or in a file written with `--out`.
 * - `compact` (one line) for another program: standard output piped or redirected. A
 *   district's disclosure is then less than half the size (424 KiB against 949 KiB for ten
 *   thousand households) and is made and written in half the time.
 * Either way it ends with a line break, and parses to the same value.
 */
export type JsonLayout = 'indented' | 'compact';

export function jsonText(value: unknown, layout: JsonLayout): string {
  return `${layout === 'indented' ? JSON.stringify(value, null, 2) : JSON.stringify(value)}\n`;
}

/**
 * The text `jsonText([...items], layout)` gives, in pieces, one item at a time: for a list of
 * records too long to hold as one string (an import's hundreds of thousands of receipts).
 */
export function* jsonArrayPieces(items: Iterable<unknown>, layout: JsonLayout): Generator<string> {
  yield '[';
  let any = false;
  for (const item of items) {
    const sep = any ? ',' : '';
    yield layout === 'indented' ? `${sep}\n  ${JSON.stringify(item, null, 2).replace(/\n/g, '\n  ')}` : `${sep}${JSON.stringify(item)}`;
    any = true;
  }
  yield `${layout === 'indented' && any ? '\n' : ''}]\n`;
}
