import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher, keyIdOf } from '../../src/privacy/index.ts';

const oldSecret = 'o'.repeat(40);
const newSecret = 'n'.repeat(40);

/** A value sealed as Linli sealed them before sealed values named their key. */
function sealedInFirstFormat(secret: string, plain: string): string {
  const key = Buffer.from(hkdfSync('sha256', Buffer.from(secret), Buffer.from('linli'), Buffer.from('field-encryption'), 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

describe('the field cipher and its key ring', () => {
  it('seals under the newest key, naming it, and opens values sealed under any key of the ring, the first format too', () => {
    const ring = createFieldCipher([newSecret, oldSecret]);
    const sealed = ring.encrypt('440106199001011233');
    expect(ring.sealedUnder(sealed)).toBe(keyIdOf(newSecret));
    expect(sealed).not.toContain('440106199001011233');
    expect(ring.decrypt(createFieldCipher(oldSecret).encrypt('13812345678'))).toBe('13812345678');
    expect(ring.decrypt(sealedInFirstFormat(oldSecret, '王芳'))).toBe('王芳');
    expect(createFieldCipher(oldSecret).decrypt(sealedInFirstFormat(oldSecret, '王芳'))).toBe('王芳');
  });

  it('refuses a value under a key the ring lacks, naming the key', () => {
    const sealed = createFieldCipher(oldSecret).encrypt('x');
    expect(() => createFieldCipher(newSecret).decrypt(sealed)).toThrow(keyIdOf(oldSecret));
    expect(() => createFieldCipher(newSecret).decrypt(sealedInFirstFormat(oldSecret, 'x'))).toThrow();
  });

  it('hashes under the newest key, and gives the hashes under every key for look-ups', () => {
    const ring = createFieldCipher([newSecret, oldSecret]);
    expect(ring.hash('id', '440106199001011233')).toBe(createFieldCipher(newSecret).hash('id', '440106199001011233'));
    expect(ring.hashes('phone', '13812345678')).toEqual([
      createFieldCipher(newSecret).hash('phone', '13812345678'),
      createFieldCipher(oldSecret).hash('phone', '13812345678'),
    ]);
    expect(ring.hash('id', '1')).not.toBe(ring.hash('phone', '1'));
    expect(keyIdOf(newSecret)).toMatch(/^[0-9a-f]{12}$/);
  });
});
