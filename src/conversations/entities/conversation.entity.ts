import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../../tenants/entities/tenant.entity';

@Entity('conversations')
@Index('IDX_conversations_tenant_created', ['tenantId', 'createdAt', 'id'])
export class Conversation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** SHA-256 of the visitor token; the token itself was shown once, to the widget. */
  @Column({ name: 'visitor_token_hash', type: 'char', length: 64 })
  visitorTokenHash: string;

  /** Incremented with each insert: the next message's `seq`, and the limit in one conditional update. */
  @Column({ name: 'message_count', type: 'integer', default: 0 })
  messageCount: number;

  /** Millisecond precision, as in the API, so pagination cursors compare exactly. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @Column({ name: 'last_message_at', type: 'timestamptz', nullable: true })
  lastMessageAt: Date | null;
}
