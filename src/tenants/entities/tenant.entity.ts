import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('tenants')
@Check('CHK_tenants_transcript_retention_days', `"transcript_retention_days" BETWEEN 1 AND 3650`)
export class Tenant {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Public: embedded in the customer's site, it identifies the tenant to the widget API. */
  @Index('UQ_tenants_widget_key', { unique: true })
  @Column({ name: 'widget_key', type: 'varchar', length: 64 })
  widgetKey: string;

  /** Set by Wilow's operators: without it the tenant's admins cannot enable handoff. */
  @Column({ name: 'handoff_entitled', type: 'boolean', default: false })
  handoffEntitled: boolean;

  /** The tenant admin's handoff toggle (Handoff settings); effective only with the entitlement. */
  @Column({ name: 'handoff_enabled', type: 'boolean', default: false })
  handoffEnabled: boolean;

  /**
   * Sites allowed to use the widget key (`https://www.acme.com`, `https://*.acme.com`), in their
   * normal form; empty allows every site.
   */
  @Column({ name: 'allowed_origins', type: 'text', array: true, default: () => "'{}'" })
  allowedOrigins: string[];

  /** Conversations with no message for this many days are erased from this service; null keeps them. */
  @Column({ name: 'transcript_retention_days', type: 'integer', nullable: true })
  transcriptRetentionDays: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
