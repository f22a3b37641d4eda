import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/error-code';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { AppConfig } from '../config/app-config';
import { AdminSendRateLimit } from '../rate-limit/rate-limit.decorators';
import { AdminAuth } from '../tenants/guards/auth.decorators';
import { CurrentTenant } from '../tenants/guards/tenant-request';
import { TenantContext } from '../tenants/tenant-context';
import { DeliveryDto, HandoffDetailDto, HandoffListDto, ListHandoffsQueryDto, UpdateHandoffDto } from './dto/handoff.dto';
import { toDeliveryDto, toHandoffDetailDto, toHandoffDto } from './handoff-views';
import { HandoffsService } from './handoffs.service';

@ApiTags('Admin: handoffs')
@AdminAuth()
@Controller('v1/admin/handoffs')
export class AdminHandoffsController {
  constructor(
    private readonly handoffs: HandoffsService,
    private readonly config: AppConfig,
  ) {}

  /** Handoffs newest first, optionally by status or conversation, with each channel's delivery result. */
  @Get()
  @ApiOkResponse({ type: HandoffListDto })
  @ApiErrors(HttpStatus.BAD_REQUEST)
  async listHandoffs(@CurrentTenant() tenant: TenantContext, @Query() query: ListHandoffsQueryDto): Promise<HandoffListDto> {
    const { status, conversationId, limit, cursor } = query;
    const page = await this.handoffs.list(tenant.id, { status, conversationId }, limit, cursor);
    const items = page.items.map(({ handoff, deliveries }) => toHandoffDto(handoff, deliveries, this.config.adminBaseUrl));
    return { items, nextCursor: page.nextCursor };
  }

  /** One handoff with every delivery attempt. */
  @Get(':id')
  @ApiOkResponse({ type: HandoffDetailDto })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async getHandoff(@CurrentTenant() tenant: TenantContext, @Param('id') id: string): Promise<HandoffDetailDto> {
    const { handoff, deliveries } = await this.handoffs.getWithAttempts(tenant.id, id);
    return toHandoffDetailDto(handoff, deliveries, this.config.adminBaseUrl);
  }

  /** Sends one channel's delivery again now (a new attempt with the same handoffId). */
  @Post(':id/deliveries/:channel/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  @AdminSendRateLimit()
  @ApiAcceptedResponse({ type: DeliveryDto, description: 'Queued for a new attempt.' })
  @ApiErrors(HttpStatus.NOT_FOUND, {
    status: HttpStatus.CONFLICT,
    description: `The delivery is being attempted right now (\`${ErrorCode.Conflict}\`).`,
  })
  async redeliverHandoff(
    @CurrentTenant() tenant: TenantContext,
    @Param('id') id: string,
    @Param('channel') channel: string,
  ): Promise<DeliveryDto> {
    return toDeliveryDto(await this.handoffs.redeliver(tenant.id, id, channel));
  }

  /** Marks a handoff resolved, or reopens it. */
  @Patch(':id')
  @ApiOkResponse({ type: HandoffDetailDto })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, {
    status: HttpStatus.CONFLICT,
    description: `Reopening while another handoff of the conversation is open (\`${ErrorCode.Conflict}\`).`,
  })
  async updateHandoff(
    @CurrentTenant() tenant: TenantContext,
    @Param('id') id: string,
    @Body() body: UpdateHandoffDto,
  ): Promise<HandoffDetailDto> {
    const { handoff, deliveries } = await this.handoffs.setStatus(tenant.id, id, body.status);
    return toHandoffDetailDto(handoff, deliveries, this.config.adminBaseUrl);
  }
}
