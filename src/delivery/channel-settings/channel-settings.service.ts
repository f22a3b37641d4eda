import { HttpStatus, Injectable } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Repository } from 'typeorm';
import { ChannelRegistry } from '../../channels/channel-registry';
import { ChannelConfig, DeliveryChannel, DeliveryTopic, PREVIOUS_SECRETS, RetiringSecret } from '../../channels/delivery-channel';
import { SecretCipher } from '../../common/crypto/secret-cipher';
import { AppError, notFound } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-code';
import { describeSecretBindings, SettingField } from '../../channels/setting-field';
import { validationFailed } from '../../common/errors/validation.pipe';
import { InvalidationBus } from '../../redis/invalidation-bus';
import { ChannelSetting, PreviousSecret, StoredSecret } from '../entities/channel-setting.entity';
import { DeliveryQueue } from '../queue/delivery-queue';
import { AppConfig } from '../../config/app-config';
import { ChannelHealthRepository } from '../channel-health/channel-health.repository';
import { ChannelHealth } from '../entities/channel-health.entity';
import { channelProblem } from './channel-problem';
import { chosenMode, fieldsOfOtherModes } from './setting-modes';

/** Bounds staleness of the settings cache when an invalidation message is missed. */
const CACHE_TTL_MS = 30_000;
const SETTINGS_CHANGED = 'channel-settings';
const HOUR_MS = 3_600_000;

/** A channel of a tenant as admins see it: never a secret, only whether each is set and since when. */
export interface ChannelView {
  channel: DeliveryChannel;
  configured: boolean;
  problem: string | null;
  settings: Record<string, unknown>;
  secrets: { name: string; set: boolean; createdAt: Date | null; previousExpiresAt: Date | null }[];
  /** Set after CHANNEL_FAILURE_NOTICE_AFTER deliveries in a row failed on it; null while healthy. */
  failing: ChannelFailing | null;
}

export interface ChannelFailing {
  since: Date;
  consecutiveFailures: number;
  lastError: string;
}

/** What a delivery needs: the decrypted settings, or why the channel cannot deliver now. */
export type DeliveryConfig = { config: ChannelConfig; problem?: undefined } | { problem: string };

/**
 * Every tenant's settings of every channel: validated by the channel's own DTO and rules when
 * saved, secrets encrypted one by one, and cached per tenant (with cross-process invalidation)
 * for the paths that read them on every handoff and delivery.
 */
@Injectable()
export class ChannelSettingsService {
  /**
   * Tenant id → its rows. Concurrent misses share one query; a read under way when the tenant's
   * settings change answers its caller but is not kept.
   */
  private readonly cache = new LRUCache<string, ChannelSetting[]>({
    max: 10_000,
    ttl: CACHE_TTL_MS,
    ignoreFetchAbort: true,
    fetchMethod: (tenantId) => this.rows.find({ where: { tenantId } }),
  });

  constructor(
    @InjectRepository(ChannelSetting) private readonly rows: Repository<ChannelSetting>,
    private readonly registry: ChannelRegistry,
    private readonly cipher: SecretCipher,
    private readonly bus: InvalidationBus,
    private readonly queue: DeliveryQueue,
    private readonly health: ChannelHealthRepository,
    private readonly config: AppConfig,
  ) {
    this.bus.subscribe(SETTINGS_CHANGED, (tenantId) => this.cache.delete(tenantId));
  }

  /** Every available channel, configured or not, in registration order. */
  async list(tenantId: string): Promise<ChannelView[]> {
    const [rows, health] = await Promise.all([this.rowsOf(tenantId), this.health.ofTenant(tenantId)]);
    return this.registry.all().map((channel) => this.toView(channel, rows, health));
  }

  async view(tenantId: string, channelName: string): Promise<ChannelView> {
    const channel = this.channel(channelName);
    const [rows, health] = await Promise.all([this.rowsOf(tenantId), this.health.ofTenant(tenantId)]);
    return this.toView(channel, rows, health);
  }

