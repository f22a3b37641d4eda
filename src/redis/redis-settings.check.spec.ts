import { parseRedisInfo, redisSettingProblems } from './redis-settings.check';

describe('Redis settings check', () => {
  const info = (aof: string, policy: string) =>
    parseRedisInfo(`# Persistence\r\naof_enabled:${aof}\r\nloading:0\r\n# Memory\r\nmaxmemory_policy:${policy}\r\n`);

  it('parses INFO fields', () => {
    expect(info('1', 'noeviction')).toEqual({ aof_enabled: '1', loading: '0', maxmemory_policy: 'noeviction' });
  });

  it('accepts AOF with noeviction', () => {
    expect(redisSettingProblems(info('1', 'noeviction'))).toEqual([]);
  });

  it('names each setting that could lose or evict jobs', () => {
    expect(redisSettingProblems(info('0', 'allkeys-lru'))).toEqual([
      'Redis aof_enabled is 0, production needs 1',
      'Redis maxmemory_policy is allkeys-lru, production needs noeviction',
    ]);
  });
});
