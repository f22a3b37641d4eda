import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each tenant's channels' failures in a row and the notice of each failing period, and the
 * notice's own kind of delivery (`failure_notice`).
 */
export class ChannelHealth1796669790691 implements MigrationInterface {
  name = 'ChannelHealth1796669790691';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "channel_health" ("tenant_id" uuid NOT NULL, "channel" character varying(32) NOT NULL, "consecutive_failures" integer NOT NULL DEFAULT '0', "failing_since" TIMESTAMP WITH TIME ZONE, "last_error" text, "notice_delivery_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_863b9497d2f648844d17ac506f7" PRIMARY KEY ("tenant_id", "channel"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_health" ADD CONSTRAINT "FK_751c21725a0f0800c080d0c57ba" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`ALTER TABLE "deliveries" DROP CONSTRAINT "CHK_deliveries_kind"`);
    await queryRunner.query(
      `ALTER TABLE "deliveries" ADD CONSTRAINT "CHK_deliveries_kind" CHECK ("kind" IN ('handoff', 'follow_up', 'resolved', 'visitor_email', 'erased', 'failure_notice'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "deliveries" WHERE "kind" = 'failure_notice'`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP CONSTRAINT "CHK_deliveries_kind"`);
    await queryRunner.query(`ALTER TABLE "deliveries" ADD CONSTRAINT "CHK_deliveries_kind" CHECK ("kind" IN ('handoff', 'follow_up', 'resolved', 'visitor_email', 'erased'))`);
    await queryRunner.query(`ALTER TABLE "channel_health" DROP CONSTRAINT "FK_751c21725a0f0800c080d0c57ba"`);
    await queryRunner.query(`DROP TABLE "channel_health"`);
  }
}
