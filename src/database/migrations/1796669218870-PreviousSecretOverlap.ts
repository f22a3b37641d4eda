import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A rotation with overlap keeps the replaced generated secret (the webhook's signing secret)
 * beside the new one until its window ends; then the row forgets it.
 */
export class PreviousSecretOverlap1796669218870 implements MigrationInterface {
  name = 'PreviousSecretOverlap1796669218870';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "channel_settings" ADD "previous_secret" jsonb`);
    await queryRunner.query(`ALTER TABLE "channel_settings" ADD "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "IDX_channel_settings_previous_secret_expiry" ON "channel_settings"  ("previous_secret_expires_at") WHERE "previous_secret_expires_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "channel_settings" ADD CONSTRAINT "CHK_channel_settings_previous_secret" CHECK (("previous_secret" IS NULL) = ("previous_secret_expires_at" IS NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "channel_settings" DROP CONSTRAINT "CHK_channel_settings_previous_secret"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_channel_settings_previous_secret_expiry"`);
    await queryRunner.query(`ALTER TABLE "channel_settings" DROP COLUMN "previous_secret_expires_at"`);
    await queryRunner.query(`ALTER TABLE "channel_settings" DROP COLUMN "previous_secret"`);
  }
}
