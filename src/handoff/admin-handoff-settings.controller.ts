import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/error-code';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { ChannelSettingsService } from '../delivery/channel-settings/channel-settings.service';
import { ChannelTestService } from '../delivery/channel-settings/channel-test.service';
import { CHANNEL_NOT_CONFIGURED, ChannelTestResultDto } from '../delivery/dto/channel.dto';
import { AdminSendRateLimit } from '../rate-limit/rate-limit.decorators';
import { AdminAuth } from '../tenants/guards/auth.decorators';
import { CurrentTenant } from '../tenants/guards/tenant-request';
import { TenantContext } from '../tenants/tenant-context';
import { HandoffSettingsDto, UpdateHandoffSettingsDto, WebhookSecretDto } from './dto/handoff-settings.dto';
import { HandoffSettingsService } from './handoff-settings.service';

/** The first settings API: the toggle, and the email and webhook channels by their own fields. */
@ApiTags('Admin: handoff settings')
@AdminAuth()
@Controller('v1/admin/handoff')
export class AdminHandoffSettingsController {
  constructor(
    private readonly settings: HandoffSettingsService,
    private readonly channels: ChannelSettingsService,
    private readonly tests: ChannelTestService,
  ) {}

  /** The workspace's handoff settings (the webhook secret only as "set" and when). */
  @Get('settings')
  @ApiOkResponse({ type: HandoffSettingsDto })
  async getHandoffSettings(@CurrentTenant() tenant: TenantContext): Promise<HandoffSettingsDto> {
    return this.settings.get(tenant.id);
  }

  /** Changes the fields given; `null` clears the email or webhook channel. */
  @Patch('settings')
  @ApiOkResponse({ type: HandoffSettingsDto })
  @ApiErrors(
    {
      status: HttpStatus.BAD_REQUEST,
      description: `Invalid input (\`${ErrorCode.ValidationFailed}\`), or a webhook URL refused by the address policy (\`${ErrorCode.WebhookUrlRejected}\`).`,
    },
    {
      status: HttpStatus.FORBIDDEN,
      description: `Enabling handoff without the Wilow entitlement (\`${ErrorCode.HandoffNotEntitled}\`).`,
    },
  )
  async updateHandoffSettings(
    @CurrentTenant() tenant: TenantContext,
    @Body() body: UpdateHandoffSettingsDto,
  ): Promise<HandoffSettingsDto> {
    return this.settings.update(tenant.id, body);
  }

  /** Test button: sends a synthetic, signed handoff to the webhook now and reports the outcome. */
  @Post('test/webhook')
  @HttpCode(HttpStatus.OK)
  @AdminSendRateLimit()
  @ApiOkResponse({ type: ChannelTestResultDto })
  @ApiErrors(CHANNEL_NOT_CONFIGURED)
  async testWebhook(@CurrentTenant() tenant: TenantContext): Promise<ChannelTestResultDto> {
    return this.tests.test(tenant, 'webhook');
  }

  /** Test button: sends a sample handoff email now and reports whether the mail server took it. */
  @Post('test/email')
  @HttpCode(HttpStatus.OK)
  @AdminSendRateLimit()
  @ApiOkResponse({ type: ChannelTestResultDto })
  @ApiErrors(CHANNEL_NOT_CONFIGURED)
  async testEmail(@CurrentTenant() tenant: TenantContext): Promise<ChannelTestResultDto> {
    return this.tests.test(tenant, 'email');
  }

  /** Generates (or replaces) the webhook signing secret and shows it this once. */
  @Post('webhook-secret')
  @ApiCreatedResponse({ type: WebhookSecretDto })
  async generateWebhookSecret(@CurrentTenant() tenant: TenantContext): Promise<WebhookSecretDto> {
    return { secret: await this.channels.generateSecret(tenant.id, 'webhook') };
  }
}
