import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Repository } from 'typeorm';
import { CursorPosition } from '../common/pagination/cursor';
import { Conversation, ConversationMode } from './entities/conversation.entity';
import { Message, MessageRole, MessageSource } from './entities/message.entity';

/** A message to add, as its author gives it. */
export interface NewMessage {
  role: MessageRole;
  content: string;
  offerHandoff?: boolean;
  /** Agent messages: who wrote it, and where. */
  author?: { name: string; source: MessageSource };
}

/** A page of messages and who is talking, read together. */
export interface MessageRead {
  messages: Message[];
  mode: ConversationMode;
  agentName: string | null;
}

/** What adding a message did, or why the conversation refused it. */
export type AppendResult =
  | {
      added: true;
      message: Message;
      /** The conversation's mode after the message. */
      mode: ConversationMode;
      /** The conversation's last assistant message before this one, if any. */
      previousAssistantMessage: string | null;
    }
  | { added: false; refusal: AppendRefusal };

export type AppendRefusal = 'message_limit' | 'agent_active' | 'no_open_handoff' | 'not_found';

interface AppendedRow {
  id: string;
  seq: number;
  created_at: Date;
  handoff_id: string | null;
  mode: ConversationMode;
  previous_assistant_content: string | null;
}

const MESSAGE_COLUMNS = 'id, conversation_id, seq, role, content, offer_handoff, author_name, source, handoff_id, created_at';

