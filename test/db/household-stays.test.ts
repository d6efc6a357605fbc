/**
 * The units' stays read without the register (db/register-repo.ts `householdStays`): from the
 * entries schema/0011's index holds alone, they must be the stays the whole register folds to.
 */
import { describe, expect, it } from 'vitest';
import { journalWriter } from '../../src/db/journal.js';
import { appendRegister, householdStays, loadProjection, type Stay } from '../../src/db/register-repo.js';
import type { NewRegisterEntry } from '../../src/domain/entry-kinds.js';
import { Projection } from '../../src/domain/projection.js';
import { memoryLedger } from '../helpers/memory-ledger.js';

describe('householdStays', () => {
  it('gives the stays the register folds to: move-in days, ends, and units from before the ledger', async () => {
    const { ledger } = await memoryLedger();
    const at = (date: string) => ({ date, recordedAt: '2023-07-15T02:00:00.000Z', recordedBy: '张主任', approvedBy: null });
    const unit = (date: string, code: string, since: string | null): NewRegisterEntry => ({ ...at(date), kind: 'household', code, owner: `业主${code}`, ownerId: null, areaCenti: 8000, phone: null, since });
    const end = (date: string, code: string): NewRegisterEntry => ({ ...at(date), kind: 'household_end', code, reason: '拆除' });
    const entries: NewRegisterEntry[] = [
      unit('2023-01-01', '1-101', null), // from before the ledger, still here: neither day
      unit('2023-01-01', '1-102', null),
      end('2023-05-31', '1-102'), // from before the ledger, ended: no move-in day
      unit('2023-03-10', '1-103', '2023-03-10'), // moved in, still here
      unit('2023-03-12', '1-104', '2023-03-12'),
      end('2023-06-30', '1-104'), // moved in, then ended
      { ...at('2023-04-01'), kind: 'transfer', code: '1-104', owner: '新业主', ownerId: null, phone: null, note: null },
    ];
    (ledger.sqlite!.transaction(() => appendRegister(ledger, journalWriter(ledger), new Projection(), entries)))();

    // No current projection: read from the dated units' entries alone.
    const read = await householdStays(ledger);
    const byCode = (s: { dated: Stay[] }) => [...s.dated].sort((a, b) => a.code.localeCompare(b.code));
    expect(read.registered).toBe(4);
    expect(byCode(read)).toEqual([
      { code: '1-102', since: null, ended: '2023-05-31' },
      { code: '1-103', since: '2023-03-10', ended: null },
      { code: '1-104', since: '2023-03-12', ended: '2023-06-30' },
    ]);

    // The same as the whole register folds them (and as householdStays gives once it is loaded).
    const full = (await loadProjection(ledger)).householdList();
    expect(full.length).toBe(read.registered);
    expect(byCode(read)).toEqual(full.filter((h) => h.since !== null || h.ended !== null).map((h) => ({ code: h.code, since: h.since, ended: h.ended })).sort((a, b) => a.code.localeCompare(b.code)));
    const cached = await householdStays(ledger);
    expect(byCode(cached).map((h) => ({ code: h.code, since: h.since, ended: h.ended }))).toEqual(byCode(read));
  });
});
