import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { generateToken, sha256Hex } from '../common/crypto/tokens';
import { AppError, notFound } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { isUuid } from '../common/validation/uuid';
import { CursorPosition, decodeCursor, DEFAULT_PAGE_SIZE, Page, toPage } from '../common/pagination/cursor';
import { Conversation } from './entities/conversation.entity';
import { Message, MessageRole } from './entities/message.entity';
import { MAX_MESSAGES_PER_CONVERSATION } from './message-limit';

const VISITOR_TOKEN_PREFIX = 'wvt_';

export interface AppendedMessage {
  message: Message;
  /** The conversation's last assistant message before the visitor's, if any. */
  previousAssistantMessage: string | null;
}

@Injectable()
export class ConversationsService {
  constructor(
    @InjectRepository(Conversation) private readonly conversations: Repository<Conversation>,
    @InjectRepository(Message) private readonly messages: Repository<Message>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Opens a conversation; the visitor token is returned here and never again. */
  async open(tenantId: string): Promise<{ conversation: Conversation; visitorToken: string }> {
    const visitorToken = generateToken(VISITOR_TOKEN_PREFIX);
    const conversation = await this.conversations.save(
      this.conversations.create({ tenantId, visitorTokenHash: sha256Hex(visitorToken) }),
    );
    return { conversation, visitorToken };
  }

  /**
   * The conversation, if the token is its own and it belongs to the tenant. Any mismatch gives the
   * same null, so a caller learns nothing about conversations it does not hold.
   */
  async findForVisitor(tenantId: string, id: string, visitorToken: string): Promise<Conversation | null> {
    if (!isUuid(id)) return null;
    return this.conversations.findOne({ where: { id, tenantId, visitorTokenHash: sha256Hex(visitorToken) } });
  }

  async getForTenant(tenantId: string, id: string): Promise<Conversation> {
    const conversation = isUuid(id) ? await this.conversations.findOne({ where: { id, tenantId } }) : null;
    if (!conversation) throw notFound('Conversation');
    return conversation;
  }

  /** Appends a message (see appendMessage); an assistant's may offer the handoff. */
  async addMessage(conversationId: string, role: MessageRole, content: string, offerHandoff = false): Promise<Message> {
    return (await this.appendMessage(conversationId, role, content, offerHandoff)).message;
  }

  /**
   * Appends a visitor's message, with the conversation's last assistant message before it: what
   * escalation detection reads as context ("I can't help with that" followed by "that's useless").
   */
  async addVisitorMessage(conversationId: string, content: string): Promise<AppendedMessage> {
    return this.appendMessage(conversationId, MessageRole.User, content);
  }

  /**
   * Appends a message; the count update both numbers it and enforces the per-conversation limit.
   * One statement (one round trip, atomic): it runs on every message of every conversation. It
   * also returns the last assistant message before this one: the statement's snapshot does not
   * include the row it inserts, and the lookup walks the (conversation, seq) index backwards.
   */
  private async appendMessage(conversationId: string, role: MessageRole, content: string, offerHandoff = false): Promise<AppendedMessage> {
    const rows: { id: string; seq: number; created_at: Date; previous_assistant_content: string | null }[] =
      await this.dataSource.query(
        `WITH counted AS (
           UPDATE conversations SET message_count = message_count + 1, last_message_at = now()
           WHERE id = $1 AND message_count < $2
           RETURNING message_count
         )
         INSERT INTO messages (conversation_id, seq, role, content, offer_handoff)
         SELECT $1, message_count, $3, $4, $6 FROM counted
         RETURNING id, seq, created_at,
           (SELECT content FROM messages WHERE conversation_id = $1 AND role = $5 ORDER BY seq DESC LIMIT 1)
             AS previous_assistant_content`,
        [conversationId, MAX_MESSAGES_PER_CONVERSATION, role, content, MessageRole.Assistant, offerHandoff],
      );
    const row = rows[0];
    if (!row) {
      throw new AppError(
        HttpStatus.CONFLICT,
        ErrorCode.MessageLimitReached,
        `This conversation has reached its limit of ${MAX_MESSAGES_PER_CONVERSATION} messages; start a new one.`,
      );
    }
    const message = this.messages.create({ id: row.id, conversationId, role, content, offerHandoff, seq: row.seq, createdAt: row.created_at });
    return { message, previousAssistantMessage: row.previous_assistant_content };
  }

  /**
   * The newest messages of a handoff's snapshot (its first `length` messages) whose contents add
   * up to at most `budgetBytes`, oldest first: a delivery loads no more than its channel can send,
   * however long the conversation.
   */
  async newestWithin(conversationId: string, length: number, budgetBytes: number): Promise<Message[]> {
    const rows: { role: MessageRole; content: string; seq: number; created_at: Date }[] = await this.messages.query(
      `SELECT role, content, seq, created_at FROM (
         SELECT role, content, seq, created_at, sum(octet_length(content)) OVER (ORDER BY seq DESC) AS running_bytes
         FROM messages WHERE conversation_id = $1 AND seq <= $2
       ) newest WHERE running_bytes <= $3 ORDER BY seq ASC`,
      [conversationId, length, budgetBytes],
    );
    return rows.map((row) => this.messages.create({ conversationId, role: row.role, content: row.content, seq: row.seq, createdAt: row.created_at }));
  }

  /** At most `limit` messages after the one numbered `after`, oldest first: the widget's incremental read. */
  async messagesAfter(conversationId: string, after: number, limit: number): Promise<Message[]> {
    return this.messages
      .createQueryBuilder('m')
      .where('m.conversation_id = :conversationId AND m.seq > :after', { conversationId, after })
      .orderBy('m.seq', 'ASC')
      .take(limit)
      .getMany();
  }

  async listForTenant(tenantId: string, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<Conversation>> {
    const query = this.conversations
      .createQueryBuilder('c')
      .where('c.tenant_id = :tenantId', { tenantId })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(limit + 1);
    if (cursor) applyCursor(query, decodeCursor(cursor));
    return toPage(await query.getMany(), limit);
  }
}

function applyCursor(query: ReturnType<Repository<Conversation>['createQueryBuilder']>, position: CursorPosition) {
  query.andWhere('(c.created_at, c.id) < (:createdAt, :id)', position);
}
