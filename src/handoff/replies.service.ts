import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ConversationsService } from '../conversations/conversations.service';
import { Message, MessageRole, MessageSource } from '../conversations/entities/message.entity';
import { HandoffMetrics } from './handoff.metrics';
import { HandoffsRepository } from './handoffs.repository';

/** An agent's answer to the visitor, as its author gives it. */
export interface Reply {
  content: string;
  authorName: string;
}

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
    const { message, answered } = await this.dataSource.transaction(async (manager) => {
      const { message } = await this.conversations.addAgentMessage(manager, conversation.id, {
        role: MessageRole.Agent,
        content: reply.content,
        author: { name: reply.authorName, source },
      });
      // An agent message always carries the open handoff it answers (the statement requires one).
      return { message, answered: await this.handoffs.markAnswered(manager, message.handoffId as string, message.createdAt) };
    });
    this.conversations.announce(message);
    if (answered) this.metrics.firstReply(answered.createdAt, answered.firstReplyAt);
    return message;
  }
}
