/**
 * The signing key set deriving before the CLI loads (src/cli/early-key.ts, run by bin/ledger.js):
 * started only for a write at the gate whose passphrase is in the environment and whose person
 * has a key in the ledger file; taken by the command only when it fits the key it signs with;
 * and a command with a wrong passphrase is refused exactly as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import BetterSqlite3 from 'better-sqlite3';
import { newKey, unsealInBackground, type KeyDerivation } from '../../src/app/keys.js';
import { APPROVED_COMMANDS, EARLY_KEY_COMMANDS, startKeyDerivations } from '../../src/cli/early-key.js';
import { RuleError } from '../../src/domain/errors.js';
import { main } from '../../src/cli/main.js';
import { PASSPHRASE, TempLedger } from '../helpers/run-ledger.js';

const l = TempLedger.standard();
afterAll(() => l.cleanup());
const env = { LEDGER_PASSPHRASE: PASSPHRASE } as NodeJS.ProcessEnv;
const withApprover = { ...env, LEDGER_APPROVER_PASSPHRASE: PASSPHRASE } as NodeJS.ProcessEnv;
const startKeyDerivation = (argv: string[], e: NodeJS.ProcessEnv) => startKeyDerivations(argv, e).keyDerivation;
const sealedOf = (person: string) => {
  const db = new BetterSqlite3(l.db, { readonly: true });
  try {
    const row = db.prepare("SELECT detail FROM entries WHERE kind = 'key' AND party = ? ORDER BY seq DESC LIMIT 1").get(person) as { detail: string };
    return JSON.parse(row.detail).sealed;
  } finally {
    db.close();
  }
};

describe('startKeyDerivation', () => {
  it('starts the --by person’s key for a write at the gate, and that derivation opens their key', async () => {
    const d = startKeyDerivation(['--db', l.db, '--by', '李会计', 'collect', '1-101', '500'], env);
    expect(d).toBeDefined();
    expect(d!.salt).toBe(sealedOf('李会计').salt);
    // The command takes it and derives nothing more.
    const scrypt = vi.spyOn(crypto, 'scrypt');
    try {
      await expect(unsealInBackground(sealedOf('李会计'), PASSPHRASE, '李会计', d)).resolves.toBeDefined();
      expect(scrypt).not.toHaveBeenCalled();
    } finally {
      scrypt.mockRestore();
    }
  });

  it('starts nothing where it has no business or nothing to start', () => {
    const at = (argv: string[], e: NodeJS.ProcessEnv = env) => startKeyDerivation(argv, e);
    expect(at(['--db', l.db, '--by', '李会计', 'collect', '1-101', '500'], {})).toBeUndefined(); // the passphrase is asked for
    expect(at(['--db', l.db, '--by', '李会计', 'status'])).toBeUndefined(); // a read
    expect(at(['--db', l.db, '--by', '李会计', 'collect', '--help'])).toBeUndefined();
    expect(at(['--db', l.db, 'collect', '1-101', '500'])).toBeUndefined(); // nobody
    expect(at(['--db', l.db, '--by', '不认识', 'collect', '1-101', '500'])).toBeUndefined(); // no key
    expect(at(['--db', path.join(l.dir, 'none.db'), '--by', '李会计', 'collect', '1-101', '500'])).toBeUndefined();
    expect(fs.existsSync(path.join(l.dir, 'none.db'))).toBe(false); // and nothing created
    expect(at(['--db', 'postgres://nobody@127.0.0.1:1/none', '--by', '李会计', 'collect', '1-101', '500'])).toBeUndefined();
    fs.writeFileSync(path.join(l.dir, 'not-a-ledger.db'), 'hello');
    expect(at(['--db', path.join(l.dir, 'not-a-ledger.db'), '--by', '李会计', 'collect', '1-101', '500'])).toBeUndefined();
  });

  it('is for commands that write and sign as the --by person', () => {
    for (const command of EARLY_KEY_COMMANDS) {
      const source = fs.readFileSync(path.join(__dirname, `../../src/cli/commands/${command}.ts`), 'utf8');
      expect(source, command).toMatch(/cli\.app\(\{ write: true \}\)/);
    }
    // And the approver's, for those of them that name one.
    for (const command of APPROVED_COMMANDS) {
      expect(EARLY_KEY_COMMANDS, command).toContain(command);
      const source = fs.readFileSync(path.join(__dirname, `../../src/cli/commands/${command}.ts`), 'utf8');
      expect(source, command).toMatch(/'--approved-by <name>'/);
    }
  });
});

describe('the approver’s key, started early', () => {
  it('starts with the recorder’s, for a command naming an approver whose passphrase is in the environment', async () => {
    for (const approvedBy of [['--approved-by', '赵监督'], ['--approved-by=赵监督']]) {
      const started = startKeyDerivations(['--db', l.db, '--by', '王出纳', 'spend', '100', '--category', '保洁', ...approvedBy], withApprover);
      expect(started.keyDerivation?.salt).toBe(sealedOf('王出纳').salt);
      expect(started.approver?.person).toBe('赵监督');
      expect(started.approver?.derivation.salt).toBe(sealedOf('赵监督').salt);
      await expect(unsealInBackground(sealedOf('赵监督'), PASSPHRASE, '赵监督', started.approver!.derivation)).resolves.toBeDefined();
    }
  });

  it('leaves the command no key to derive itself: both are taken from what was started', async () => {
    l.ok(['--by', '张主任', 'household', 'add', '1-103', '--owner', '业主丙', '--area', '80']);
    l.ok(['--by', '李会计', 'collect', '1-103', '500']);
    const argv = ['--db', l.db, '--by', '王出纳', 'spend', '50', '--category', '保洁', '--payee', '保洁公司', '--item', '门厅', '--approved-by', '赵监督'];
    const started = startKeyDerivations(argv, withApprover);
    await Promise.all([started.keyDerivation!.derived, started.approver!.derivation.derived]);
    const scrypt = vi.spyOn(crypto, 'scrypt');
    const scryptSync = vi.spyOn(crypto, 'scryptSync');
    try {
      let stderr = '';
      const code = await main(argv, withApprover, { stdout: () => {}, stderr: (s) => void (stderr += s), stderrIsTty: false }, new Date(), started);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(scrypt).not.toHaveBeenCalled();
      expect(scryptSync).not.toHaveBeenCalled();
    } finally {
      scrypt.mockRestore();
      scryptSync.mockRestore();
    }
    expect(l.json(['verify'])).toMatchObject({ ok: true, problems: [] });
  });

  it('starts nothing for an approver where it has no business', () => {
    const approver = (argv: string[], e: NodeJS.ProcessEnv = withApprover) => startKeyDerivations(['--db', l.db, '--by', '王出纳', ...argv], e).approver;
    expect(approver(['spend', '100', '--approved-by', '赵监督'], env)).toBeUndefined(); // the approver's passphrase is asked for
    expect(approver(['spend', '100', '--approved-by', '王出纳'])).toBeUndefined(); // approving one's own record is refused
    expect(approver(['collect', '1-101', '500', '--approved-by', '赵监督'])).toBeUndefined(); // nobody approves a collection
    expect(approver(['spend', '100', '--', '--approved-by', '赵监督'])).toBeUndefined(); // an argument, not the option
    expect(approver(['spend', '100', '--approved-by', '不认识'])).toBeUndefined(); // no key
    expect(approver(['spend', '100'])).toBeUndefined();
    // Without the recorder's passphrase, the approver's alone still starts.
    expect(startKeyDerivations(['--db', l.db, '--by', '王出纳', 'spend', '100', '--approved-by', '赵监督'], { LEDGER_APPROVER_PASSPHRASE: PASSPHRASE }).approver?.person).toBe('赵监督');
  });
});

describe('a derivation started early', () => {
  const k = newKey('right passphrase');
  const other = newKey('right passphrase');

  it('is taken only when it fits: another salt, or another passphrase, derives afresh', async () => {
    const started: KeyDerivation = { passphrase: 'right passphrase', salt: other.sealed.salt, N: other.sealed.N, r: other.sealed.r, p: other.sealed.p, derived: Promise.resolve(Buffer.alloc(32)) };
    // A derivation of another key's salt is not taken: the right key still opens.
    await expect(unsealInBackground(k.sealed, 'right passphrase', '李秀英', started)).resolves.toBeDefined();
    // Nor one of this salt under another passphrase: the key given the right one still opens.
    const otherPassphrase = { ...started, salt: k.sealed.salt, passphrase: 'wrong passphrase' };
    await expect(unsealInBackground(k.sealed, 'right passphrase', '李秀英', otherPassphrase)).resolves.toBeDefined();
  });

  it('that gives the wrong key is refused as a wrong passphrase', async () => {
    const bad: KeyDerivation = { passphrase: 'right passphrase', salt: k.sealed.salt, N: k.sealed.N, r: k.sealed.r, p: k.sealed.p, derived: Promise.resolve(Buffer.alloc(32)) };
    const refused = await unsealInBackground(k.sealed, 'right passphrase', '李秀英', bad).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RuleError);
    expect((refused as RuleError).text.en).toBe('wrong passphrase for 李秀英; nothing was recorded');
  });
});

describe('the built CLI', () => {
  it('starts the derivation from bin/ledger.js, before the bundle loads', () => {
    const { startEarly } = require('../../bin/load-bundle.js') as { startEarly: (argv: string[]) => { keyDerivation?: KeyDerivation } };
    const saved = process.env.LEDGER_PASSPHRASE;
    process.env.LEDGER_PASSPHRASE = PASSPHRASE;
    try {
      const started = startEarly(['--db', l.db, '--by', '李会计', 'collect', '1-101', '500']);
      expect(started.keyDerivation?.salt).toBe(sealedOf('李会计').salt);
    } finally {
      if (saved === undefined) delete process.env.LEDGER_PASSPHRASE;
      else process.env.LEDGER_PASSPHRASE = saved;
    }
  });

  it('records a collection signed with it, and refuses a wrong passphrase as before, writing nothing', () => {
    l.ok(['--by', '张主任', 'household', 'add', '1-101', '--owner', '业主甲', '--area', '80']);
    const before = l.snapshot();
    const bad = l.run(['--by', '李会计', 'collect', '1-101', '500'], { LEDGER_PASSPHRASE: 'not the passphrase' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: wrong passphrase for 李会计; nothing was recorded\n');
    expect(l.snapshot()).toBe(before);
    const done = l.json(['--by', '李会计', 'collect', '1-101', '500']);
    expect(done.amount_fen).toBe(50000);
    const v = l.json(['verify']);
    expect(v).toMatchObject({ ok: true, problems: [] });
    expect(v.head.seq).toBe(done.seq);
  });

  it('records an expense signed by both keys started early, and refuses a wrong approver’s passphrase as before, writing nothing', () => {
    l.ok(['--by', '张主任', 'household', 'add', '1-102', '--owner', '业主乙', '--area', '80']);
    l.ok(['--by', '李会计', 'collect', '1-102', '500']);
    const spend = ['--by', '王出纳', 'spend', '100', '--category', '保洁', '--payee', '保洁公司', '--item', '三月保洁', '--approved-by', '赵监督'];
    const before = l.snapshot();
    const bad = l.run(spend, { LEDGER_APPROVER_PASSPHRASE: 'not the passphrase' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('error: wrong passphrase for 赵监督; nothing was recorded\n');
    expect(l.snapshot()).toBe(before);
    const done = l.json(spend);
    expect(done).toMatchObject({ amount_fen: 10000, approved_by: '赵监督', by: '王出纳' });
    const v = l.json(['verify']);
    expect(v).toMatchObject({ ok: true, problems: [] });
    expect(v.head.seq).toBe(done.seq);
  });
});
