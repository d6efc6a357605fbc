import { sql } from 'kysely';
import type { YearAmount } from '../domain/allocation.js';
import type { IsoDate } from '../domain/dates.js';
import { listCategories } from './categories-repo.js';
import type { LedgerDb } from './open-database.js';
import type { EntryKind, EntryRow } from './tables.js';

/** The kinds that move the fund: what a cash-basis journal is made of. */
export const CASH_KINDS = ['collection', 'income', 'expense', 'void'] as const satisfies readonly EntryKind[];

/** A money entry as the export needs it: its own columns, its allocations, and a void's target. */
export interface MoneyEntry
  extends Pick<
    EntryRow,
    | 'seq' | 'number' | 'date' | 'household' | 'cash_fen' | 'category' | 'party' | 'item' | 'method' | 'note'
    | 'approved_by' | 'ref' | 'vote' | 'recorded_at' | 'recorded_by'
  > {
  kind: (typeof CASH_KINDS)[number];
  amount_fen: number;
  target_kind: EntryKind | null;
  target_number: string | null;
  /** A void's target's payer or payee (a void does not copy it). */
  target_party: string | null;
  /** A void's target's item (an expense's description). */
  target_item: string | null;
  allocations: YearAmount[];
}

/**
 * Every money entry in date order (recording order within a day), one at a time: an export
 * of hundreds of thousands of entries never holds them all. A void's target comes with it,
 * and a collection's allocations (a correlated subquery: no second query may run on the
 * connection while this cursor is open).
 */
export async function* moneyEntriesByDate(ledger: LedgerDb, page = 5000): AsyncGenerator<MoneyEntry> {
  const query = (after: { date: string; seq: number } | null) => {
    let q = ledger.db
      .selectFrom('entries as e')
      .leftJoin('entries as t', 't.seq', 'e.target_seq')
      .select([
        'e.seq', 'e.kind', 'e.number', 'e.date', 'e.household', 'e.amount_fen', 'e.cash_fen', 'e.category', 'e.party',
        'e.item', 'e.method', 'e.note', 'e.approved_by', 'e.ref', 'e.vote', 'e.recorded_at', 'e.recorded_by',
        't.kind as target_kind', 't.number as target_number', 't.party as target_party',
        't.item as target_item',
      ])
      .select(ledger.sql.allocationsJson('e').as('allocations_json'))
      .where('e.kind', 'in', CASH_KINDS);
    if (after) q = q.where((eb) => eb.or([eb('e.date', '>', after.date), eb.and([eb('e.date', '=', after.date), eb('e.seq', '>', after.seq)])]));
    return q.orderBy('e.date').orderBy('e.seq');
  };
  type Row = Omit<MoneyEntry, 'allocations'> & { allocations_json: string };
  const shape = ({ allocations_json, ...row }: Row): MoneyEntry => {
    const pairs = JSON.parse(allocations_json) as [number, number][];
    return { ...row, allocations: pairs.map(([year, amountFen]) => ({ year, amountFen })).sort((a, b) => a.year - b.year) };
  };
  if (ledger.sqlite) {
    // One cursor over the whole journal (SQLite reads it lazily).
    const compiled = query(null).compile();
    for (const row of ledger.sqlite.prepare(compiled.sql).iterate(...compiled.parameters) as IterableIterator<Row>) yield shape(row);
    return;
  }
  // Elsewhere a page at a time, by (date, seq).
  let after: { date: string; seq: number } | null = null;
  for (;;) {
    const rows = (await query(after).limit(page).execute()) as unknown as Row[];
    for (const row of rows) yield shape(row);
    if (rows.length < page) return;
    const last = rows[rows.length - 1]!;
    after = { date: last.date, seq: last.seq };
  }
}

/** What the export declares before its first transaction: the span, the fee years, the categories in use. */
export async function exportOutline(ledger: LedgerDb): Promise<{
  firstDate: IsoDate | null;
  lastDate: IsoDate | null;
  feeYears: number[];
  categories: { line: 'income' | 'expense'; name: string; name_en: string | null }[];
}> {
  const span = await ledger.db
    .selectFrom('entries')
    .select((eb) => [eb.fn.min('date').as('first'), eb.fn.max('date').as('last')])
    .where('kind', 'in', CASH_KINDS)
    .executeTakeFirst();
  const years = await ledger.db.selectFrom('allocations').select('year').distinct().orderBy('year').execute();
  const used = await ledger.db
    .selectFrom('entries as e')
    .select(['e.kind', 'e.category'])
    .distinct()
    .where('e.kind', 'in', ['income', 'expense'])
    .where('e.category', 'is not', null)
    .orderBy('e.kind')
    .orderBy('e.category')
    .execute();
  const names = new Map((await listCategories(ledger)).map((c) => [`${c.line}:${c.name}`, c.name_en]));
  return {
    firstDate: (span?.first as string | null) ?? null,
    lastDate: (span?.last as string | null) ?? null,
    feeYears: years.map((y) => y.year),
    categories: used.map((u) => ({ line: u.kind as 'income' | 'expense', name: u.category!, name_en: names.get(`${u.kind}:${u.category}`) ?? null })),
  };
}
