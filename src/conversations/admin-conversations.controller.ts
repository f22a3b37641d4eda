import { Body, Controller, Get, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQueryDto } from '../common/pagination/page-query.dto';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { AdminAuth } from '../tenants/guards/auth.decorators';
import { CurrentTenant } from '../tenants/guards/tenant-request';
import { TenantContext } from '../tenants/tenant-context';
import { ConversationsService } from './conversations.service';
import {
  ConversationDetailDto,
  ConversationListDto,
  toConversationSummary,
} from './dto/conversation.dto';
import { MESSAGE_LIMIT_RESPONSE } from './message-limit';
import {
  MessageDto,
  MESSAGES_PER_READ,
  PostableRole,
  PostMessageDto,
  ReadConversationQueryDto,
  toAgentDto,
  toMessageDto,
  toMessagePage,
} from './dto/message.dto';
import { MessageRole } from './entities/message.entity';
import { ErrorCode } from '../common/errors/error-code';

@ApiTags('Admin')
@AdminAuth()
@Controller('v1/admin/conversations')
export class AdminConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  /** The tenant's conversations, newest first, with cursor pagination. */
  @Get()
  @ApiOkResponse({ type: ConversationListDto })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  async listConversations(
    @CurrentTenant() tenant: TenantContext,
    @Query() query: PageQueryDto,
  ): Promise<ConversationListDto> {
    const page = await this.conversations.listForTenant(tenant.id, query.limit, query.cursor);
    return { items: page.items.map(toConversationSummary), nextCursor: page.nextCursor };
  }

  /**
   * One conversation with its transcript, oldest first (the target of delivery deep links): at most
   * `limit` messages after `after`, with `nextAfter` to read on.
   */
  @Get(':id')
  @ApiOkResponse({ type: ConversationDetailDto })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async getConversation(
    @CurrentTenant() tenant: TenantContext,
    @Param('id') id: string,
    @Query() query: ReadConversationQueryDto,
  ): Promise<ConversationDetailDto> {
    const conversation = await this.conversations.getForTenant(tenant.id, id);
    const limit = query.limit ?? MESSAGES_PER_READ;
    const read = await this.conversations.readAfter(conversation.id, query.after ?? 0, limit);
    const { items, nextAfter } = toMessagePage(read.messages, limit);
    return { ...toConversationSummary(conversation), mode: read.mode, agent: toAgentDto(read), messages: items, nextAfter };
  }

  /**
   * Posts a message into a conversation: the assistant engine's replies. An assistant message with
   * `offerHandoff: true` also offers the visitor a person, under the message. While a person of
   * the team is answering (`mode` is `agent`) an assistant message is refused with 409
   * AGENT_ACTIVE and nothing is recorded: the assistant never talks over a person.
   */
  @Post(':id/messages')
  @ApiCreatedResponse({ type: MessageDto })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, MESSAGE_LIMIT_RESPONSE, {
    status: HttpStatus.CONFLICT,
    description: `An agent is answering: assistant messages are refused until the handoff is resolved (\`${ErrorCode.AgentActive}\`).`,
  })
  async postMessage(
    @CurrentTenant() tenant: TenantContext,
    @Param('id') id: string,
    @Body() body: PostMessageDto,
  ): Promise<MessageDto> {
    const conversation = await this.conversations.getForTenant(tenant.id, id);
    const role = body.role === PostableRole.Assistant ? MessageRole.Assistant : MessageRole.User;
    const { message } = await this.conversations.addMessage(conversation.id, { role, content: body.content, offerHandoff: body.offerHandoff });
    return toMessageDto(message);
  }
}
