import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { Tenant } from '../../tenants/entities/tenant.entity';

/**
 * How one channel of one tenant is doing: the deliveries that failed on it in a row since its last
 * success (the visitor's emails, which go to visitors and not to the channel's destination, aside),
 * and the notice of this failing period once one was made. A success resets it.
 */
@Entity('channel_health')
export class ChannelHealth {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  channel: string;

  @Column({ name: 'consecutive_failures', type: 'integer', default: 0 })
  consecutiveFailures: number;

  /** The first failure of the run; null while healthy. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** The delivery that tells the tenant of this failing period (one per period); null until made. */
  @Column({ name: 'notice_delivery_id', type: 'uuid', nullable: true })
  noticeDeliveryId: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
