/**
 * A sealed key opens the same way on the thread pool (the commit's key opened ahead, while the
 * command works) as in line: the same private key for the right passphrase, the same refusal
 * (exit 1, nothing recorded) for a wrong one.
 */
import { describe, expect, it } from 'vitest';
import { newKey, signHash, signatureValid, unseal, unsealInBackground } from '../../src/app/keys.js';
import { RuleError } from '../../src/domain/errors.js';

describe('unsealInBackground: unseal, with scrypt off the main thread', () => {
  const k = newKey('right passphrase');
  const hash = 'ab'.repeat(32);

  it('opens the key that unseal opens, and its signature verifies', async () => {
    const inLine = unseal(k.sealed, 'right passphrase', '李秀英');
    const background = await unsealInBackground(k.sealed, 'right passphrase', '李秀英');
    expect(background.export({ type: 'pkcs8', format: 'der' })).toEqual(inLine.export({ type: 'pkcs8', format: 'der' }));
    expect(signatureValid(k.publicKey, hash, signHash(background, hash))).toBe(true);
  });

  it('refuses a wrong passphrase as unseal does, naming the person', async () => {
    expect(() => unseal(k.sealed, 'wrong passphrase', '李秀英')).toThrow(RuleError);
    const refused = await unsealInBackground(k.sealed, 'wrong passphrase', '李秀英').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RuleError);
    expect((refused as RuleError).exitCode).toBe(1);
    expect((refused as RuleError).text.en).toBe('wrong passphrase for 李秀英; nothing was recorded');
  });

  it('takes the passphrase as unseal does: the same text in another Unicode form opens it', async () => {
    const decomposed = newKey('caf\u00e9 passphrase');
    await expect(unsealInBackground(decomposed.sealed, 'cafe\u0301 passphrase', '王建国')).resolves.toBeDefined();
  });
});
