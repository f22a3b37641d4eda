import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/error-code';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { AppConfig } from '../config/app-config';
import { AdminAuth } from '../tenants/guards/auth.decorators';
import { CurrentTenant } from '../tenants/guards/tenant-request';
import { TenantContext } from '../tenants/tenant-context';
import {
  DeliveryDto,
  DeliveryListDto,
  HandoffDetailDto,
  HandoffListDto,
  ListDeliveriesQueryDto,
  ListHandoffsQueryDto,
  UpdateHandoffDto,
} from './dto/handoff.dto';
import { toDeliveryDto, toDeliveryWithAttemptsDto, toHandoffDetailDto, toHandoffDto } from './handoff-views';
import { DEFAULT_PAGE_SIZE } from '../common/pagination/cursor';
import { HandoffsService } from './handoffs.service';
import { RedeliverRoute } from './redeliver-route.decorator';

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
    return { items: page.items.map((item) => toHandoffDto(item, this.config.adminBaseUrl)), nextCursor: page.nextCursor };
  }

  /** One handoff with every delivery attempt. */
  @Get(':id')
  @ApiOkResponse({ type: HandoffDetailDto })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async getHandoff(@CurrentTenant() tenant: TenantContext, @Param('id') id: string): Promise<HandoffDetailDto> {
    return toHandoffDetailDto(await this.handoffs.getWithAttempts(tenant.id, id), this.config.adminBaseUrl);
  }

  /**
   * Every delivery of the handoff, in the order they were made: each channel's delivery of the
   * handoff itself, then follow-ups, resolutions and visitor emails, with their attempts.
   */
  @Get(':id/deliveries')
  @ApiOkResponse({ type: DeliveryListDto })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND)
  async listHandoffDeliveries(
    @CurrentTenant() tenant: TenantContext,
    @Param('id') id: string,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<DeliveryListDto> {
    const page = await this.handoffs.deliveries(tenant.id, id, query.limit ?? DEFAULT_PAGE_SIZE, { kind: query.kind, afterOrdinal: query.cursor });
    return { items: page.items.map(toDeliveryWithAttemptsDto), nextCursor: page.nextOrdinal };
  }

  /** Sends one channel's delivery of the handoff itself again now (a new attempt with the same handoffId). */
  @RedeliverRoute(':id/deliveries/:channel/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  async redeliverHandoff(
    @CurrentTenant() tenant: TenantContext,
    @Param('id') id: string,
    @Param('channel') channel: string,
  ): Promise<DeliveryDto> {
    return toDeliveryDto(await this.handoffs.redeliver(tenant.id, id, channel));
  }

  /**
   * Marks a handoff resolved (the conversation goes back to the assistant; a webhook hears
   * `handoff.resolved`), or reopens it (back to the team: `agent` if it had been answered, else
   * `waiting`; its follow-ups resume).
   */
  @Patch(':id')
  @ApiOkResponse({ type: HandoffDetailDto })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, {
    status: HttpStatus.CONFLICT,
    description: `Reopening while another handoff of the conversation is open (\`${ErrorCode.Conflict}\`), or reopening an erased handoff (\`${ErrorCode.HandoffErased}\`).`,
  })
  async updateHandoff(
    @CurrentTenant() tenant: TenantContext,
    @Param('id') id: string,
    @Body() body: UpdateHandoffDto,
  ): Promise<HandoffDetailDto> {
    return toHandoffDetailDto(await this.handoffs.setStatus(tenant.id, id, body.status), this.config.adminBaseUrl);
  }
}
