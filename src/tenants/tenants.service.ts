import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import { IsNull, Repository } from 'typeorm';
import { notFound } from '../common/errors/app-error';
import { generateToken, sha256Hex } from '../common/crypto/tokens';
import { InvalidationBus } from '../redis/invalidation-bus';
import { normaliseAllowedOrigins } from './allowed-origins';
import { AdminApiKey } from './entities/admin-api-key.entity';
import { Tenant } from './entities/tenant.entity';
import { TenantContext } from './tenant-context';

const WIDGET_KEY_PREFIX = 'wk_';
const ADMIN_KEY_PREFIX = 'wak_';
/** Bounds staleness of a widget-key lookup when an invalidation message is missed. */
const WIDGET_KEY_CACHE_TTL_MS = 30_000;
const TENANT_CHANGED = 'tenant';
/** A tenant's name never changes once created: kept long, bounded in size. */
const NAME_CACHE_TTL_MS = 10 * 60_000;
const CACHE_MAX_ENTRIES = 10_000;

/** A widget key's tenant, or null: unknown keys are cached too, so floods of bad keys stay cheap. */
interface WidgetKeyLookup {
  tenant: TenantContext | null;
}

@Injectable()
export class TenantsService {
  /**
   * Widget key → tenant. Concurrent misses of one key share one query; a lookup under way when
   * the key is invalidated answers its caller but is not kept.
   */
  private readonly byWidgetKey = new LRUCache<string, WidgetKeyLookup>({
    max: CACHE_MAX_ENTRIES,
    ttl: WIDGET_KEY_CACHE_TTL_MS,
    ignoreFetchAbort: true,
    fetchMethod: async (widgetKey) => ({ tenant: await this.loadByWidgetKey(widgetKey) }),
  });
  /** Tenant id → name: every delivery's payload names its tenant. */
  private readonly names = new LRUCache<string, string>({
    max: CACHE_MAX_ENTRIES,
    ttl: NAME_CACHE_TTL_MS,
    fetchMethod: async (id) => (await this.getById(id)).name,
  });

  constructor(
    @InjectRepository(Tenant) private readonly tenants: Repository<Tenant>,
    @InjectRepository(AdminApiKey) private readonly adminKeys: Repository<AdminApiKey>,
    private readonly bus: InvalidationBus,
  ) {
    this.bus.subscribe(TENANT_CHANGED, (widgetKey) => this.byWidgetKey.delete(widgetKey));
  }

  async create(name: string, handoffEntitled = false): Promise<{ tenant: Tenant; adminApiKey: string }> {
    return this.tenants.manager.transaction(async (manager) => {
      const tenant = await manager.save(
        manager.create(Tenant, { name, handoffEntitled, widgetKey: generateToken(WIDGET_KEY_PREFIX, 24) }),
      );
      const adminApiKey = await this.insertAdminKey(manager.getRepository(AdminApiKey), tenant.id);
      return { tenant, adminApiKey: adminApiKey.key };
    });
  }

  async setHandoffEntitlement(id: string, handoffEntitled: boolean): Promise<Tenant> {
    return this.update(id, { handoffEntitled });
  }

  /** The admin's toggle; the caller checks the entitlement first. */
  async setHandoffEnabled(id: string, handoffEnabled: boolean): Promise<Tenant> {
    return this.update(id, { handoffEnabled });
  }

  /** The widget settings given (allowed origins stored in their normal form); the caller has validated them. */
  async updateWidgetSettings(id: string, settings: { allowedOrigins?: readonly string[]; transcriptRetentionDays?: number | null }): Promise<Tenant> {
    const changes: Partial<Pick<Tenant, 'allowedOrigins' | 'transcriptRetentionDays'>> = {};
    if (settings.allowedOrigins !== undefined) changes.allowedOrigins = normaliseAllowedOrigins(settings.allowedOrigins);
    if (settings.transcriptRetentionDays !== undefined) changes.transcriptRetentionDays = settings.transcriptRetentionDays;
    return Object.keys(changes).length === 0 ? this.getById(id) : this.update(id, changes);
  }

  /** Every change reaches every process's widget-key cache at once. */
  private async update(id: string, changes: Partial<Pick<Tenant, 'handoffEntitled' | 'handoffEnabled' | 'allowedOrigins' | 'transcriptRetentionDays'>>) {
    const result = await this.tenants.update({ id }, changes);
    if (!result.affected) throw notFound('Tenant');
    const tenant = await this.getById(id);
    await this.bus.publish(TENANT_CHANGED, tenant.widgetKey);
    return tenant;
  }

  async issueAdminKey(tenantId: string): Promise<{ id: string; key: string }> {
    await this.getById(tenantId);
    return this.insertAdminKey(this.adminKeys, tenantId);
  }

  async revokeAdminKey(tenantId: string, keyId: string): Promise<void> {
    const result = await this.adminKeys.update(
      { id: keyId, tenantId, revokedAt: IsNull() },
      { revokedAt: () => 'now()' },
    );
    if (!result.affected) throw notFound('Admin API key');
  }

  /** The tenant an admin key belongs to, or null for an unknown or revoked key. */
  async findByAdminKey(key: string): Promise<TenantContext | null> {
    const found = await this.adminKeys.findOne({
      where: { keyHash: sha256Hex(key), revokedAt: IsNull() },
      relations: { tenant: true },
    });
    return found?.tenant ? toContext(found.tenant) : null;
  }

  /** Served from memory once warm: every widget request of every site passes through here. */
  async findByWidgetKey(widgetKey: string): Promise<TenantContext | null> {
    return (await this.byWidgetKey.fetch(widgetKey))?.tenant ?? null;
  }

  /** The tenant's name (it never changes), from memory once read. */
  async nameOf(id: string): Promise<string> {
    const name = await this.names.fetch(id);
    if (name === undefined) throw notFound('Tenant');
    return name;
  }

  async getById(id: string): Promise<Tenant> {
    const tenant = await this.tenants.findOne({ where: { id } });
    if (!tenant) throw notFound('Tenant');
    return tenant;
  }

  private async loadByWidgetKey(widgetKey: string): Promise<TenantContext | null> {
    const tenant = await this.tenants.findOne({ where: { widgetKey } });
    return tenant ? toContext(tenant) : null;
  }

  private async insertAdminKey(repository: Repository<AdminApiKey>, tenantId: string) {
    const key = generateToken(ADMIN_KEY_PREFIX);
    const saved = await repository.save(
      repository.create({ tenantId, keyHash: sha256Hex(key), keyHint: key.slice(0, 10) }),
    );
    return { id: saved.id, key };
  }
}

function toContext({ id, name, handoffEntitled, handoffEnabled, allowedOrigins }: Tenant): TenantContext {
  return { id, name, handoffEntitled, handoffEnabled, allowedOrigins };
}
