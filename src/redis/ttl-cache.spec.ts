import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  let clock = 0;
  const now = () => clock;

  beforeEach(() => {
    clock = 1_000;
  });

  it('returns a value until its TTL runs out', () => {
    const cache = new TtlCache<string>(100, 10, now);
    cache.set('a', 'x');
    clock += 99;
    expect(cache.get('a')).toBe('x');
    clock += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('evicts the oldest entry when full', () => {
    const cache = new TtlCache<number>(1_000, 2, now);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    expect(cache.get('c')).toBe(3);
  });

  it('forgets deleted keys', () => {
    const cache = new TtlCache<number>(1_000, 2, now);
    cache.set('a', 1);
    cache.delete('a');
    expect(cache.get('a')).toBeUndefined();
  });
});