/** The `conversations` and `messages` tables. */
@Injectable()
export class ConversationsRepository {
  constructor(
    @InjectRepository(Conversation) private readonly conversations: Repository<Conversation>,
    @InjectRepository(Message) private readonly messages: Repository<Message>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  create(tenantId: string, visitorTokenHash: string): Promise<Conversation> {
    return this.conversations.save(this.conversations.create({ tenantId, visitorTokenHash }));
  }

  /** Plain SQL: it runs on every visitor request, and a query builder costs more CPU than the query. */
  async findForVisitor(tenantId: string, id: string, visitorTokenHash: string): Promise<Conversation | null> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      'SELECT * FROM conversations WHERE id = $1 AND tenant_id = $2 AND visitor_token_hash = $3 AND erased_at IS NULL',
      [id, tenantId, visitorTokenHash],
    );
    return rows[0] ? toConversation(rows[0]) : null;
  }

  findForTenant(tenantId: string, id: string): Promise<Conversation | null> {
    return this.conversations.findOne({ where: { id, tenantId, erasedAt: IsNull() } });
  }

  /**
   * Adds a message in one statement (one round trip, atomic: it runs for every message). The
   * update of the conversation's row numbers the message, enforces the per-conversation limit and
   * decides who may talk, on that row under its lock, so concurrent requests are ordered: an
   * assistant message is refused once an agent's answer has committed (`mode` is `agent`), an
   * agent message needs an open handoff and makes the mode `agent`. The message takes the open
   * handoff's id: that is what makes it a follow-up. The statement also returns the last assistant
   * message before this one (the snapshot does not include the row it inserts).
   */
  async append(conversationId: string, message: NewMessage, limit: number, manager: EntityManager = this.dataSource.manager): Promise<AppendResult> {
    const { role, content, offerHandoff = false, author } = message;
    const rows: AppendedRow[] = await manager.query(
      `WITH counted AS (
         UPDATE conversations
         SET message_count = message_count + 1, last_message_at = now(),
             mode = CASE WHEN $3 = 'agent' THEN 'agent' ELSE mode END,
             agent_name = CASE WHEN $3 = 'agent' THEN $6 ELSE agent_name END
         WHERE id = $1 AND message_count < $2
           AND ($3 <> 'assistant' OR mode <> 'agent')
           AND ($3 <> 'agent' OR open_handoff_id IS NOT NULL)
         RETURNING message_count, open_handoff_id, mode
       )
       INSERT INTO messages (conversation_id, seq, role, content, offer_handoff, author_name, source, handoff_id)
       SELECT $1, message_count, $3, $4, $5, $6, $7, open_handoff_id FROM counted
       RETURNING id, seq, created_at, handoff_id, (SELECT mode FROM counted) AS mode,
         (SELECT content FROM messages WHERE conversation_id = $1 AND role = 'assistant' ORDER BY seq DESC LIMIT 1)
           AS previous_assistant_content`,
      [conversationId, limit, role, content, offerHandoff, author?.name ?? null, author?.source ?? null],
    );
    const row = rows[0];
    if (!row) return { added: false, refusal: await this.whyRefused(conversationId, role, limit, manager) };
    return {
      added: true,
      message: this.messages.create({
        id: row.id,
        conversationId,
        role,
        content,
        offerHandoff,
        authorName: author?.name ?? null,
        source: author?.source ?? null,
        handoffId: row.handoff_id,
        seq: row.seq,
        createdAt: row.created_at,
      }),
      mode: row.mode,
      previousAssistantMessage: row.previous_assistant_content,
    };
  }

  /** Why `append` added nothing: read after the fact, on the rare path. */
  private async whyRefused(conversationId: string, role: MessageRole, limit: number, manager: EntityManager): Promise<AppendRefusal> {
    const [row]: { message_count: number; mode: ConversationMode; open_handoff_id: string | null }[] = await manager.query(
      'SELECT message_count, mode, open_handoff_id FROM conversations WHERE id = $1',
      [conversationId],
    );
    if (!row) return 'not_found';
    if (row.message_count >= limit) return 'message_limit';
    if (role === MessageRole.Assistant && row.mode === ConversationMode.Agent) return 'agent_active';
    return 'no_open_handoff';
  }

  /**
   * At most `limit` messages after `after`, oldest first, plus one more if there is one (to tell
   * whether more follow), with who is talking: one statement, so the mode is the one those
   * messages were written under (an agent's answer never comes with a mode still `waiting`). For
   * the visitor (`markSeen`), the highest `sequence` returned is kept as read, in the same statement.
   */
  async readAfter(conversationId: string, after: number, limit: number, markSeen: boolean): Promise<MessageRead> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH page AS (
         SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3::int + 1
       ), seen AS (
         UPDATE conversations SET visitor_seen_seq = returned.last
         FROM (SELECT max(seq) AS last FROM (SELECT seq FROM page ORDER BY seq LIMIT $3::int) first_page) returned
         WHERE $4::boolean AND id = $1 AND visitor_seen_seq < returned.last
       )
       SELECT page.*, conversation.mode AS conversation_mode, conversation.agent_name AS conversation_agent_name
       FROM conversations conversation LEFT JOIN page ON true
       WHERE conversation.id = $1
       ORDER BY page.seq`,
      [conversationId, after, limit, markSeen],
    );
    const [first] = rows;
    return {
      messages: rows.filter((row) => row.id !== null).map(toMessage),
      mode: (first?.conversation_mode as ConversationMode | undefined) ?? ConversationMode.Assistant,
      agentName: (first?.conversation_agent_name as string | null | undefined) ?? null,
    };
  }

  /**
   * The newest messages of a handoff's snapshot (its first `length` messages) whose contents add
   * up to at most `budgetBytes`, oldest first: a delivery loads no more than its channel can send,
   * however long the conversation.
   */
  async newestWithin(conversationId: string, length: number, budgetBytes: number): Promise<Message[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${MESSAGE_COLUMNS} FROM (
         SELECT *, sum(octet_length(content)) OVER (ORDER BY seq DESC) AS running_bytes
         FROM messages WHERE conversation_id = $1 AND seq <= $2
       ) newest WHERE running_bytes <= $3 ORDER BY seq ASC`,
      [conversationId, length, budgetBytes],
    );
    return rows.map(toMessage);
  }

  /** These messages of the conversation, in order. */
  byIds(conversationId: string, ids: string[]): Promise<Message[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.messages.find({ where: { conversationId, id: In(ids) }, order: { seq: 'ASC' } });
  }

  /** The handoff's messages after `afterSeq` (those added while it was open), in order. */
  async ofHandoffAfter(handoffId: string, afterSeq: number, manager: EntityManager = this.dataSource.manager): Promise<Message[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE handoff_id = $1 AND seq > $2 ORDER BY seq`,
      [handoffId, afterSeq],
    );
    return rows.map(toMessage);
  }

  /** The last agent's name on a handoff, from its messages. */
  async lastAgentOf(handoffId: string, manager: EntityManager): Promise<string | null> {
    const [row]: { author_name: string }[] = await manager.query(
      `SELECT author_name FROM messages WHERE handoff_id = $1 AND role = 'agent' ORDER BY seq DESC LIMIT 1`,
      [handoffId],
    );
    return row?.author_name ?? null;
  }

  /**
   * Locks the conversation's row for a change of who is talking, and returns its message count
   * and open handoff: messages wait for the change to commit, and the change sees every message
   * committed before it.
   */
  async lock(manager: EntityManager, conversationId: string): Promise<{ messageCount: number; openHandoffId: string | null } | null> {
    const [row]: { message_count: number; open_handoff_id: string | null }[] = await manager.query(
      'SELECT message_count, open_handoff_id FROM conversations WHERE id = $1 FOR UPDATE',
      [conversationId],
    );
    return row ? { messageCount: row.message_count, openHandoffId: row.open_handoff_id } : null;
  }

  /** Who is talking now, and the handoff later messages belong to (null with `assistant`). */
  async setMode(
    manager: EntityManager,
    conversationId: string,
    state: { mode: ConversationMode; openHandoffId: string | null; agentName: string | null },
  ): Promise<void> {
    await manager.query('UPDATE conversations SET mode = $2, open_handoff_id = $3, agent_name = $4 WHERE id = $1', [
      conversationId,
      state.mode,
      state.openHandoffId,
      state.agentName,
    ]);
  }

  /**
   * Erases the conversation inside the caller's transaction: its messages are deleted, its row
   * stays as a skeleton (ids, times, counts) marked erased, handed back to the assistant, and its
   * visitor token no longer matches anything. Returns whether there was one to erase (it takes
   * the row's lock: a message being added waits, then finds it erased).
   */
  async erase(manager: EntityManager, conversationId: string, unmatchableTokenHash: string): Promise<boolean> {
    const [, erased]: [unknown, number] = await manager.query(
      `UPDATE conversations
       SET erased_at = now(), visitor_token_hash = $2, mode = 'assistant', open_handoff_id = NULL, agent_name = NULL
       WHERE id = $1 AND erased_at IS NULL`,
      [conversationId, unmatchableTokenHash],
    );
    if (erased === 0) return false;
    await manager.query('DELETE FROM messages WHERE conversation_id = $1', [conversationId]);
    return true;
  }

  /**
   * Takes one conversation whose tenant keeps transcripts for a while and that has had no message
   * for longer, locked for the caller's transaction; workers running this at once take different
   * ones (SKIP LOCKED). Null when there is none.
   */
  async lockOneToRetire(manager: EntityManager): Promise<string | null> {
    const [row]: { id: string }[] = await manager.query(
      `SELECT c.id FROM conversations c JOIN tenants t ON t.id = c.tenant_id
       WHERE t.transcript_retention_days IS NOT NULL AND c.erased_at IS NULL
         AND COALESCE(c.last_message_at, c.created_at) < now() - make_interval(days => t.transcript_retention_days)
       LIMIT 1 FOR UPDATE OF c SKIP LOCKED`,
    );
    return row?.id ?? null;
  }

  /** One page of the tenant's conversations, newest first (one more than `limit`, to tell whether more follow). */
  pageForTenant(tenantId: string, limit: number, position?: CursorPosition): Promise<Conversation[]> {
    const query = this.conversations
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId AND c.erased_at IS NULL', { tenantId })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(limit + 1);
    if (position) query.andWhere('(c.created_at, c.id) < (:createdAt, :id)', position);
    return query.getMany();
  }
}

/** The one mapping of a raw `conversations` row to the entity. */
function toConversation(row: Record<string, unknown>): Conversation {
  return Object.assign(new Conversation(), {
    id: row.id as string,
    tenantId: row.tenant_id as string,
    visitorTokenHash: row.visitor_token_hash as string,
    messageCount: row.message_count as number,
    createdAt: row.created_at as Date,
    lastMessageAt: row.last_message_at as Date | null,
    mode: row.mode as ConversationMode,
    openHandoffId: row.open_handoff_id as string | null,
    agentName: row.agent_name as string | null,
    visitorSeenSeq: row.visitor_seen_seq as number,
    erasedAt: row.erased_at as Date | null,
  });
}

/** The one mapping of a raw `messages` row to the entity. */
function toMessage(row: Record<string, unknown>): Message {
  return Object.assign(new Message(), {
    id: row.id as string,
    conversationId: row.conversation_id as string,
    seq: row.seq as number,
    role: row.role as MessageRole,
    content: row.content as string,
    offerHandoff: row.offer_handoff as boolean,
    authorName: row.author_name as string | null,
    source: row.source as MessageSource | null,
    handoffId: row.handoff_id as string | null,
    createdAt: row.created_at as Date,
  });
}
