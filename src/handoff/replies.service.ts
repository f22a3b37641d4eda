import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { ErrorCode } from '../common/errors/error-code';
import { ConversationsService } from '../conversations/conversations.service';
import { ConversationMode } from '../conversations/entities/conversation.entity';
import { Message, MessageRole, MessageSource } from '../conversations/entities/message.entity';
import { HandoffStatus } from './entities/handoff.entity';
import { HandoffMetrics } from './handoff.metrics';
import { HandoffsRepository } from './handoffs.repository';

/** An agent's answer to the visitor, as its author gives it. */
export interface Reply {
  content: string;
  authorName: string;
}

/**
 * What became of a helpdesk's answer to a handoff: `recorded`; `duplicate` when it was recorded
 * before; `ignored` when it cannot be given (another handoff of the conversation is open).
 */
export type HandoffReplyOutcome = 'recorded' | 'duplicate' | 'ignored';

/** Records, in the answer's transaction, that the helpdesk's item was taken: false when it was already. */
export type RecordOnce = (manager: EntityManager) => Promise<boolean>;

interface AddedAnswer {
  message: Message;
  /** Set when this was the handoff's first answer. */
  answered: { createdAt: Date; firstReplyAt: Date } | null;
}

/** Thrown inside the answer's transaction to leave nothing behind. */
class AnswerIgnored extends Error {}

/**
 * Agents' answers to the visitor: from the console or any system with an admin key (source
 * `admin`), and from helpdesks. An answer needs an open handoff, makes the conversation's mode
 * `agent` (the assistant may no longer post), and the first one marks the handoff answered.
 */
@Injectable()
export class RepliesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly conversations: ConversationsService,
    private readonly handoffs: HandoffsRepository,
    private readonly metrics: HandoffMetrics,
  ) {}

  /** 404 for another tenant's conversation, 409 NO_OPEN_HANDOFF without an open handoff. */
  async reply(tenantId: string, conversationId: string, reply: Reply, source: MessageSource): Promise<Message> {
    const conversation = await this.conversations.getForTenant(tenantId, conversationId);
    const added = await this.dataSource.transaction((manager) => this.addAnswer(manager, conversation.id, reply, source));
    this.published(added);
    return added.message;
  }

  /**
   * A helpdesk's answer to one handoff of the tenant. `recordOnce` runs first in the same
   * transaction, so two copies of the same answer record one message. On a resolved handoff the
   * answer reopens it, unless another handoff of the conversation is open (then it is ignored and
   * nothing is recorded), as it is in a conversation that holds its limit of messages.
   */
  async replyToHandoff(tenantId: string, handoffId: string, reply: Reply, source: MessageSource, recordOnce: RecordOnce): Promise<HandoffReplyOutcome> {
    const handoff = await this.handoffs.findForTenant(tenantId, handoffId);
    if (!handoff) return 'ignored';
    let added: AddedAnswer | null;
    try {
      added = await this.dataSource.transaction(async (manager) => {
        if (!(await recordOnce(manager))) return null;
        await this.openForAnswer(manager, handoff.id, handoff.conversationId);
        return this.addAnswer(manager, handoff.conversationId, reply, source);
      });
    } catch (error) {
      // A full conversation takes no more messages: the helpdesk is not asked to send it again.
      if (error instanceof AnswerIgnored || (error instanceof AppError && error.code === ErrorCode.MessageLimitReached)) return 'ignored';
      throw error;
    }
    if (!added) return 'duplicate';
    this.published(added);
    return 'recorded';
  }

  /** The agent message, on the conversation's open handoff, which the first answer marks answered. */
  private async addAnswer(manager: EntityManager, conversationId: string, reply: Reply, source: MessageSource): Promise<AddedAnswer> {
    const { message } = await this.conversations.addAgentMessage(manager, conversationId, {
      role: MessageRole.Agent,
      content: reply.content,
      author: { name: reply.authorName, source },
    });
    // An agent message always carries the open handoff it answers (the statement requires one).
    return { message, answered: await this.handoffs.markAnswered(manager, message.handoffId as string, message.createdAt) };
  }

  /** Once committed: follow-ups learn of the message, and a first answer is measured. */
  private published({ message, answered }: AddedAnswer): void {
    this.conversations.announce(message);
    if (answered) this.metrics.firstReply(answered.createdAt, answered.firstReplyAt);
  }

  /** Makes the handoff the conversation's open one (reopening it, as the console would), or throws AnswerIgnored. */
  private async openForAnswer(manager: EntityManager, handoffId: string, conversationId: string): Promise<void> {
    const conversation = await this.conversations.lock(manager, conversationId);
    if (conversation?.openHandoffId === handoffId) return;
    if (!conversation || conversation.openHandoffId || (await this.handoffs.setStatus(manager, handoffId, HandoffStatus.Open)) === 'conflict') {
      throw new AnswerIgnored();
    }
    // The answer that follows makes the mode `agent`.
    await this.conversations.setMode(manager, conversationId, { mode: ConversationMode.Waiting, openHandoffId: handoffId, agentName: null });
  }
}
