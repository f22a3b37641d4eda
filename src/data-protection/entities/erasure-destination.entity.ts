import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Erasure } from './erasure.entity';

/** What became, or becomes, of one thing the service had put somewhere. */
export enum DestinationOutcome {
  Pending = 'pending',
  Done = 'done',
  Failed = 'failed',
  /** Nothing of the conversation went there, or the destination does not take erasures (a webhook without `handoff.erased`). */
  NotApplicable = 'not_applicable',
  /** It cannot be taken back: an email that has left, what a vendor keeps, people's replies. */
  NotRecallable = 'not_recallable',
}

/**
 * One thing an erasure must follow: a channel's copy of one handoff (a ticket, a Slack post, a
 * webhook receiver, an inbox). Followed by an `erased` delivery when the channel can be told or can
 * delete it; its outcome then comes from that delivery.
 */
@Entity('erasure_destinations')
@Index('IDX_erasure_destinations_erasure', ['erasureId'])
@Check('CHK_erasure_destinations_outcome', `"outcome" IN ('pending', 'done', 'failed', 'not_applicable', 'not_recallable')`)
export class ErasureDestination {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'erasure_id', type: 'uuid' })
  erasureId: string;

  @ManyToOne(() => Erasure, (erasure) => erasure.destinations, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'erasure_id' })
  erasure?: Erasure;

  @Column({ name: 'handoff_id', type: 'uuid' })
  handoffId: string;

  @Column({ type: 'varchar', length: 32 })
  channel: string;

  /** The ticket id, Slack post or email Message-ID the channel's handoff delivery made, if any. */
  @Column({ name: 'external_id', type: 'varchar', length: 255, nullable: true })
  externalId: string | null;

  /** The `erased` delivery that follows it, when there is one: its state is the outcome. */
  @Column({ name: 'delivery_id', type: 'uuid', nullable: true })
  deliveryId: string | null;

  /** The outcome when no delivery follows it; `pending` while one does. */
  @Column({ type: 'varchar', length: 16 })
  outcome: DestinationOutcome;

  /** What remains, or why nothing was to be done. */
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
