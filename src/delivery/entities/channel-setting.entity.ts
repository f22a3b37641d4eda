import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Tenant } from '../../tenants/entities/tenant.entity';

/** A secret of a channel's settings: AES-256-GCM under ENCRYPTION_KEY (see SecretCipher). */
export interface StoredSecret {
  encrypted: string;
  /** ISO 8601. */
  createdAt: string;
}

/** A generated secret replaced with an overlap: its name, and its ciphertext until the window ends. */
export interface PreviousSecret extends StoredSecret {
  name: string;
}

/**
 * One channel's settings of one tenant. Whatever the channel declares lives here, so a new
 * channel needs no migration: the non-secret values as JSON, each secret encrypted on its own.
 */
@Entity('channel_settings')
/** The forgetting of previous secrets finds those whose window has ended. */
@Index('IDX_channel_settings_previous_secret_expiry', ['previousSecretExpiresAt'], { where: '"previous_secret_expires_at" IS NOT NULL' })
@Check('CHK_channel_settings_previous_secret', '("previous_secret" IS NULL) = ("previous_secret_expires_at" IS NULL)')
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

  /**
   * The generated secret a rotation with overlap replaced: it still signs, beside the new one,
   * until `previousSecretExpiresAt`; then the row forgets it (ciphertext and all).
   */
  @Column({ name: 'previous_secret', type: 'jsonb', nullable: true })
  previousSecret: PreviousSecret | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
