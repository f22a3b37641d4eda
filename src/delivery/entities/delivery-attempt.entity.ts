import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Delivery } from './delivery.entity';

export enum AttemptOutcome {
  Delivered = 'delivered',
  TransientFailure = 'transient_failure',
  PermanentFailure = 'permanent_failure',
}

/** One try at a delivery, kept for the admin: when, what came back, how long it took. */
@Entity('delivery_attempts')
@Index('IDX_delivery_attempts_delivery', ['deliveryId', 'startedAt'])
export class DeliveryAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => Delivery, (delivery) => delivery.attemptLog, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'delivery_id' })
  delivery?: Delivery;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ type: 'varchar', length: 32 })
  outcome: AttemptOutcome;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  /** At most 2 KB of what the peer answered. */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;
}
