import { MigrationInterface, QueryRunner } from "typeorm";

export class HandoffsAndDeliveries1795250461958 implements MigrationInterface {
    name = 'HandoffsAndDeliveries1795250461958'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "handoffs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "conversation_id" uuid NOT NULL, "visitor_email" character varying(254), "reason" text, "status" character varying(16) NOT NULL DEFAULT 'open', "transcript_length" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CHK_handoffs_status" CHECK ("status" IN ('open', 'resolved')), CONSTRAINT "PK_a3e886a66415e2177f4760aa4bc" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_handoffs_open_conversation" ON "handoffs"  ("conversation_id") WHERE "status" = 'open'`);
        await queryRunner.query(`CREATE INDEX "IDX_handoffs_tenant_status_created" ON "handoffs"  ("tenant_id", "status", "created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "IDX_handoffs_tenant_created" ON "handoffs"  ("tenant_id", "created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "handoff_id" uuid NOT NULL, "channel" character varying(32) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "last_error" text, "response_status" integer, "duration_ms" integer, "delivered_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_deliveries_status" CHECK ("status" IN ('pending', 'delivering', 'delivered', 'failed')), CONSTRAINT "PK_a6ef225c5c5f0974e503bfb731f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_deliveries_unfinished" ON "deliveries"  ("updated_at") WHERE "status" IN ('pending', 'delivering')`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_deliveries_handoff_channel" ON "deliveries"  ("handoff_id", "channel") `);
        await queryRunner.query(`CREATE TABLE "delivery_attempts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "delivery_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "outcome" character varying(32) NOT NULL, "response_status" integer, "response_body" text, "error" text, "duration_ms" integer NOT NULL, CONSTRAINT "PK_41eba4eb5401d72860f7cd9a7ac" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_delivery_attempts_delivery" ON "delivery_attempts"  ("delivery_id", "started_at") `);
        await queryRunner.query(`CREATE TABLE "handoff_settings" ("tenant_id" uuid NOT NULL, "email" character varying(254), "webhook_url" character varying(2048), "webhook_secret_encrypted" text, "webhook_secret_created_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_def52fe935abdd17718f1870dea" PRIMARY KEY ("tenant_id"))`);
        await queryRunner.query(`ALTER TABLE "handoffs" ADD CONSTRAINT "FK_20b7975567cfde94881158353b9" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "handoffs" ADD CONSTRAINT "FK_bc8de572d919212fedbf480a50e" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "deliveries" ADD CONSTRAINT "FK_4ca998ab00f5fdb165714c27d75" FOREIGN KEY ("handoff_id") REFERENCES "handoffs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "delivery_attempts" ADD CONSTRAINT "FK_a9d7e7212c87084249a641ab455" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "handoff_settings" ADD CONSTRAINT "FK_def52fe935abdd17718f1870dea" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "handoff_settings" DROP CONSTRAINT "FK_def52fe935abdd17718f1870dea"`);
        await queryRunner.query(`ALTER TABLE "delivery_attempts" DROP CONSTRAINT "FK_a9d7e7212c87084249a641ab455"`);
        await queryRunner.query(`ALTER TABLE "deliveries" DROP CONSTRAINT "FK_4ca998ab00f5fdb165714c27d75"`);
        await queryRunner.query(`ALTER TABLE "handoffs" DROP CONSTRAINT "FK_bc8de572d919212fedbf480a50e"`);
        await queryRunner.query(`ALTER TABLE "handoffs" DROP CONSTRAINT "FK_20b7975567cfde94881158353b9"`);
        await queryRunner.query(`DROP TABLE "handoff_settings"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_delivery_attempts_delivery"`);
        await queryRunner.query(`DROP TABLE "delivery_attempts"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_deliveries_handoff_channel"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_deliveries_unfinished"`);
        await queryRunner.query(`DROP TABLE "deliveries"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_handoffs_tenant_created"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_handoffs_tenant_status_created"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_handoffs_open_conversation"`);
        await queryRunner.query(`DROP TABLE "handoffs"`);
    }

}
