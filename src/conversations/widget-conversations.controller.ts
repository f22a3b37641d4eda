import { Body, Controller, Get, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { WidgetRateLimit } from '../rate-limit/rate-limit.decorators';
import { WidgetAuth } from '../tenants/guards/auth.decorators';
import { CurrentTenant } from '../tenants/guards/tenant-request';
import { isHandoffAvailable, TenantContext } from '../tenants/tenant-context';
import { ConversationsService } from './conversations.service';
import { CreatedConversationDto } from './dto/conversation.dto';
import { MessageListDto, PostedVisitorMessageDto, PostVisitorMessageDto, toMessageDto } from './dto/message.dto';
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
  @WidgetAuth()
  @WidgetRateLimit()
  @ApiCreatedResponse({ type: CreatedConversationDto })
  async openConversation(@CurrentTenant() tenant: TenantContext): Promise<CreatedConversationDto> {
    const { conversation, visitorToken } = await this.conversations.open(tenant.id);
    return { conversationId: conversation.id, visitorToken };
  }

  /** Posts the visitor's message and says whether to offer a handoff inline. */
  @Post(':id/messages')
  @VisitorAuth()
  @WidgetRateLimit()
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

  /** The conversation's messages, oldest first (the widget polls it for assistant replies). */
  @Get(':id/messages')
  @VisitorAuth()
  @WidgetRateLimit()
  @ApiOkResponse({ type: MessageListDto })
  async listVisitorMessages(@CurrentConversation() conversation: Conversation): Promise<MessageListDto> {
    const messages = await this.conversations.transcript(conversation.id);
    return { items: messages.map(toMessageDto) };
  }
}
