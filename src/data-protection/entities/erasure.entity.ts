import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn } from 'typeorm';
import { Tenant } from '../../tenants/entities/tenant.entity';
import { ErasureDestination } from './erasure-destination.entity';

/**
 * An erasure a tenant asked for: one conversation, or every conversation of a visitor's email.
 * Only a hash of the email is kept. Its progress is its destinations'.
 */
@Entity('erasures')
@Index('IDX_erasures_tenant_created', ['tenantId', 'createdAt', 'id'])
export class Erasure {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tenant_id' })
  tenant?: Tenant;

  /** SHA-256 of the visitor's email (lowercase) for an erasure by email; null for one conversation. */
  @Column({ name: 'email_hash', type: 'char', length: 64, nullable: true })
  emailHash: string | null;

  /** How many conversations it erased. */
  @Column({ type: 'integer' })
  conversations: number;

  /** Millisecond precision, as in the API, so pagination cursors compare exactly. */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @OneToMany(() => ErasureDestination, (destination) => destination.erasure)
  destinations?: ErasureDestination[];
}
