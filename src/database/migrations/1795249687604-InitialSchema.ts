import { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1795249687604 implements MigrationInterface {
    name = 'InitialSchema1795249687604'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "tenants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "widget_key" character varying(64) NOT NULL, "handoff_entitled" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_53be67a04681c66b87ee27c9321" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_tenants_widget_key" ON "tenants"  ("widget_key") `);
        await queryRunner.query(`CREATE TABLE "admin_api_keys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "tenant_id" uuid NOT NULL, "key_hash" character(64) NOT NULL, "key_hint" character varying(16) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_461458c81b126b28d8efda97e34" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_admin_api_keys_tenant_id" ON "admin_api_keys"  ("tenant_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_admin_api_keys_key_hash" ON "admin_api_keys"  ("key_hash") `);
        await queryRunner.query(`ALTER TABLE "admin_api_keys" ADD CONSTRAINT "FK_56f6f51d43f70ee459801693ebc" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "admin_api_keys" DROP CONSTRAINT "FK_56f6f51d43f70ee459801693ebc"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_admin_api_keys_key_hash"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_admin_api_keys_tenant_id"`);
        await queryRunner.query(`DROP TABLE "admin_api_keys"`);
        await queryRunner.query(`DROP INDEX "public"."UQ_tenants_widget_key"`);
        await queryRunner.query(`DROP TABLE "tenants"`);
    }

}
