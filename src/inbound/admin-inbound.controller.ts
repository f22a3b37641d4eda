import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { notFound } from '../common/errors/app-error';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { ChannelRegistry } from '../channels/channel-registry';
import { AdminAuth } from '../tenants/guards/auth.decorators';
import { CurrentTenant } from '../tenants/guards/tenant-request';
import { TenantContext } from '../tenants/tenant-context';
import { InboundUrlDto } from './dto/inbound.dto';
import { InboundAddressesService } from './inbound-addresses.service';

@ApiTags('Admin: handoff channels')
@AdminAuth()
@Controller('v1/admin/handoff/channels')
export class AdminInboundController {
  constructor(
    private readonly addresses: InboundAddressesService,
    private readonly registry: ChannelRegistry,
  ) {}

  /**
   * Replaces the channel's inbound address (a leaked one, a helpdesk left behind): the old one
   * answers 404 at once, so set the new one in the helpdesk. 404 for a channel without one.
   */
  @Post(':channel/inbound-url')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: InboundUrlDto })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async replaceInboundUrl(@CurrentTenant() tenant: TenantContext, @Param('channel') channel: string): Promise<InboundUrlDto> {
    if (!this.registry.byName(channel)?.inbound) throw notFound(`Channel '${channel}' with an inbound address`);
    return { inboundUrl: await this.addresses.replace(tenant.id, channel) };
  }
}
