import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Helpdesks answer too: each helpdesk channel's inbound address (found by its token's hash), the
 * answers taken from helpdesks (unique on the helpdesk's own id, so a copy records nothing), and an
 * index by which an answer finds its handoff's ticket or thread and the service's own comments.
 */
export class HelpdeskInbound1796674344688 implements MigrationInterface {
  name = 'HelpdeskInbound1796674344688';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "inbound_addresses" ("tenant_id" uuid NOT NULL, "channel" character varying(32) NOT NULL, "token_hash" character(64) NOT NULL, "token_encrypted" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_601d361cc287f6c78c9f00023c2" PRIMARY KEY ("tenant_id", "channel"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_inbound_addresses_token_hash" ON "inbound_addresses"  ("token_hash") `);
    await queryRunner.query(`CREATE TABLE "inbound_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "channel" character varying(32) NOT NULL, "event_id" character varying(255) NOT NULL, "handoff_id" uuid NOT NULL, "pending_answer" jsonb, "completed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b76e26fa0121da742b191b7ded0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_inbound_events_pending" ON "inbound_events"  ("created_at") WHERE "completed_at" IS NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_inbound_events_event" ON "inbound_events"  ("tenant_id", "channel", "event_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_deliveries_channel_external_id" ON "deliveries"  ("channel", "external_id") WHERE "external_id" IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "inbound_addresses" ADD CONSTRAINT "FK_d4234b7d296b2c1e7bf4109fb4a" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "inbound_events" ADD CONSTRAINT "FK_ca4e4781cadeb4c624f7f787bd6" FOREIGN KEY ("handoff_id") REFERENCES "handoffs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "inbound_events" DROP CONSTRAINT "FK_ca4e4781cadeb4c624f7f787bd6"`);
    await queryRunner.query(`ALTER TABLE "inbound_addresses" DROP CONSTRAINT "FK_d4234b7d296b2c1e7bf4109fb4a"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_deliveries_channel_external_id"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_inbound_events_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_inbound_events_pending"`);
    await queryRunner.query(`DROP TABLE "inbound_events"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_inbound_addresses_token_hash"`);
    await queryRunner.query(`DROP TABLE "inbound_addresses"`);
  }
}
