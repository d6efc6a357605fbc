import Table from 'cli-table3';

/** A plain table for the terminal: no colours (output is often piped or printed), CJK-aware widths. */
export function textTable(head: string[], rows: (string | number)[][], align?: ('left' | 'right')[]): string {
  const table = new Table({
    head,
    style: { head: [], border: [], compact: true },
    colAligns: align ?? head.map(() => 'left'),
  });
  for (const r of rows) table.push(r.map(String));
  return table.toString();
}
