import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import Redis from 'ioredis';

/** The Redis settings under which queued deliveries survive a restart and are never evicted. */
export const REQUIRED_REDIS_SETTINGS = { aof_enabled: '1', maxmemory_policy: 'noeviction' } as const;

/** Parses `INFO` output into its fields. */
export function parseRedisInfo(info: string): Record<string, string> {
  return Object.fromEntries(
    info
      .split(/\r?\n/)
      .filter((line) => line.includes(':') && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );
}

/** The settings that differ from what production needs, as messages. */
export function redisSettingProblems(info: Record<string, string>): string[] {
  return Object.entries(REQUIRED_REDIS_SETTINGS)
    .filter(([field, wanted]) => info[field] !== wanted)
    .map(([field, wanted]) => `Redis ${field} is ${info[field] ?? 'unknown'}, production needs ${wanted}`);
}

/**
 * Warns at start when Redis could lose queued jobs (no AOF) or evict them (any policy but
 * noeviction). Postgres and the sweep still recover such losses, only later.
 */
@Injectable()
export class RedisSettingsCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Redis');

  constructor(@Inject(Redis) private readonly redis: Redis) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const info = parseRedisInfo(`${await this.redis.info('persistence')}\n${await this.redis.info('memory')}`);
      for (const problem of redisSettingProblems(info)) {
        this.logger.warn(`${problem}: jobs could be lost on restart or evicted (the sweep would requeue them late)`);
      }
    } catch (error) {
      this.logger.warn(`Could not check the Redis settings: ${(error as Error).message}`);
    }
  }
}
