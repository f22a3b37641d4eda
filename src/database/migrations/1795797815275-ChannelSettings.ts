import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channels as plug-ins: every channel's settings in one table keyed by tenant and channel
 * (non-secret values as JSON, each secret encrypted on its own), replacing the fixed email and
 * webhook columns of handoff_settings, whose values move over unchanged (the webhook secret
 * keeps its ciphertext: same key, same format). Deliveries gain their attempt budget and what a
 * helpdesk answered (ticket id and URL).
 */
export class ChannelSettings1795797815275 implements MigrationInterface {
  name = 'ChannelSettings1795797815275';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "channel_settings" ("tenant_id" uuid NOT NULL, "channel" character varying(32) NOT NULL, "settings" jsonb NOT NULL DEFAULT '{}', "secrets" jsonb NOT NULL DEFAULT '{}', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f5aecd0d570fdb5f7365a68f2a9" PRIMARY KEY ("tenant_id", "channel"))`,
    );
    await queryRunner.query(`ALTER TABLE "deliveries" ADD "max_attempts" integer`);
    await queryRunner.query(`ALTER TABLE "deliveries" ADD "external_id" character varying(255)`);
    await queryRunner.query(`ALTER TABLE "deliveries" ADD "external_url" character varying(2048)`);
    await queryRunner.query(
      `ALTER TABLE "channel_settings" ADD CONSTRAINT "FK_652b3d95c0b3e79e6bb7c84e157" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO "channel_settings" ("tenant_id", "channel", "settings", "updated_at")
       SELECT "tenant_id", 'email', jsonb_build_object('address', "email"), "updated_at"
       FROM "handoff_settings" WHERE "email" IS NOT NULL`,
    );
    await queryRunner.query(
      `INSERT INTO "channel_settings" ("tenant_id", "channel", "settings", "secrets", "updated_at")
       SELECT "tenant_id", 'webhook',
              CASE WHEN "webhook_url" IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('url', "webhook_url") END,
              CASE WHEN "webhook_secret_encrypted" IS NULL THEN '{}'::jsonb
                   ELSE jsonb_build_object('signingSecret', jsonb_build_object(
                          'encrypted', "webhook_secret_encrypted",
                          'createdAt', to_char("webhook_secret_created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
              END,
              "updated_at"
       FROM "handoff_settings" WHERE "webhook_url" IS NOT NULL OR "webhook_secret_encrypted" IS NOT NULL`,
    );
    await queryRunner.query(`DROP TABLE "handoff_settings"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "handoff_settings" ("tenant_id" uuid NOT NULL, "email" character varying(254), "webhook_url" character varying(2048), "webhook_secret_encrypted" text, "webhook_secret_created_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_def52fe935abdd17718f1870dea" PRIMARY KEY ("tenant_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "handoff_settings" ADD CONSTRAINT "FK_def52fe935abdd17718f1870dea" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Only the two channels the old table can hold come back; other channels' settings are lost.
    await queryRunner.query(
      `INSERT INTO "handoff_settings" ("tenant_id", "email", "webhook_url", "webhook_secret_encrypted", "webhook_secret_created_at")
       SELECT "tenant_id",
              max("settings"->>'address') FILTER (WHERE "channel" = 'email'),
              max("settings"->>'url') FILTER (WHERE "channel" = 'webhook'),
              max("secrets"->'signingSecret'->>'encrypted') FILTER (WHERE "channel" = 'webhook'),
              max(("secrets"->'signingSecret'->>'createdAt')::timestamptz) FILTER (WHERE "channel" = 'webhook')
       FROM "channel_settings" WHERE "channel" IN ('email', 'webhook') GROUP BY "tenant_id"`,
    );
    await queryRunner.query(`ALTER TABLE "channel_settings" DROP CONSTRAINT "FK_652b3d95c0b3e79e6bb7c84e157"`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "external_url"`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "external_id"`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "max_attempts"`);
    await queryRunner.query(`DROP TABLE "channel_settings"`);
  }
}
