import { Inject, Injectable } from '@nestjs/common';
import { normalizeIp, ThrottlerStorage } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { LocalFirstThrottlerStorage } from './local-first-throttler.storage';
import { MINUTE_MS, rateLimitKey } from './rate-limit-keys';
import { RateLimits } from './rate-limit.names';

/**
 * The widget's per-IP limit for a request answered before the guards run (the widget config's
 * fast path): counted locally when far below the limit, with the headers ClientRateLimitGuard
 * sets. Near the limit it counts nothing and says no: the request then takes the guards' way,
 * through Redis, and gets its 429 there.
 */
@Injectable()
export class WidgetIpLimit {
  constructor(
    @Inject(ThrottlerStorage) private readonly storage: ThrottlerStorage,
    private readonly config: AppConfig,
  ) {}

  admitLocally(request: Request, response: Response): boolean {
    if (!(this.storage instanceof LocalFirstThrottlerStorage) || request.ip === undefined) return false;
    const name = RateLimits.widgetPerIp;
    const limit = this.config.rateLimits.widgetPerIpPerMinute;
    const record = this.storage.admitLocally(rateLimitKey(this.config, name, normalizeIp(request.ip)), MINUTE_MS, limit, name);
    if (!record) return false;
    // As ThrottlerGuard sets them.
    response.setHeader(`X-RateLimit-Limit-${name}`, String(limit));
    response.setHeader(`X-RateLimit-Remaining-${name}`, String(Math.max(0, limit - record.totalHits)));
    response.setHeader(`X-RateLimit-Reset-${name}`, String(record.timeToExpire));
    return true;
  }
}