  /** The names of the channels a handoff made now would be delivered through. Decrypts nothing. */
  async configuredChannels(tenantId: string): Promise<DeliveryChannel[]> {
    const rows = await this.rowsOf(tenantId);
    return this.registry.all().filter((channel) => channelProblem(channel, rows.find((row) => row.channel === channel.name)) === null);
  }

  /**
   * Whether the tenant's settings of the channel take deliveries of this topic now (a webhook
   * subscribed to some events only): ask before making a delivery of a handoff's later life.
   */
  async takes(tenantId: string, channel: DeliveryChannel, topic: DeliveryTopic): Promise<boolean> {
    return channel.takes(topic, await this.savedSettings(tenantId, channel.name));
  }

  /** The tenant's non-secret settings of a channel as saved (empty when none): what decides its modes and subscriptions. */
  async savedSettings(tenantId: string, channelName: string): Promise<Record<string, unknown>> {
    return (await this.rowsOf(tenantId)).find((candidate) => candidate.channel === channelName)?.settings ?? {};
  }

  /**
   * Replaces the channel's settings with `body`, validated by its DTO and prepared by its rules.
   * Secrets are write-only: one left out keeps its stored value; generated ones are never sent in.
   */
  async put(tenantId: string, channelName: string, body: object): Promise<ChannelView> {
    const channel = this.channel(channelName);
    const existing = await this.findRow(tenantId, channel.name);
    const settings = await channel.prepare(await this.validated(channel, body, existing));
    refuseReaimedSecrets(channel, body, settings, existing);
    const forgotten = fieldsOfOtherModes(channel.fields, modeOf(channel, settings, existing));
    const secretFields = new Set(channel.fields.filter((field) => field.secret).map((field) => field.name));
    const values = Object.entries(settings as Record<string, unknown>).filter(([name, value]) => value !== undefined && !forgotten.has(name));
    const now = new Date().toISOString();
    // A save in one mode forgets the other modes' secrets: a Slack app replaces the webhook URL.
    const secrets = Object.fromEntries(Object.entries({ ...existing?.secrets }).filter(([name]) => !forgotten.has(name)));
    for (const [name, value] of values.filter(([name]) => secretFields.has(name))) {
      secrets[name] = { encrypted: this.cipher.encrypt(String(value)), createdAt: now };
    }
    await this.save(tenantId, channel.name, Object.fromEntries(values.filter(([name]) => !secretFields.has(name))), secrets);
    return this.view(tenantId, channel.name);
  }

  /** Forgets the channel's settings and secrets: it delivers nothing until set up again. */
  async clear(tenantId: string, channelName: string): Promise<void> {
    const channel = this.channel(channelName);
    await this.rows.delete({ tenantId, channel: channel.name });
    await this.health.forget(tenantId, channel.name);
    await this.bus.publish(SETTINGS_CHANGED, tenantId);
  }

  /** Forgets the non-secret settings and keeps the secrets (the old PATCH's `null`). */
  async clearSettings(tenantId: string, channelName: string): Promise<void> {
    const channel = this.channel(channelName);
    const existing = await this.findRow(tenantId, channel.name);
    if (existing) await this.save(tenantId, channel.name, {}, existing.secrets);
  }

  /**
   * Creates or replaces the channel's generated secret; this is the only time it is shown. With
   * `overlapHours`, the secret it replaces keeps signing beside it for that long, then is deleted;
   * whatever previous secret an earlier rotation left is forgotten at once (two secrets at most).
   */
  async generateSecret(tenantId: string, channelName: string, overlapHours = 0): Promise<string> {
    const channel = this.channel(channelName);
    const [name] = channel.generatedSecrets;
    if (name === undefined) throw notFound(`A generated secret of the ${channel.name} channel`);
    const secret = channel.generateSecret(name);
    const now = new Date();
    const expiresAt = await this.rows.manager.transaction(async (manager) => {
      const existing = await manager.findOne(ChannelSetting, { where: { tenantId, channel: channel.name }, lock: { mode: 'pessimistic_write' } });
      const replaced = existing?.secrets[name];
      const previous: PreviousSecret | null = replaced && overlapHours > 0 ? { name, ...replaced } : null;
      const row = Object.assign(new ChannelSetting(), {
        tenantId,
        channel: channel.name,
        settings: existing?.settings ?? {},
        secrets: { ...existing?.secrets, [name]: { encrypted: this.cipher.encrypt(secret), createdAt: now.toISOString() } },
        previousSecret: previous,
        previousSecretExpiresAt: previous ? new Date(now.getTime() + overlapHours * HOUR_MS) : null,
      });
      await manager.save(row);
      return row.previousSecretExpiresAt;
    });
    await this.bus.publish(SETTINGS_CHANGED, tenantId);
    if (expiresAt) await this.queue.forgetSecretsAt(expiresAt);
    return secret;
  }

