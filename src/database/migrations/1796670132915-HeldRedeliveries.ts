import { MigrationInterface, QueryRunner } from 'typeorm';

/** A bulk redelivery's deliveries wait here for their turn, a tenant's share at a time. */
export class HeldRedeliveries1796670132915 implements MigrationInterface {
  name = 'HeldRedeliveries1796670132915';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "held_redeliveries" ("delivery_id" uuid NOT NULL, "tenant_id" uuid NOT NULL, "channel" character varying(32) NOT NULL, "released_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_702c14f9ee9ecbeb94cc35474a3" PRIMARY KEY ("delivery_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_held_redeliveries_tenant_channel" ON "held_redeliveries"  ("tenant_id", "channel") `);
    await queryRunner.query(
      `ALTER TABLE "held_redeliveries" ADD CONSTRAINT "FK_702c14f9ee9ecbeb94cc35474a3" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "held_redeliveries" ADD CONSTRAINT "FK_7330195456744bc5a285728ea45" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "held_redeliveries" DROP CONSTRAINT "FK_7330195456744bc5a285728ea45"`);
    await queryRunner.query(`ALTER TABLE "held_redeliveries" DROP CONSTRAINT "FK_702c14f9ee9ecbeb94cc35474a3"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_held_redeliveries_tenant_channel"`);
    await queryRunner.query(`DROP TABLE "held_redeliveries"`);
  }
}
