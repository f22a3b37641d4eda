import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A delivery's allowed attempts live on its row and nowhere else: rows scheduled before the
 * column was kept get their channel's policy as it stood (email's default schedule, one try for
 * the webhook, the helpdesks' own), so the claim can refuse a delivery with no tries left.
 */
export class DeliveryTriesInTheRow1796600000000 implements MigrationInterface {
  name = 'DeliveryTriesInTheRow1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE "deliveries" SET "max_attempts" = CASE "channel"
         WHEN 'email' THEN 10 WHEN 'webhook' THEN 1 WHEN 'zendesk' THEN 6 ELSE 5 END
       WHERE "max_attempts" IS NULL`,
    );
    await queryRunner.query(`ALTER TABLE "deliveries" ALTER COLUMN "max_attempts" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "deliveries" ALTER COLUMN "max_attempts" DROP NOT NULL`);
  }
}
