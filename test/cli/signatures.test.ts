// People sign: every write needs the writer's passphrase (and the approver's where one
// approves), a wrong or missing one writes nothing, and verify checks every commit's
// signatures against the keys their signers held.
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { expectRefused, PASSPHRASE, TempLedger } from '../helpers/run-ledger.js';

const ledgers: TempLedger[] = [];
afterAll(() => {
  for (const l of ledgers) l.cleanup();
});
function fresh(): TempLedger {
  const l = TempLedger.standard();
  ledgers.push(l);
  l.ok(['--by', '张主任', 'household', 'add', '1-1-101', '--owner', '王五', '--area', '80']);
  l.ok(['--by', '张主任', 'bill', '2023']);
  l.ok(['--by', '李会计', 'collect', '1-1-101', '500', '--date', '2023-02-01']);
  return l;
}
const failing = (l: TempLedger) => {
  const r = l.run(['verify', '--json']);
  expect(r.code).toBe(1);
  return JSON.parse(r.stdout);
};

describe('a write needs its people’s passphrases', () => {
  it('a wrong passphrase is refused (exit 1) and writes nothing; none at all is exit 2', () => {
    const l = fresh();
    expectRefused(l, ['--by', '李会计', 'income', '10', '--category', '停车费'], 1, /^error: wrong passphrase for 李会计; nothing was recorded/, { LEDGER_PASSPHRASE: 'not-the-one-1' });
    expectRefused(l, ['--by', '李会计', 'income', '10', '--category', '停车费'], 2, /^error: 李会计's passphrase is needed: type it on a terminal, or set LEDGER_PASSPHRASE/, { LEDGER_PASSPHRASE: '' });
  });

  it('typing the chair’s name is not enough: someone else’s passphrase does not sign as the chair', () => {
    const l = fresh();
    // 李会计 knows only their own passphrase; the chair's key is sealed under another.
    l.ok(['--by', '张主任', 'key', 'reset', '李会计', '--approved-by', '赵监督'], { LEDGER_NEW_PASSPHRASE: 'li-own-passphrase' });
    expectRefused(l, ['--by', '张主任', 'role', 'add', '替身', 'chair'], 1, /^error: wrong passphrase for 张主任/, { LEDGER_PASSPHRASE: 'li-own-passphrase' });
    expect(l.ok(['--by', '李会计', 'collect', '1-1-101', '1'], { LEDGER_PASSPHRASE: 'li-own-passphrase' })).toMatch(/R2023-0002/);
  });

  it('an approval needs the approver’s passphrase', () => {
    const l = fresh();
    const spend = ['--by', '王出纳', 'spend', '100', '--category', '保洁', '--payee', 'x', '--item', 'y', '--approved-by', '张主任', '--date', '2023-03-01'];
    expectRefused(l, spend, 1, /^error: wrong passphrase for 张主任; nothing was recorded/, { LEDGER_APPROVER_PASSPHRASE: 'not-the-chairs' });
    l.ok(spend);
    const db = new BetterSqlite3(l.db, { readonly: true });
    const sigs = db.prepare("SELECT role, signer FROM signatures WHERE seq = (SELECT MAX(seq) FROM entries) ORDER BY role").all();
    db.close();
    expect(sigs).toEqual([{ role: 'approver', signer: '张主任' }, { role: 'recorder', signer: '王出纳' }]);
  });

  it('a void needs a second person: the chair or a supervisor approves it, and signs', () => {
    const l = fresh();
    expectRefused(l, ['--by', '李会计', 'void', 'R2023-0001', '--reason', 'x'], 2, /--approved-by/);
    expectRefused(l, ['--by', '李会计', 'void', 'R2023-0001', '--reason', 'x', '--approved-by', '李会计'], 1, /李会计 cannot approve their own record/);
    expectRefused(l, ['--by', '李会计', 'void', 'R2023-0001', '--reason', 'x', '--approved-by', '王出纳'], 1, /the approver 王出纳 is neither the chair nor a supervisor/);
    expectRefused(l, ['--by', '李会计', 'void', 'R2023-0001', '--reason', 'x', '--approved-by', '赵监督'], 1, /wrong passphrase for 赵监督/, { LEDGER_APPROVER_PASSPHRASE: 'not-zhaos-pass' });
    l.ok(['--by', '李会计', 'void', 'R2023-0001', '--reason', 'x', '--approved-by', '赵监督']);
    const db = new BetterSqlite3(l.db, { readonly: true });
    const sigs = db.prepare('SELECT role, signer FROM signatures WHERE seq = (SELECT MAX(seq) FROM entries) ORDER BY role').all();
    db.close();
    expect(sigs).toEqual([{ role: 'approver', signer: '赵监督' }, { role: 'recorder', signer: '李会计' }]);
    expect(l.json(['verify']).ok).toBe(true);
  });

  it('a passphrase chosen for a new key has at least 8 characters', () => {
    const l = fresh();
    expectRefused(l, ['--by', '张主任', 'role', 'add', '新人', 'supervisor'], 2, /^error: a passphrase has at least 8 characters/, { LEDGER_NEW_PASSPHRASE: 'short' });
  });
});

describe('verify checks the signatures', () => {
  it('passes, and gives the head as {seq, code}', () => {
    const l = fresh();
    const v = l.json(['verify']);
    expect(v.ok).toBe(true);
    expect(v.head.code).toBe(v.last_hash.slice(0, 16));
    expect(v.head.seq).toBe(v.entries);
    expect(v.recorded_before_signatures).toBe(0);
  });

  it('an approval signed with the recorder’s key is named', () => {
    const l = fresh();
    l.ok(['--by', '王出纳', 'spend', '100', '--category', '保洁', '--payee', 'x', '--item', 'y', '--approved-by', '张主任', '--date', '2023-03-01']);
    const db = new BetterSqlite3(l.db);
    const head = db.prepare('SELECT MAX(seq) FROM entries').pluck().get() as number;
    const rec = db.prepare("SELECT key_seq, signature FROM signatures WHERE seq = ? AND role = 'recorder'").get(head) as { key_seq: number; signature: string };
    db.exec('DROP TRIGGER signatures_no_delete');
    db.prepare("DELETE FROM signatures WHERE seq = ? AND role = 'approver'").run(head);
    db.prepare("INSERT INTO signatures (seq, role, signer, key_seq, signature) VALUES (?, 'approver', '张主任', ?, ?)").run(head, rec.key_seq, rec.signature);
    db.exec("CREATE TRIGGER signatures_no_delete BEFORE DELETE ON signatures\n  BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END");
    db.close();
    const v = failing(l);
    expect(v.problems.map((p: any) => p.text.en)).toContain(`entry ${head} (E2023-0001): the approver 张主任 signed with a key (entry ${rec.key_seq}) that is not theirs`);
  });

  it('a signature over a record changed afterwards (hash recomputed) is named', () => {
    const l = fresh();
    const db = new BetterSqlite3(l.db);
    const sig = db.prepare("SELECT seq FROM signatures WHERE signer = '李会计' ORDER BY seq DESC LIMIT 1").pluck().get() as number;
    // Replace the signature by one over some other hash: a forger without the key can do no better.
    const other = db.prepare('SELECT signature FROM signatures WHERE seq < ? ORDER BY seq DESC LIMIT 1').pluck().get(sig) as string;
    db.exec('DROP TRIGGER signatures_no_update');
    db.prepare("UPDATE signatures SET signature = ? WHERE seq = ? AND signer = '李会计'").run(other, sig);
    db.exec("CREATE TRIGGER signatures_no_update BEFORE UPDATE ON signatures\n  BEGIN SELECT RAISE(ABORT, 'signatures are append-only'); END");
    db.close();
    const v = failing(l);
    expect(v.problems[0].text.en).toMatch(/李会计's signature does not match — the records were changed after they were signed/);
  });

  it('key change: the old passphrase no longer signs, the new one does, and verify passes', () => {
    const l = fresh();
    l.ok(['--by', '李会计', 'key', 'change'], { LEDGER_NEW_PASSPHRASE: 'li-new-passphrase' });
    expectRefused(l, ['--by', '李会计', 'collect', '1-1-101', '1'], 1, /^error: wrong passphrase for 李会计/);
    l.ok(['--by', '李会计', 'collect', '1-1-101', '1'], { LEDGER_PASSPHRASE: 'li-new-passphrase' });
    const keys = l.json(['key', 'list']);
    expect(keys.map((k: any) => k.name)).toEqual(['张主任', '李会计', '王出纳', '赵监督']);
    expect(keys.every((k: any) => /^[0-9a-f]{16}$/.test(k.fingerprint))).toBe(true);
    expect(l.json(['verify']).ok).toBe(true);
    expect(PASSPHRASE.length).toBeGreaterThanOrEqual(8);
  });
});

describe('anchors on vouchers and refunds, and the clock', () => {
  it('spend --json and refund --json give their entry’s {seq, code}, which verify --expect accepts', () => {
    const l = fresh();
    l.ok(['--by', '李会计', 'collect', '1-1-101', '800', '--date', '2023-02-02']);
    const e = JSON.parse(l.ok(['--by', '王出纳', 'spend', '100', '--category', '保洁', '--payee', 'x', '--item', 'y', '--approved-by', '张主任', '--date', '2023-03-01', '--json']));
    const r = JSON.parse(l.ok(['--by', '李会计', 'refund', '1-1-101', '200', '--reason', '多交', '--approved-by', '赵监督', '--date', '2023-03-02', '--json']));
    expect(e.code).toMatch(/^[0-9a-f]{16}$/);
    expect(r.seq).toBe(e.seq + 1);
    expect(r.credit_fen).toBe(60000);
    expect(l.ok(['--by', '王出纳', 'spend', '1', '--category', '保洁', '--payee', 'x', '--item', 'y', '--approved-by', '张主任', '--date', '2023-03-01'])).toMatch(/entry \d+ · check code [0-9a-f]{16}/);
    const v = JSON.parse(l.ok(['verify', '--json', '--expect', `${e.seq}:${e.code}`, '--expect', `${r.seq}:${r.code}`]));
    expect(v.ok).toBe(true);
  });

  it('verify reports an entry recorded at a time before the one ahead of it (a wrong clock), without failing', () => {
    const l = fresh();
    expect(JSON.parse(l.ok(['verify', '--json'])).warnings).toEqual([]);
    l.ok(['--by', '李会计', 'collect', '1-1-101', '1', '--date', '2023-02-01'], { LEDGER_NOW: '2023-07-15T09:00:00+08:00' });
    const v = JSON.parse(l.ok(['verify', '--json']));
    expect(v.ok).toBe(true);
    expect(v.warnings.map((w: { en: string }) => w.en)).toEqual([expect.stringMatching(/^1 entries were recorded at a time before the entry ahead of them .*#\d+ 2023-07-15T01:00:00.000Z < 2023-07-15T02/)]);
  });
});
