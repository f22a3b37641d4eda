import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../../common/errors/error-code';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { AdminSendRateLimit } from '../../rate-limit/rate-limit.decorators';
import { AdminAuth } from '../../tenants/guards/auth.decorators';
import { CurrentTenant } from '../../tenants/guards/tenant-request';
import { TenantContext } from '../../tenants/tenant-context';
import { CHANNEL_NOT_CONFIGURED, ChannelSecretValueDto, GenerateChannelSecretDto, ChannelTestResultDto, HandoffChannelDto, HandoffChannelListDto } from '../dto/channel.dto';
import { ChannelSettingsService } from './channel-settings.service';
import { ChannelTestService } from './channel-test.service';
import { InboundAddressesService } from '../../inbound/inbound-addresses.service';
import { ChannelView } from './channel-settings.service';
import { toHandoffChannelDto } from './channel-views';

/** Every delivery channel's settings through one API: what a console renders without knowing the channel. */
@ApiTags('Admin: handoff channels')
@AdminAuth()
@Controller('v1/admin/handoff/channels')
export class AdminHandoffChannelsController {
  constructor(
    private readonly settings: ChannelSettingsService,
    private readonly tests: ChannelTestService,
    private readonly inboundAddresses: InboundAddressesService,
  ) {}

  /** Every available channel: its settings (secrets only as set or not), whether it is configured, and its form fields. */
  @Get()
  @ApiOkResponse({ type: HandoffChannelListDto })
  async listHandoffChannels(@CurrentTenant() tenant: TenantContext): Promise<HandoffChannelListDto> {
    return { items: await this.items(tenant.id, await this.settings.list(tenant.id)) };
  }

  /**
   * Saves the channel's settings (the schema of that channel's settings: `EmailSettings`,
   * `WebhookSettings`…). Secrets are write-only: one left out keeps its stored value. The
   * webhook's `events` says what it receives: null or left out, every event (present and future);
   * else a list of `GET /v1/admin/handoff/events` names that includes `handoff.created`.
   */
  @Put(':channel')
  @ApiBody({ description: "The channel's settings.", schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({ type: HandoffChannelDto })
  @ApiErrors(HttpStatus.NOT_FOUND, {
    status: HttpStatus.BAD_REQUEST,
    description: `Invalid settings (\`${ErrorCode.ValidationFailed}\`), or a target refused by the address policy (\`${ErrorCode.WebhookUrlRejected}\`).`,
  })
  async updateHandoffChannel(
    @CurrentTenant() tenant: TenantContext,
    @Param('channel') channel: string,
    @Body() body: Record<string, unknown>,
  ): Promise<HandoffChannelDto> {
    const [item] = await this.items(tenant.id, [await this.settings.put(tenant.id, channel, body)]);
    return item;
  }

  /** Clears the channel: its settings and secrets are forgotten, and it delivers nothing. */
  @Delete(':channel')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Cleared.' })
  @ApiErrors(HttpStatus.NOT_FOUND)
  async deleteHandoffChannel(@CurrentTenant() tenant: TenantContext, @Param('channel') channel: string): Promise<void> {
    await this.settings.clear(tenant.id, channel);
  }

  /**
   * Generates (or replaces) the secret the service makes for the channel (the webhook's signing
   * secret) and shows it this once. With `overlapHours`, the replaced secret keeps signing beside
   * the new one until the channel item's `previousExpiresAt` (the webhook then sends
   * `X-Wilow-Signature-Previous` and two `webhook-signature` entries), and is deleted after; a
   * rotation during an overlap forgets the oldest secret at once.
   */
  @Post(':channel/secret')
  @ApiBody({ type: GenerateChannelSecretDto, required: false })
  @ApiCreatedResponse({ type: ChannelSecretValueDto })
  @ApiErrors(HttpStatus.NOT_FOUND, { status: HttpStatus.BAD_REQUEST, description: `\`overlapHours\` outside 0 to 168 (\`${ErrorCode.ValidationFailed}\`).` })
  async generateHandoffChannelSecret(
    @CurrentTenant() tenant: TenantContext,
    @Param('channel') channel: string,
    @Body() body: GenerateChannelSecretDto,
  ): Promise<ChannelSecretValueDto> {
    return { secret: await this.settings.generateSecret(tenant.id, channel, body.overlapHours) };
  }

  /** Test button: sends a synthetic handoff through the channel now and reports the outcome. */
  @Post(':channel/test')
  @HttpCode(HttpStatus.OK)
  @AdminSendRateLimit()
  @ApiOkResponse({ type: ChannelTestResultDto })
  @ApiErrors(HttpStatus.NOT_FOUND, CHANNEL_NOT_CONFIGURED)
  async testHandoffChannel(@CurrentTenant() tenant: TenantContext, @Param('channel') channel: string): Promise<ChannelTestResultDto> {
    return this.tests.test(tenant, channel);
  }

  /** The channel items, each with its inbound address when it has one. */
  private async items(tenantId: string, views: ChannelView[]): Promise<HandoffChannelDto[]> {
    const urls = await this.inboundAddresses.urlsOf(tenantId, views.map((view) => view.channel));
    return views.map((view) => toHandoffChannelDto(view, urls.get(view.channel.name) ?? null));
  }
}
