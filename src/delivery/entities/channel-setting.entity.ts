import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Tenant } from '../../tenants/entities/tenant.entity';

/** A secret of a channel's settings: AES-256-GCM under ENCRYPTION_KEY (see SecretCipher). */
export interface StoredSecret {
  encrypted: string;
  /** ISO 8601. */
  createdAt: string;
}

/**
 * One channel's settings of one tenant. Whatever the channel declares lives here, so a new
 * channel needs no migration: the non-secret values as JSON, each secret encrypted on its own.
 */
@Entity('channel_settings')
export class ChannelSetting {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** The DeliveryChannel's name. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  channel: string;

  @Column({ type: 'jsonb', default: {} })
  settings: Record<string, unknown>;

  /** Secret name → its ciphertext; never returned by the API. */
  @Column({ type: 'jsonb', default: {} })
  secrets: Record<string, StoredSecret>;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
