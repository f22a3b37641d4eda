import { Body, Controller, Get, HttpStatus, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { ConversationRateLimit, TenantRateLimit, WidgetIpRateLimit } from '../rate-limit/rate-limit.decorators';
import { RateLimits } from '../rate-limit/rate-limit.names';
import { WidgetAuth } from '../tenants/guards/auth.decorators';
import { CurrentTenant } from '../tenants/guards/tenant-request';
import { isHandoffAvailable, TenantContext } from '../tenants/tenant-context';
import { ConversationsService } from './conversations.service';
import { CreatedConversationDto } from './dto/conversation.dto';
import {
  ListMessagesQueryDto,
  MessageListDto,
  MESSAGES_PER_READ,
  PostedVisitorMessageDto,
  PostVisitorMessageDto,
  toMessageDto,
  toAgentDto,
  toMessagePage,
} from './dto/message.dto';
import { Conversation, ConversationMode } from './entities/conversation.entity';
import { MessageRole } from './entities/message.entity';
import { MESSAGE_LIMIT_RESPONSE } from './message-limit';
import { EscalationIntentDetector } from './escalation/escalation-intent.service';
import { VisitorAuth } from './guards/visitor-auth.decorator';
import { CurrentConversation } from './guards/visitor-token.guard';

@ApiTags('Widget')
@Controller('v1/widget/conversations')
export class WidgetConversationsController {
  constructor(
    private readonly conversations: ConversationsService,
    private readonly escalation: EscalationIntentDetector,
  ) {}

  /** Opens a conversation for a visitor; the visitor token is shown only in this response. */
  @Post()
  @TenantRateLimit(RateLimits.tenantConversations)
  @WidgetAuth()
  @WidgetIpRateLimit()
  @ApiCreatedResponse({ type: CreatedConversationDto })
  async openConversation(@CurrentTenant() tenant: TenantContext): Promise<CreatedConversationDto> {
    const { conversation, visitorToken } = await this.conversations.open(tenant.id);
    return { conversationId: conversation.id, visitorToken };
  }

  /** Posts the visitor's message and says whether to offer a handoff inline. */
  @Post(':id/messages')
  @ConversationRateLimit()
  @VisitorAuth()
  @WidgetIpRateLimit()
  @ApiCreatedResponse({ type: PostedVisitorMessageDto })
  @ApiErrors(HttpStatus.BAD_REQUEST, MESSAGE_LIMIT_RESPONSE)
  async postVisitorMessage(
    @CurrentTenant() tenant: TenantContext,
    @CurrentConversation() conversation: Conversation,
    @Body() body: PostVisitorMessageDto,
  ): Promise<PostedVisitorMessageDto> {
    const { message, mode, previousAssistantMessage } = await this.conversations.addMessage(conversation.id, {
      role: MessageRole.User,
      content: body.content,
    });
    const { detected } = this.escalation.detect(body.content, { previousAssistantMessage });
    // While a handoff is open there is already one: the team has the conversation.
    const offerHandoff = detected && mode === ConversationMode.Assistant && isHandoffAvailable(tenant);
    return { message: toMessageDto(message), escalation: { detected, offerHandoff } };
  }

  /**
   * The conversation's messages, oldest first, at most 100 per call: with `after`, only those with
   * a greater `sequence`. `nextAfter` says where to read on; `mode` and `agent` say who is
   * talking. The widget polls this way for replies, reading each message once; what it is
   * returned counts as seen by the visitor.
   */
  @Get(':id/messages')
  @ConversationRateLimit()
  @VisitorAuth()
  @WidgetIpRateLimit()
  @ApiOkResponse({ type: MessageListDto })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  async listVisitorMessages(
    @CurrentConversation() conversation: Conversation,
    @Query() query: ListMessagesQueryDto,
  ): Promise<MessageListDto> {
    const read = await this.conversations.readAfter(conversation.id, query.after ?? 0, MESSAGES_PER_READ, true);
    return { ...toMessagePage(read.messages, MESSAGES_PER_READ), mode: read.mode, agent: toAgentDto(read) };
  }
}
