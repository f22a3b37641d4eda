import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../../common/errors/error-code';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { AdminSendRateLimit } from '../../rate-limit/rate-limit.decorators';
import { AdminAuth } from '../../tenants/guards/auth.decorators';
import { CurrentTenant } from '../../tenants/guards/tenant-request';
import { TenantContext } from '../../tenants/tenant-context';
import { RedeliverFailedDto, RedeliverFailedResultDto } from '../dto/bulk-redelivery.dto';
import { BulkRedelivery } from './bulk-redelivery.service';

/** Recovery after an outage: a channel's failed deliveries sent again in one request. */
@ApiTags('Admin: handoff channels')
@AdminAuth()
@Controller('v1/admin/handoff/channels')
export class AdminBulkRedeliveryController {
  constructor(private readonly bulk: BulkRedelivery) {}

  /**
   * Sends again every failed delivery of the channel (of any kind) made since `since`, at most
   * 1,000, oldest first: they are pending at once and go a few at a time, so other workspaces'
   * deliveries are not held up. One admin send for the limit.
   */
  @Post(':channel/redeliver-failed')
  @HttpCode(HttpStatus.ACCEPTED)
  @AdminSendRateLimit()
  @ApiAcceptedResponse({ type: RedeliverFailedResultDto })
  @ApiErrors(HttpStatus.NOT_FOUND, { status: HttpStatus.BAD_REQUEST, description: `\`since\` is not an ISO 8601 date and time (\`${ErrorCode.ValidationFailed}\`).` })
  async redeliverFailedDeliveries(
    @CurrentTenant() tenant: TenantContext,
    @Param('channel') channel: string,
    @Body() body: RedeliverFailedDto,
  ): Promise<RedeliverFailedResultDto> {
    return { count: await this.bulk.redeliverFailed(tenant.id, channel, new Date(body.since)) };
  }
}