  /**
   * Deletes every previous secret whose window has ended (the ciphertext itself), and tells every
   * process to drop its cached copy. Signing never uses one past its end meanwhile: that is
   * checked at the moment of signing.
   */
  async forgetExpiredSecrets(): Promise<number> {
    const [rows]: [{ tenant_id: string }[], number] = await this.rows.query(
      `UPDATE channel_settings SET previous_secret = NULL, previous_secret_expires_at = NULL
       WHERE previous_secret_expires_at <= now() RETURNING tenant_id`,
    );
    for (const tenantId of new Set(rows.map((row) => row.tenant_id))) await this.bus.publish(SETTINGS_CHANGED, tenantId);
    return rows.length;
  }

  /**
   * The settings a delivery through the channel uses now, secrets decrypted. A secret that cannot
   * be decrypted (ENCRYPTION_KEY changed) is this channel's problem alone.
   */
  async deliveryConfig(tenantId: string, channel: DeliveryChannel): Promise<DeliveryConfig> {
    const row = (await this.rowsOf(tenantId)).find((candidate) => candidate.channel === channel.name);
    const problem = channelProblem(channel, row);
    if (problem !== null || !row) return { problem: problem ?? `The ${channel.name} channel is not configured.` };
    const config: ChannelConfig = { ...row.settings };
    for (const [name, secret] of Object.entries(row.secrets)) {
      try {
        config[name] = this.cipher.decrypt(secret.encrypted);
      } catch {
        return { problem: `The stored ${name} cannot be decrypted (was ENCRYPTION_KEY changed?): save it again.` };
      }
    }
    const previous = this.retiringSecret(row);
    if (previous) config[PREVIOUS_SECRETS] = { [previous.name]: previous.secret };
    return { config };
  }

  /** The previous generated secret while its window lasts, decrypted; none once it has ended, even before it is deleted. */
  private retiringSecret(row: ChannelSetting): { name: string; secret: RetiringSecret } | null {
    const expiresAt = liveExpiry(row);
    if (!row.previousSecret || !expiresAt) return null;
    try {
      return { name: row.previousSecret.name, secret: { value: this.cipher.decrypt(row.previousSecret.encrypted), expiresAt } };
    } catch {
      return null;
    }
  }

  /**
   * The tenant's settings of a channel that writes to visitors (a reply address), secrets
   * decrypted, whether or not it is configured for handoffs; empty when it has none.
   */
  async visitorConfig(tenantId: string, channel: DeliveryChannel): Promise<ChannelConfig> {
    const settings = await this.deliveryConfig(tenantId, channel);
    return settings.problem === undefined ? settings.config : {};
  }

  private toView(channel: DeliveryChannel, rows: ChannelSetting[], health: ChannelHealth[]): ChannelView {
    const failures = health.find((row) => row.channel === channel.name);
    return { ...toView(channel, rows.find((row) => row.channel === channel.name)), failing: failingState(failures, this.config.delivery.failureNoticeAfter) };
  }

  /** The registered channel of that name, or 404. */
  channel(name: string): DeliveryChannel {
    const channel = this.registry.byName(name);
    if (!channel) throw notFound(`Channel '${name}'`);
    return channel;
  }

