import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Tenant } from '../../tenants/entities/tenant.entity';

/**
 * A helpdesk channel's inbound address of one tenant: `POST /v1/inbound/{channel}/{token}`. The
 * token is the credential (Freshdesk signs nothing), so it is kept like one: found by its
 * SHA-256 (a lookup that leaks nothing through timing, and a database dump that opens no door),
 * and encrypted under ENCRYPTION_KEY so that the console can show the address again.
 */
@Entity('inbound_addresses')
@Index('UQ_inbound_addresses_token_hash', ['tokenHash'], { unique: true })
export class InboundAddress {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** The DeliveryChannel's name. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  channel: string;

  /** Hex SHA-256 of the token. */
  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash: string;

  /** The token, encrypted (see SecretCipher). */
  @Column({ name: 'token_encrypted', type: 'text' })
  tokenEncrypted: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
