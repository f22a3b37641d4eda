import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from './tenant.entity';

/** A secret admin key; only its SHA-256 digest is stored, the key itself is shown once. */
@Entity('admin_api_keys')
export class AdminApiKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('IDX_admin_api_keys_tenant_id')
  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Index('UQ_admin_api_keys_key_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'char', length: 64 })
  keyHash: string;

  /** The first characters of the key, so an admin can tell keys apart without the secret. */
  @Column({ name: 'key_hint', type: 'varchar', length: 16 })
  keyHint: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
