import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

type Listener = (key: string) => void;

/**
 * Tells every process of the service that a cached entry changed, over Redis pub/sub.
 * Caches keep a short TTL as well, so a message missed while Redis was away only delays.
 */
export class InvalidationBus {
  private readonly logger = new Logger(InvalidationBus.name);
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, Listener[]>();

  constructor(redisUrl: string, private readonly prefix: string) {
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false };
    this.publisher = new Redis(redisUrl, options);
    this.subscriber = new Redis(redisUrl, { ...options, enableOfflineQueue: true });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (error: Error) => this.logger.warn(`Redis: ${error.message}`));
    }
    this.subscriber.on('message', (channel: string, key: string) => {
      for (const listener of this.listeners.get(channel) ?? []) listener(key);
    });
  }

  /** Calls `listener` with the key of every invalidation published on `topic`, by any process. */
  subscribe(topic: string, listener: Listener): void {
    const channel = this.channel(topic);
    const existing = this.listeners.get(channel);
    if (existing) {
      existing.push(listener);
      return;
    }
    this.listeners.set(channel, [listener]);
    this.subscriber.subscribe(channel).catch((error: Error) => {
      this.logger.warn(`Could not subscribe to ${channel}: ${error.message}`);
    });
  }

  /** Best effort: the caches' TTL bounds staleness when Redis is unreachable. */
  async publish(topic: string, key: string): Promise<void> {
    const channel = this.channel(topic);
    for (const listener of this.listeners.get(channel) ?? []) listener(key);
    await this.publisher.publish(channel, key).catch((error: Error) => {
      this.logger.warn(`Could not publish an invalidation on ${channel}: ${error.message}`);
    });
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
    this.publisher.disconnect();
  }

  private channel(topic: string): string {
    return `${this.prefix}:invalidate:${topic}`;
  }
}
