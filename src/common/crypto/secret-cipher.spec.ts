import { SecretCipher } from './secret-cipher';

describe('SecretCipher', () => {
  const cipher = new SecretCipher(Buffer.alloc(32, 1));

  it('round-trips a secret, with a fresh IV every time', () => {
    const first = cipher.encrypt('whsec_abc');
    const second = cipher.encrypt('whsec_abc');
    expect(first).not.toEqual(second);
    expect(first).not.toContain('whsec_abc');
    expect(cipher.decrypt(first)).toBe('whsec_abc');
    expect(cipher.decrypt(second)).toBe('whsec_abc');
  });

  it('refuses a value encrypted under another key', () => {
    const other = new SecretCipher(Buffer.alloc(32, 2));
    expect(() => cipher.decrypt(other.encrypt('whsec_abc'))).toThrow();
  });

  it('refuses a tampered value', () => {
    const [version, iv, tag, ciphertext] = cipher.encrypt('whsec_abc').split(':');
    const flipped = Buffer.from(ciphertext, 'base64');
    flipped[0] ^= 1;
    expect(() => cipher.decrypt([version, iv, tag, flipped.toString('base64')].join(':'))).toThrow();
    expect(() => cipher.decrypt('plain-text')).toThrow(/format/);
  });

  it('needs a 32-byte key', () => {
    expect(() => new SecretCipher(Buffer.alloc(16))).toThrow();
  });
});
