import { MigrationInterface, QueryRunner } from "typeorm";

export class MessageHandoffOffer1795797800000 implements MigrationInterface {
    name = 'MessageHandoffOffer1795797800000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "messages" ADD "offer_handoff" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "CHK_messages_offer_handoff_role" CHECK ("offer_handoff" = false OR "role" = 'assistant')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "CHK_messages_offer_handoff_role"`);
        await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "offer_handoff"`);
    }

}