  private async validated(channel: DeliveryChannel, body: object, existing: ChannelSetting | null): Promise<object> {
    const settings = plainToInstance(channel.settingsType, body) as object;
    const errors = await validate(settings, { whitelist: true, forbidNonWhitelisted: true });
    // A stored secret may be left out: it is kept.
    const kept = (property: string) => existing?.secrets[property] !== undefined && (body as Record<string, unknown>)[property] === undefined;
    const refused = errors.filter((error) => !kept(error.property));
    if (refused.length > 0) throw validationFailed(refused);
    return settings;
  }

  private async save(tenantId: string, channel: string, settings: Record<string, unknown>, secrets: Record<string, StoredSecret>): Promise<void> {
    await this.rows.save(Object.assign(new ChannelSetting(), { tenantId, channel, settings, secrets }));
    await this.bus.publish(SETTINGS_CHANGED, tenantId);
  }

  private findRow(tenantId: string, channel: string): Promise<ChannelSetting | null> {
    return this.rows.findOne({ where: { tenantId, channel } });
  }

  private async rowsOf(tenantId: string): Promise<ChannelSetting[]> {
    return (await this.cache.fetch(tenantId)) ?? [];
  }
}

/** A channel is failing once `after` deliveries in a row have failed on it. */
function failingState(health: ChannelHealth | undefined, after: number): ChannelFailing | null {
  if (!health || health.failingSince === null || health.consecutiveFailures < after) return null;
  return { since: health.failingSince, consecutiveFailures: health.consecutiveFailures, lastError: health.lastError ?? '' };
}

function toView(channel: DeliveryChannel, row: ChannelSetting | undefined): Omit<ChannelView, 'failing'> {
  const problem = channelProblem(channel, row);
  return {
    channel,
    configured: problem === null,
    problem,
    settings: row?.settings ?? {},
    secrets: channel.secretNames.map((name) => {
      const secret = row?.secrets[name];
      const previousExpiresAt = row && row.previousSecret?.name === name ? liveExpiry(row) : null;
      return { name, set: secret !== undefined, createdAt: secret ? new Date(secret.createdAt) : null, previousExpiresAt };
    }),
  };
}

/** When the row's previous secret stops signing, while that is still ahead; else null. */
function liveExpiry(row: Pick<ChannelSetting, 'previousSecretExpiresAt'>): Date | null {
  const expiresAt = row.previousSecretExpiresAt;
  return expiresAt !== null && expiresAt.getTime() > Date.now() ? new Date(expiresAt) : null;
}

/** The mode the save sets (see chosenMode), from what it sends and what is stored. */
function modeOf(channel: DeliveryChannel, settings: object, existing: ChannelSetting | null): string | undefined {
  const sent = settings as Record<string, unknown>;
  const storedSecret = (field: SettingField) => field.secret && existing?.secrets[field.name] !== undefined;
  return chosenMode(channel.fields, {
    sent: (field) => sent[field.name] !== undefined,
    stored: (field) => storedSecret(field) || existing?.settings[field.name] !== undefined,
    kept: storedSecret,
  });
}

/**
 * A kept secret (one not sent again) must not follow its account's fields somewhere else: a
 * token for one Zendesk subdomain is not sent to another on the strength of a stored copy.
 */
function refuseReaimedSecrets(channel: DeliveryChannel, body: object, settings: object, existing: ChannelSetting | null): void {
  if (!existing) return;
  const sent = body as Record<string, unknown>;
  const next = settings as Record<string, unknown>;
  for (const [secret, fields] of Object.entries(describeSecretBindings(channel.settingsType))) {
    const moved = fields.filter((field) => existing.settings[field] !== undefined && !isDeepStrictEqual(existing.settings[field], next[field]));
    if (sent[secret] === undefined && existing.secrets[secret] !== undefined && moved.length > 0) {
      const reason = `${secret} must be sent again when ${moved.join(' and ')} changes: the stored one belongs to the previous account`;
      throw new AppError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, `Validation failed: ${reason}`, [reason]);
    }
  }
}
