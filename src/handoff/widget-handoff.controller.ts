import { Body, Controller, HttpStatus, Post, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ErrorCode } from '../common/errors/error-code';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { Conversation } from '../conversations/entities/conversation.entity';
import { VisitorAuth } from '../conversations/guards/visitor-auth.decorator';
import { CurrentConversation } from '../conversations/guards/visitor-token.guard';
import { ConversationRateLimit, TenantRateLimit, WidgetIpRateLimit } from '../rate-limit/rate-limit.decorators';
import { RateLimits } from '../rate-limit/rate-limit.names';
import { CurrentTenant } from '../tenants/guards/tenant-request';
import { TenantContext } from '../tenants/tenant-context';
import { CreatedHandoffDto, CreateHandoffDto } from './dto/handoff.dto';
import { DeliveryChannelGuard } from './guards/delivery-channel.guard';
import { HandoffEnabledGuard } from './guards/handoff-enabled.guard';
import { HandoffsService } from './handoffs.service';

@ApiTags('Widget')
@Controller('v1/widget/conversations')
export class WidgetHandoffController {
  constructor(private readonly handoffs: HandoffsService) {}

  /**
   * "Contact a human": records a handoff of the conversation and queues its delivery to every
   * configured channel. While the conversation has an open handoff, that one is returned (200).
   */
  @Post(':id/handoff')
  @TenantRateLimit(RateLimits.tenantHandoffs)
  @UseGuards(HandoffEnabledGuard, DeliveryChannelGuard)
  @ConversationRateLimit()
  @VisitorAuth()
  @WidgetIpRateLimit()
  @ApiAcceptedResponse({ type: CreatedHandoffDto, description: 'Handoff recorded; deliveries queued.' })
  @ApiOkResponse({ type: CreatedHandoffDto, description: 'The conversation already has this open handoff.' })
  @ApiErrors(
    HttpStatus.BAD_REQUEST,
    {
      status: HttpStatus.FORBIDDEN,
      description: `Handoff is disabled for the workspace: entitlement or toggle off (\`${ErrorCode.HandoffDisabled}\`).`,
    },
    {
      status: HttpStatus.PRECONDITION_FAILED,
      description: `Handoff is enabled but no channel could deliver it now: none is configured, or each lacks something (\`${ErrorCode.NoDeliveryChannel}\`).`,
    },
  )
  async createHandoff(
    @CurrentTenant() tenant: TenantContext,
    @CurrentConversation() conversation: Conversation,
    @Body() body: CreateHandoffDto,
    @Res({ passthrough: true }) response: FastifyReply,
  ): Promise<CreatedHandoffDto> {
    const { handoff, created } = await this.handoffs.create(tenant.id, conversation.id, body);
    response.status(created ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return { handoffId: handoff.id, status: handoff.status };
  }
}
