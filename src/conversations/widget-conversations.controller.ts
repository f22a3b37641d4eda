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
} from './dto/message.dto';
import { Conversation } from './entities/conversation.entity';
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
    const { message, previousAssistantMessage } = await this.conversations.addVisitorMessage(conversation.id, body.content);
    const { detected } = this.escalation.detect(body.content, { previousAssistantMessage });
    return {
      message: toMessageDto(message),
      escalation: { detected, offerHandoff: detected && isHandoffAvailable(tenant) },
    };
  }

  /**
   * The conversation's messages, oldest first. With `after`, only those with a greater `sequence`,
   * at most 100: the widget polls this way for assistant replies, reading each message once.
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
    const messages =
      query.after === undefined
        ? await this.conversations.transcript(conversation.id)
        : await this.conversations.messagesAfter(conversation.id, query.after, MESSAGES_PER_READ);
    return { items: messages.map(toMessageDto) };
  }
}
