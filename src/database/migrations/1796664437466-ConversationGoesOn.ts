import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conversation goes on after the handoff. Messages gain the `agent` role with its author and
 * source, and the handoff they were added during; the conversation keeps who is talking (`mode`),
 * its open handoff, the last agent's name and how far the visitor has read; a handoff keeps when
 * it was first answered. Deliveries gain their kind, the messages they carry, a time before which
 * they are not sent, and an order; `follow_up_cursors` says how far each lane of a handoff has
 * been followed up. Conversations with an open handoff start `waiting`, their lanes at the end of
 * the conversation as it is (nothing already there is sent again).
 */
export class ConversationGoesOn1796664437466 implements MigrationInterface {
  name = 'ConversationGoesOn1796664437466';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "follow_up_cursors" ("handoff_id" uuid NOT NULL, "lane" character varying(32) NOT NULL, "followed_up_seq" integer NOT NULL, CONSTRAINT "PK_31b9472c86cced6be34f347cff6" PRIMARY KEY ("handoff_id", "lane"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "follow_up_cursors" ADD CONSTRAINT "FK_5f0fa1d3d13a9c518d80cb37617" FOREIGN KEY ("handoff_id") REFERENCES "handoffs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await queryRunner.query(`ALTER TABLE "conversations" ADD "mode" character varying(16) NOT NULL DEFAULT 'assistant'`);
    await queryRunner.query(`ALTER TABLE "conversations" ADD "open_handoff_id" uuid`);
    await queryRunner.query(`ALTER TABLE "conversations" ADD "agent_name" character varying(80)`);
    await queryRunner.query(`ALTER TABLE "conversations" ADD "visitor_seen_seq" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `UPDATE "conversations" c SET "mode" = 'waiting', "open_handoff_id" = h."id"
       FROM "handoffs" h WHERE h."conversation_id" = c."id" AND h."status" = 'open'`,
    );
    await queryRunner.query(`ALTER TABLE "conversations" ADD CONSTRAINT "CHK_conversations_mode" CHECK ("mode" IN ('assistant', 'waiting', 'agent'))`);
    await queryRunner.query(
      `ALTER TABLE "conversations" ADD CONSTRAINT "CHK_conversations_open_handoff_mode" CHECK (("open_handoff_id" IS NULL) = ("mode" = 'assistant'))`,
    );

    await queryRunner.query(`ALTER TABLE "messages" ADD "author_name" character varying(80)`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "source" character varying(16)`);
    await queryRunner.query(`ALTER TABLE "messages" ADD "handoff_id" uuid`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "CHK_messages_role"`);
    await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "CHK_messages_role" CHECK ("role" IN ('user', 'assistant', 'agent'))`);
    await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "CHK_messages_source" CHECK ("source" IN ('admin', 'zendesk', 'freshdesk', 'slack'))`);
    await queryRunner.query(
      `ALTER TABLE "messages" ADD CONSTRAINT "CHK_messages_agent_author" CHECK (("role" = 'agent') = ("author_name" IS NOT NULL AND "source" IS NOT NULL))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_messages_handoff_seq" ON "messages"  ("handoff_id", "seq") WHERE "handoff_id" IS NOT NULL`);

    await queryRunner.query(`ALTER TABLE "handoffs" ADD "first_reply_at" TIMESTAMP WITH TIME ZONE`);

    await queryRunner.query(`ALTER TABLE "deliveries" ADD "kind" character varying(16) NOT NULL DEFAULT 'handoff'`);
    await queryRunner.query(`ALTER TABLE "deliveries" ADD "message_ids" uuid array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "deliveries" ADD "not_before" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "deliveries" ADD "ordinal" bigint GENERATED ALWAYS AS IDENTITY NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "deliveries" ADD CONSTRAINT "CHK_deliveries_kind" CHECK ("kind" IN ('handoff', 'follow_up', 'resolved', 'visitor_email', 'erased'))`,
    );
    await queryRunner.query(`ALTER TABLE "deliveries" DROP CONSTRAINT "CHK_deliveries_status"`);
    await queryRunner.query(
      `ALTER TABLE "deliveries" ADD CONSTRAINT "CHK_deliveries_status" CHECK ("status" IN ('pending', 'delivering', 'delivered', 'failed', 'cancelled'))`,
    );
    await queryRunner.query(`DROP INDEX "public"."UQ_deliveries_handoff_channel"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_deliveries_handoff_channel" ON "deliveries" ("handoff_id", "channel") WHERE "kind" = 'handoff'`);
    await queryRunner.query(`CREATE INDEX "IDX_deliveries_handoff_channel_ordinal" ON "deliveries"  ("handoff_id", "channel", "ordinal") `);

    // The open handoffs' lanes start where their conversations are now: only what comes next follows.
    await queryRunner.query(
      `INSERT INTO "follow_up_cursors" ("handoff_id", "lane", "followed_up_seq")
       SELECT d."handoff_id", d."channel", c."message_count"
       FROM "deliveries" d JOIN "handoffs" h ON h."id" = d."handoff_id" JOIN "conversations" c ON c."id" = h."conversation_id"
       WHERE h."status" = 'open' AND d."channel" IN ('email', 'webhook')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "deliveries" WHERE "kind" <> 'handoff'`);
    await queryRunner.query(`UPDATE "deliveries" SET "status" = 'failed' WHERE "status" = 'cancelled'`);
    await queryRunner.query(`DELETE FROM "messages" WHERE "role" = 'agent'`);
    await queryRunner.query(`DROP INDEX "public"."IDX_deliveries_handoff_channel_ordinal"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_deliveries_handoff_channel"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_deliveries_handoff_channel" ON "deliveries" ("handoff_id", "channel") `);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP CONSTRAINT "CHK_deliveries_status"`);
    await queryRunner.query(`ALTER TABLE "deliveries" ADD CONSTRAINT "CHK_deliveries_status" CHECK ("status" IN ('pending', 'delivering', 'delivered', 'failed'))`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP CONSTRAINT "CHK_deliveries_kind"`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "ordinal"`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "not_before"`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "message_ids"`);
    await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "kind"`);
    await queryRunner.query(`ALTER TABLE "handoffs" DROP COLUMN "first_reply_at"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_messages_handoff_seq"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "CHK_messages_agent_author"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "CHK_messages_source"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP CONSTRAINT "CHK_messages_role"`);
    await queryRunner.query(`ALTER TABLE "messages" ADD CONSTRAINT "CHK_messages_role" CHECK ("role" IN ('user', 'assistant'))`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "handoff_id"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "source"`);
    await queryRunner.query(`ALTER TABLE "messages" DROP COLUMN "author_name"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "CHK_conversations_open_handoff_mode"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP CONSTRAINT "CHK_conversations_mode"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "visitor_seen_seq"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "agent_name"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "open_handoff_id"`);
    await queryRunner.query(`ALTER TABLE "conversations" DROP COLUMN "mode"`);
    await queryRunner.query(`ALTER TABLE "follow_up_cursors" DROP CONSTRAINT "FK_5f0fa1d3d13a9c518d80cb37617"`);
    await queryRunner.query(`DROP TABLE "follow_up_cursors"`);
  }
}
