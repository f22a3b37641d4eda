import { MigrationInterface, QueryRunner } from "typeorm";

export class WidgetAllowedOrigins1795797700000 implements MigrationInterface {
    name = 'WidgetAllowedOrigins1795797700000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "tenants" ADD "allowed_origins" text array NOT NULL DEFAULT '{}'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "tenants" DROP COLUMN "allowed_origins"`);
    }

}
