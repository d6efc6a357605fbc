import type { IsoDate } from '../domain/dates.js';
import type { LedgerDb } from './open-database.js';
import { listHouseholds, type HouseholdRow } from './households-repo.js';
import type { EntryRow } from './tables.js';

/** A vote (一事一议) by its id, e.g. `V2022-01`. */
export async function findVote(ledger: LedgerDb, id: string): Promise<EntryRow | undefined> {
  return ledger.db.selectFrom('entries').selectAll().where('kind', '=', 'vote').where('number', '=', id).executeTakeFirst();
}

/** Every vote, in the order they were opened. */
export async function listVoteEntries(ledger: LedgerDb): Promise<EntryRow[]> {
  return ledger.db.selectFrom('entries').selectAll().where('kind', '=', 'vote').orderBy('date').orderBy('seq').execute();
}

/** The entry that closed a vote (its `detail` is the frozen tally), if it is closed. */
export async function closeOfVote(ledger: LedgerDb, id: string): Promise<EntryRow | undefined> {
  return ledger.db.selectFrom('entries').selectAll().where('kind', '=', 'vote_close').where('vote', '=', id).executeTakeFirst();
}

/** Every ballot of a vote in recording order; a later one from the same owner replaces the earlier. */
export async function ballotsOf(ledger: LedgerDb, id: string): Promise<EntryRow[]> {
  return ledger.db.selectFrom('entries').selectAll().where('kind', '=', 'ballot').where('vote', '=', id).orderBy('seq').execute();
}

/**
 * What has been spent against a vote's budget: its expenses, less those voided (a void
 * copies the expense's `vote` and reverses its cash). With `through`, only entries dated
 * on or before that day.
 */
export async function spentAgainstVote(ledger: LedgerDb, id: string, through?: IsoDate): Promise<number> {
  let q = ledger.db
    .selectFrom('entries')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('cash_fen'), eb.lit(0)).as('cash'))
    .where('vote', '=', id)
    .where('kind', 'in', ['expense', 'void']);
  if (through) q = q.where('date', '<=', through);
  const row = await q.executeTakeFirstOrThrow();
  return -Number(row.cash);
}

/**
 * The property register as it stood on a day, for counting a vote: the units on the register
 * that day, each with its owner of record then.
 */
export async function registerAsOf(ledger: LedgerDb, asOf: IsoDate): Promise<HouseholdRow[]> {
  return listHouseholds(ledger, asOf);
}
