import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Handoff } from '../../handoff/entities/handoff.entity';

/**
 * How far the later messages of a handoff have been turned into deliveries, per lane: a channel of
 * the handoff (its follow-ups), or the visitor's own email (agents' answers not read in time).
 * Messages are durable and this says which are done, so a crash between a message and its
 * follow-ups loses nothing: the next pass carries on from here.
 */
@Entity('follow_up_cursors')
export class FollowUpCursor {
  @PrimaryColumn({ name: 'handoff_id', type: 'uuid' })
  handoffId: string;

  @ManyToOne(() => Handoff, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'handoff_id' })
  handoff?: Handoff;

  /** A channel name, or VISITOR_LANE. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  lane: string;

  /** The `sequence` of the last message of the handoff this lane has taken. */
  @Column({ name: 'followed_up_seq', type: 'integer' })
  followedUpSeq: number;
}
