import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** A lane of a handoff (a channel, or the visitor) and how far it has been followed up. */
export interface LaneCursor {
  lane: string;
  followedUpSeq: number;
}

/** The `follow_up_cursors` table: how far each lane of a handoff has taken its later messages. */
@Injectable()
export class FollowUpCursorsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The handoff's lanes, locked until the caller's transaction ends: one pass follows a handoff up at a time. */
  async lock(manager: EntityManager, handoffId: string): Promise<LaneCursor[]> {
    const rows: { lane: string; followed_up_seq: number }[] = await manager.query(
      'SELECT lane, followed_up_seq FROM follow_up_cursors WHERE handoff_id = $1 ORDER BY lane FOR UPDATE',
      [handoffId],
    );
    return rows.map((row) => ({ lane: row.lane, followedUpSeq: row.followed_up_seq }));
  }

  async advance(manager: EntityManager, handoffId: string, lane: string, followedUpSeq: number): Promise<void> {
    await manager.query('UPDATE follow_up_cursors SET followed_up_seq = $3 WHERE handoff_id = $1 AND lane = $2', [handoffId, lane, followedUpSeq]);
  }

  /** Closes the handoffs' lanes for good (their conversation was erased), inside the caller's transaction. */
  async close(manager: EntityManager, handoffIds: string[]): Promise<void> {
    await manager.query('DELETE FROM follow_up_cursors WHERE handoff_id = ANY($1)', [handoffIds]);
  }

  /**
   * Open handoffs with messages no pass has taken yet: the event that should have started their
   * pass never arrived (a process stopped between the message and it).
   */
  async behind(limit: number): Promise<string[]> {
    const rows: { handoff_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT cursor.handoff_id
       FROM follow_up_cursors cursor JOIN handoffs handoff ON handoff.id = cursor.handoff_id
       WHERE handoff.status = 'open'
         AND EXISTS (SELECT 1 FROM messages message WHERE message.handoff_id = cursor.handoff_id AND message.seq > cursor.followed_up_seq)
       LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.handoff_id);
  }
}
