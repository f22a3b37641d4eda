import type { AppConfig } from '../config/app-config';

export const MINUTE_MS = 60_000;

/** Where a limit's count of one tracker (client IP, conversation, tenant) lives in Redis. */
export function rateLimitKey(config: AppConfig, limitName: string, tracker: string): string {
  return `${config.redis.prefix}:rate:${limitName}:${tracker}`;
}
