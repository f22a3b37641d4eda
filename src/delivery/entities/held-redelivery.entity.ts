import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Tenant } from '../../tenants/entities/tenant.entity';
import { Delivery } from './delivery.entity';

/**
 * A delivery put back in line by a bulk redelivery ("redeliver failed since…"): it is pending,
 * but its job is queued only when its turn comes (`releasedAt`), a few at a time per tenant and
 * channel, so that a thousand of them never stand in front of other tenants' deliveries.
 */
@Entity('held_redeliveries')
@Index('IDX_held_redeliveries_tenant_channel', ['tenantId', 'channel'])
export class HeldRedelivery {
  @PrimaryColumn({ name: 'delivery_id', type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => Delivery, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: Delivery;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  @Column({ type: 'varchar', length: 32 })
  channel: string;

  /** When its job was queued; null while it waits for its turn. */
  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
