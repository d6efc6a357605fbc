/**
 * Recording a register entry from a use case: who, when, on which day, approved by whom,
 * appended to the journal in the command's transaction and applied to the projection the
 * command checked its rules against.
 */
import type { IsoDate } from '../domain/dates.js';
import type { NewRegisterEntry } from '../domain/entry-kinds.js';
import type { Projection } from '../domain/projection.js';
import { journalWriter } from '../db/journal.js';
import { appendRegister } from '../db/register-repo.js';
import { todayOf, type AppContext } from './context.js';

/** The stamp of an entry `by` records now, taking effect on `date` (today unless given). */
export const entryMeta = (ctx: AppContext, by: string, date?: IsoDate, approvedBy: string | null = null) => ({
  date: date ?? todayOf(ctx),
  recordedAt: ctx.now.toISOString(),
  recordedBy: by,
  approvedBy,
});

/** Appends register entries (inside the command's transaction); returns their seqs. */
export function record(ctx: AppContext, projection: Projection, entries: readonly NewRegisterEntry[]): number[] {
  return appendRegister(ctx.ledger, journalWriter(ctx.ledger), projection, entries);
}
