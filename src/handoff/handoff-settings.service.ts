import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ChannelSettings } from '../channels/delivery-channel';
import { generateWebhookSecret } from '../channels/webhook/webhook-signature';
import { WebhookTargetPolicy } from '../channels/webhook-target/webhook-target-policy';
import { SecretCipher } from '../common/crypto/secret-cipher';
import { AppError } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { InvalidationBus } from '../redis/invalidation-bus';
import { TtlCache } from '../redis/ttl-cache';
import { TenantsService } from '../tenants/tenants.service';
import { HandoffSettingsDto, UpdateHandoffSettingsDto } from './dto/handoff-settings.dto';
import { HandoffSettings } from './entities/handoff-settings.entity';

/** Bounds staleness of the channel settings cache when an invalidation message is missed. */
const CHANNEL_SETTINGS_CACHE_TTL_MS = 30_000;
const SETTINGS_CHANGED = 'handoff-settings';

@Injectable()
export class HandoffSettingsService {
  /**
   * Tenant id → its settings row (null: none), for the paths that read it on every handoff and
   * every delivery (the 412 guard, recording a handoff, the worker). Every change is published
   * so every process drops its copy at once, like the widget-key cache.
   */
  private readonly channelCache = new TtlCache<HandoffSettings | null>(CHANNEL_SETTINGS_CACHE_TTL_MS);
  /** Bumped on every invalidation: a read that started before one is not cached. */
  private generation = 0;

  constructor(
    @InjectRepository(HandoffSettings) private readonly settings: Repository<HandoffSettings>,
    private readonly tenants: TenantsService,
    private readonly webhookPolicy: WebhookTargetPolicy,
    private readonly cipher: SecretCipher,
    private readonly bus: InvalidationBus,
  ) {
    this.bus.subscribe(SETTINGS_CHANGED, (tenantId) => {
      this.generation += 1;
      this.channelCache.delete(tenantId);
    });
  }

  async get(tenantId: string): Promise<HandoffSettingsDto> {
    const [tenant, settings] = await Promise.all([this.tenants.getById(tenantId), this.find(tenantId)]);
    return {
      enabled: tenant.handoffEnabled,
      entitled: tenant.handoffEntitled,
      email: settings?.email ?? null,
      webhookUrl: settings?.webhookUrl ?? null,
      webhookSecretSet: Boolean(settings?.webhookSecretEncrypted),
      webhookSecretCreatedAt: settings?.webhookSecretCreatedAt ?? null,
    };
  }

  /** Applies the fields present; null clears a channel. Nothing is saved if any field is refused. */
  async update(tenantId: string, changes: UpdateHandoffSettingsDto): Promise<HandoffSettingsDto> {
    const tenant = await this.tenants.getById(tenantId);
    if (changes.enabled === true && !tenant.handoffEntitled) {
      throw new AppError(
        HttpStatus.FORBIDDEN,
        ErrorCode.HandoffNotEntitled,
        'Handoff is not included in your plan yet: contact Wilow to enable it.',
      );
    }
    const channelChanges: Partial<HandoffSettings> = {};
    if (changes.email !== undefined) channelChanges.email = changes.email;
    if (changes.webhookUrl !== undefined) channelChanges.webhookUrl = await this.vetWebhookUrl(changes.webhookUrl);
    if (Object.keys(channelChanges).length > 0) {
      await this.settings.upsert({ tenantId, ...channelChanges }, ['tenantId']);
      await this.bus.publish(SETTINGS_CHANGED, tenantId);
    }
    if (changes.enabled !== undefined) await this.tenants.setHandoffEnabled(tenantId, changes.enabled);
    return this.get(tenantId);
  }

  /** Creates or replaces the signing secret; this is the only time it is shown. */
  async regenerateWebhookSecret(tenantId: string): Promise<string> {
    const secret = generateWebhookSecret();
    await this.settings.upsert(
      { tenantId, webhookSecretEncrypted: this.cipher.encrypt(secret), webhookSecretCreatedAt: new Date() },
      ['tenantId'],
    );
    await this.bus.publish(SETTINGS_CHANGED, tenantId);
    return secret;
  }

  /** What the channels need to deliver, with the secret decrypted. */
  async channelSettings(tenantId: string): Promise<ChannelSettings> {
    const settings = await this.findCached(tenantId);
    const encrypted = settings?.webhookSecretEncrypted;
    return {
      email: settings?.email ?? null,
      webhookUrl: settings?.webhookUrl ?? null,
      webhookSecret: encrypted ? this.cipher.decrypt(encrypted) : null,
    };
  }

  private find(tenantId: string): Promise<HandoffSettings | null> {
    return this.settings.findOne({ where: { tenantId } });
  }

  /** The secret stays encrypted in the cache; it is decrypted per use, as before. */
  private async findCached(tenantId: string): Promise<HandoffSettings | null> {
    const cached = this.channelCache.get(tenantId);
    if (cached !== undefined) return cached;
    const generation = this.generation;
    const settings = await this.find(tenantId);
    if (generation === this.generation) this.channelCache.set(tenantId, settings);
    return settings;
  }

  private async vetWebhookUrl(url: string | null): Promise<string | null> {
    return url === null ? null : (await this.webhookPolicy.vetUrl(url)).url.href;
  }
}
