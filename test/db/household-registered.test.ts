/**
 * Whether an import's rows name registered households (db/import-keys.ts `householdExists`):
 * asked one by one at first, then from the whole register's codes read at once. Either way the
 * answer is the register's, for units registered, ended, and never registered.
 */
import { describe, expect, it } from 'vitest';
import { householdExists } from '../../src/db/import-keys.js';
import { journalWriter } from '../../src/db/journal.js';
import { appendRegister } from '../../src/db/register-repo.js';
import type { NewRegisterEntry } from '../../src/domain/entry-kinds.js';
import { Projection } from '../../src/domain/projection.js';
import { memoryLedger } from '../helpers/memory-ledger.js';

describe('householdExists', () => {
  it('answers as the register does, before and after it reads every code at once', async () => {
    const { ledger } = await memoryLedger();
    const at = { date: '2023-01-01', recordedAt: '2023-07-15T02:00:00.000Z', recordedBy: '张主任', approvedBy: null };
    const codes = Array.from({ length: 1500 }, (_, i) => `${1 + Math.floor(i / 100)}-${101 + (i % 100)}`);
    const entries: NewRegisterEntry[] = codes.map((code) => ({ ...at, kind: 'household', code, owner: `业主${code}`, ownerId: null, areaCenti: 8000, phone: null, since: null }));
    entries.push({ ...at, date: '2023-06-30', kind: 'household_end', code: codes[7]!, reason: '拆除' });
    (ledger.sqlite!.transaction(() => appendRegister(ledger, journalWriter(ledger), new Projection(), entries)))();

    const registered = await householdExists(ledger);
    // Every code asked twice, with a code never registered after each: 3,000 lookups and more.
    const asked = codes.flatMap((code, i) => [code, `X-${i}`, code]);
    const answers = asked.map((code) => registered(code));
    expect(answers).toEqual(asked.map((code) => !code.startsWith('X-')));
    // An ended unit was registered (its past collections may still come in).
    expect(registered(codes[7]!)).toBe(true);
    expect(registered('')).toBe(false);
  });
});
