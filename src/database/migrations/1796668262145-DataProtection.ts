import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Data protection: erasures (one conversation, or a visitor's email kept only as a hash) and the
 * destinations each must follow; conversations, handoffs and deliveries keep when their content was
 * erased (they stay as skeletons); deliveries keep what a destination still holds after an
 * erasure; tenants keep how long their transcripts are kept (1 to 3650 days, or null for ever).
 */
export class DataProtection1796668262145 implements MigrationInterface {
    name = 'DataProtection1796668262145'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "erasures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "email_hash" character(64), "conversations" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4f2c0a9f8284d4e1906cb029caf" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_erasures_tenant_created" ON "erasures"  ("tenant_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "erasure_destinations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "erasure_id" uuid NOT NULL, "handoff_id" uuid NOT NULL, "channel" character varying(32) NOT NULL, "external_id" character varying(255), "delivery_id" uuid, "outcome" character varying(16) NOT NULL, "note" text, CONSTRAINT "CHK_erasure_destinations_outcome" CHECK ("outcome" IN ('pending', 'done', 'failed', 'not_applicable', 'not_recallable')), CONSTRAINT "PK_82376cdba43dd35856c08d0a4c5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_erasure_destinations_erasure" ON "erasure_destinations"  ("erasure_id") `);
        await queryRunner.query(`ALTER TABLE "tenants" ADD "transcript_retention_days" integer`);
        await queryRunner.query(`ALTER TABLE "conversations" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "handoffs" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "deliveries" ADD "remains" text`);
        await queryRunner.query(`ALTER TABLE "deliveries" ADD "erased_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "IDX_conversations_tenant_last_message" ON "conversations"  ("tenant_id", "last_message_at") WHERE "erased_at" IS NULL`);
        await queryRunner.query(`ALTER TABLE "tenants" ADD CONSTRAINT "CHK_tenants_transcript_retention_days" CHECK ("transcript_retention_days" BETWEEN 1 AND 3650)`);
        await queryRunner.query(`ALTER TABLE "erasures" ADD CONSTRAINT "FK_5f2082f57e61df08a6fe1a60ef5" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "erasure_destinations" ADD CONSTRAINT "FK_4a4d19649110643f02033784747" FOREIGN KEY ("erasure_id") REFERENCES "erasures"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "erasure_destinations" DROP CONSTRAINT "FK_4a4d19649110643f02033784747"`);
        await queryRunner.query(`ALTER TABLE "erasures" DROP CONSTRAINT "FK_5f2082f57e61df08a6fe1a60ef5"`);
        await queryRunner.query(`ALTER TABLE "tenants" DROP CONSTRAINT "CHK_tenants_transcript_retention_days"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_conversations_tenant_last_message"`);
        await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "erased_at"`);
        await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "remains"`);
        await queryRunner.query(`ALTER TABLE "handoffs" DROP COLUMN "erased_at"`);
        await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "erased_at"`);
        await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "transcript_retention_days"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_erasure_destinations_erasure"`);
        await queryRunner.query(`DROP TABLE "erasure_destinations"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_erasures_tenant_created"`);
        await queryRunner.query(`DROP TABLE "erasures"`);
    }

}
