import { MigrationInterface, QueryRunner } from "typeorm";

export class HandoffsByConversation1795799522612 implements MigrationInterface {
    name = 'HandoffsByConversation1795799522612'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "IDX_handoffs_conversation_created" ON "handoffs"  ("conversation_id", "created_at", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_handoffs_conversation_created"`);
    }

}
