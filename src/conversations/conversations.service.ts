import { HttpStatus, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { randomBytes } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { generateToken, sha256Hex } from '../common/crypto/tokens';
import { AppError, notFound } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { DEFAULT_PAGE_SIZE, decodeCursor, Page, toPage } from '../common/pagination/cursor';
import { isUuid } from '../common/validation/uuid';
import { AppendRefusal, ConversationsRepository, MessageRead, NewMessage } from './conversations.repository';
import { Conversation, ConversationMode } from './entities/conversation.entity';
import { Message, MessageRole } from './entities/message.entity';
import { MessageAdded, MESSAGE_ADDED } from './message-added.event';
import { MAX_MESSAGES_PER_CONVERSATION } from './message-limit';

const VISITOR_TOKEN_PREFIX = 'wvt_';

export interface AddedMessage {
  message: Message;
  /** Who is talking after the message. */
  mode: ConversationMode;
  /** The conversation's last assistant message before this one, if any. */
  previousAssistantMessage: string | null;
}

/** Who is talking, as a handoff's change sets it (see HandoffsService). */
export interface ConversationModeState {
  mode: ConversationMode;
  openHandoffId: string | null;
  agentName: string | null;
}

@Injectable()
export class ConversationsService {
  constructor(
    private readonly repository: ConversationsRepository,
    private readonly events: EventEmitter2,
  ) {}

  /** Opens a conversation; the visitor token is returned here and never again. */
  async open(tenantId: string): Promise<{ conversation: Conversation; visitorToken: string }> {
    const visitorToken = generateToken(VISITOR_TOKEN_PREFIX);
    const conversation = await this.repository.create(tenantId, sha256Hex(visitorToken));
    return { conversation, visitorToken };
  }

  /**
   * The conversation, if the token is its own and it belongs to the tenant. Any mismatch gives the
   * same null, so a caller learns nothing about conversations it does not hold.
   */
  async findForVisitor(tenantId: string, id: string, visitorToken: string): Promise<Conversation | null> {
    if (!isUuid(id)) return null;
    return this.repository.findForVisitor(tenantId, id, sha256Hex(visitorToken));
  }

  async getForTenant(tenantId: string, id: string): Promise<Conversation> {
    const conversation = isUuid(id) ? await this.repository.findForTenant(tenantId, id) : null;
    if (!conversation) throw notFound('Conversation');
    return conversation;
  }

  /**
   * Adds a visitor's or the assistant's message (an agent's goes through `addAgentMessage`). An
   * assistant message is refused (409 AGENT_ACTIVE) while a person of the team is answering.
   */
  async addMessage(conversationId: string, message: NewMessage): Promise<AddedMessage> {
    const added = await this.append(conversationId, message);
    this.announce(added.message);
    return added;
  }

  /**
   * Adds an agent's answer inside the caller's transaction (409 NO_OPEN_HANDOFF without an open
   * handoff). The caller announces it once committed.
   */
  addAgentMessage(manager: EntityManager, conversationId: string, message: NewMessage & { role: MessageRole.Agent }): Promise<AddedMessage> {
    return this.append(conversationId, message, manager);
  }

  /** Tells the delivery module of a message added while a handoff was open; call after commit. */
  announce(message: Message): void {
    if (message.handoffId) this.events.emit(MESSAGE_ADDED, new MessageAdded(message.conversationId, message.handoffId, message.seq));
  }

  /**
   * At most `limit` messages after `after`, oldest first, with one more when there is one. A
   * visitor's read (`markSeen`) marks what it returns as seen.
   */
  readAfter(conversationId: string, after: number, limit: number, markSeen = false): Promise<MessageRead> {
    return this.repository.readAfter(conversationId, after, limit, markSeen);
  }

  /** The newest messages of a handoff's snapshot within a byte budget (see ConversationsRepository). */
  newestWithin(conversationId: string, length: number, budgetBytes: number): Promise<Message[]> {
    return this.repository.newestWithin(conversationId, length, budgetBytes);
  }

  byIds(conversationId: string, ids: string[]): Promise<Message[]> {
    return this.repository.byIds(conversationId, ids);
  }

  /** The messages added while the handoff was open, after `afterSeq`, in order. */
  ofHandoffAfter(handoffId: string, afterSeq: number, manager?: EntityManager): Promise<Message[]> {
    return this.repository.ofHandoffAfter(handoffId, afterSeq, manager);
  }

  lastAgentOf(manager: EntityManager, handoffId: string): Promise<string | null> {
    return this.repository.lastAgentOf(handoffId, manager);
  }

  /**
   * Erases the conversation's messages inside the caller's transaction and makes its visitor token
   * match nothing (a hash of random bytes no token has); false when it was erased already.
   */
  erase(manager: EntityManager, conversationId: string): Promise<boolean> {
    return this.repository.erase(manager, conversationId, sha256Hex(randomBytes(32).toString('base64url')));
  }

  /** One conversation due for retention, locked for the caller's transaction (see ConversationsRepository). */
  lockOneToRetire(manager: EntityManager): Promise<string | null> {
    return this.repository.lockOneToRetire(manager);
  }

  /** Locks the conversation for a change of who is talking (see ConversationsRepository.lock). */
  lock(manager: EntityManager, conversationId: string) {
    return this.repository.lock(manager, conversationId);
  }

  setMode(manager: EntityManager, conversationId: string, state: ConversationModeState): Promise<void> {
    return this.repository.setMode(manager, conversationId, state);
  }

  async listForTenant(tenantId: string, limit = DEFAULT_PAGE_SIZE, cursor?: string): Promise<Page<Conversation>> {
    return toPage(await this.repository.pageForTenant(tenantId, limit, cursor ? decodeCursor(cursor) : undefined), limit);
  }

  private async append(conversationId: string, message: NewMessage, manager?: EntityManager): Promise<AddedMessage> {
    const result = await this.repository.append(conversationId, message, MAX_MESSAGES_PER_CONVERSATION, manager);
    if (!result.added) throw refused(result.refusal);
    return result;
  }
}

function refused(refusal: AppendRefusal): AppError {
  switch (refusal) {
    case 'message_limit':
      return new AppError(
        HttpStatus.CONFLICT,
        ErrorCode.MessageLimitReached,
        `This conversation has reached its limit of ${MAX_MESSAGES_PER_CONVERSATION} messages; start a new one.`,
      );
    case 'agent_active':
      return new AppError(
        HttpStatus.CONFLICT,
        ErrorCode.AgentActive,
        'A person of the team is answering this conversation: the assistant must not post until the handoff is resolved.',
      );
    case 'no_open_handoff':
      return new AppError(HttpStatus.CONFLICT, ErrorCode.NoOpenHandoff, 'This conversation has no open handoff to answer.');
    case 'not_found':
      return notFound('Conversation');
  }
}
