import { generateToken, secretsEqual, sha256Hex } from './tokens';

describe('tokens', () => {
  it('generates prefixed tokens with at least 256 bits of randomness by default', () => {
    const token = generateToken('wak_');
    expect(token).toMatch(/^wak_[A-Za-z0-9_-]{43}$/);
    expect(generateToken('wak_')).not.toEqual(token);
  });

  it('hashes to a stable hex digest', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares secrets of different lengths without throwing', () => {
    expect(secretsEqual('same', 'same')).toBe(true);
    expect(secretsEqual('same', 'same-but-longer')).toBe(false);
    expect(secretsEqual('', 'x')).toBe(false);
  });
});
