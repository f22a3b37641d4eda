import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Handoff } from '../../handoff/entities/handoff.entity';
import { DeliveryAttempt } from './delivery-attempt.entity';

/**
 * `pending` until a worker claims it (`delivering`), then `delivered` or `failed`. A transient
 * failure puts it back to `pending` for the queue's next attempt (see delivery-life.ts).
 */
export enum DeliveryStatus {
  Pending = 'pending',
  Delivering = 'delivering',
  Delivered = 'delivered',
  Failed = 'failed',
  /** Not needed any more: a visitor email whose messages were read in the widget meanwhile. */
  Cancelled = 'cancelled',
}

/** What a delivery carries (see "The conversation goes on after the handoff" in the README). */
export enum DeliveryKind {
  /** The handoff itself, with its transcript: one per channel of the handoff. */
  Handoff = 'handoff',
  /** Messages added while the handoff is open (one, or several gathered into one email). */
  FollowUp = 'follow_up',
  /** The handoff was resolved (announced to the webhook). */
  Resolved = 'resolved',
  /** An agent's answers the visitor did not read in time, emailed to the visitor. */
  VisitorEmail = 'visitor_email',
  /** The conversation was erased. */
  Erased = 'erased',
  /** Another channel of the tenant keeps failing: told once per failing period, to the handoff address. */
  FailureNotice = 'failure_notice',
}

/** One channel's delivery of one handoff: Postgres is the source of truth of what must be sent. */
@Entity('deliveries')
@Index('UQ_deliveries_handoff_channel', ['handoffId', 'channel'], { unique: true, where: `"kind" = 'handoff'` })
/**
 * A channel's deliveries of one handoff in the order they were made: each is attempted after the
 * ones before it on that channel have finished.
 */
@Index('IDX_deliveries_handoff_channel_ordinal', ['handoffId', 'channel', 'ordinal'])
/** The sweep looks for unfinished deliveries whose queue job went missing. */
/** Inbound answers find the handoff of a ticket or thread, and the service's own comments, by what the helpdesk calls them. */
@Index('IDX_deliveries_channel_external_id', ['channel', 'externalId'], { where: '"external_id" IS NOT NULL' })
@Index('IDX_deliveries_unfinished', ['updatedAt'], { where: `"status" IN ('pending', 'delivering')` })
@Check('CHK_deliveries_status', `"status" IN ('pending', 'delivering', 'delivered', 'failed', 'cancelled')`)
@Check('CHK_deliveries_kind', `"kind" IN ('handoff', 'follow_up', 'resolved', 'visitor_email', 'erased', 'failure_notice')`)
export class Delivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'handoff_id', type: 'uuid' })
  handoffId: string;

  @ManyToOne(() => Handoff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'handoff_id' })
  handoff?: Handoff;

  /** The DeliveryChannel's name: `email`, `webhook`, `zendesk`… */
  @Column({ type: 'varchar', length: 32 })
  channel: string;

  @Column({ type: 'varchar', length: 16, default: DeliveryKind.Handoff })
  kind: DeliveryKind;

  /** The messages a follow-up or visitor email carries, in order. */
  @Column({ name: 'message_ids', type: 'uuid', array: true, default: () => "'{}'" })
  messageIds: string[];

  /** Not sent before this moment: an email that gathers the messages of a while. */
  @Column({ name: 'not_before', type: 'timestamptz', nullable: true })
  notBefore: Date | null;

  /** Increasing in the order deliveries were made: a channel's deliveries of a handoff go in this order. */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS' })
  ordinal: string;

  @Column({ type: 'varchar', length: 16, default: DeliveryStatus.Pending })
  status: DeliveryStatus;

  /** Attempts made in all, manual redeliveries included. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /**
   * The attempt after which the delivery fails for good: the channel's retry policy from
   * scheduling, raised for our own failures and by a manual redelivery (see delivery-life.ts).
   */
  @Column({ name: 'max_attempts', type: 'integer' })
  maxAttempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  /** Duration of the last attempt. */
  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs: number | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  /** What the peer made of it, when it says: a helpdesk's ticket id and its agent URL. */
  @Column({ name: 'external_id', type: 'varchar', length: 255, nullable: true })
  externalId: string | null;

  @Column({ name: 'external_url', type: 'varchar', length: 2048, nullable: true })
  externalUrl: string | null;

  /** What the destination keeps after an erasure delivery (a vendor's trash, people's replies), as the channel said. */
  @Column({ name: 'remains', type: 'text', nullable: true })
  remains: string | null;

  /** When its handoff's conversation was erased: what it held of the conversation is gone. */
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true })
  erasedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => DeliveryAttempt, (attempt) => attempt.delivery)
  attemptLog?: DeliveryAttempt[];
}
