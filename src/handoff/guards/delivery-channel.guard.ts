import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ChannelRegistry } from '../../channels/channel-registry';
import { AppError } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-code';
import { TenantRequest } from '../../tenants/guards/tenant-request';
import { HandoffSettingsService } from '../handoff-settings.service';

export function noDeliveryChannel(): AppError {
  return new AppError(
    HttpStatus.PRECONDITION_FAILED,
    ErrorCode.NoDeliveryChannel,
    "Handoff isn't available: no delivery channel is configured for this workspace.",
  );
}

/** 412 NO_DELIVERY_CHANNEL when handoff is on but neither email nor webhook is configured. */
@Injectable()
export class DeliveryChannelGuard implements CanActivate {
  constructor(
    private readonly settings: HandoffSettingsService,
    private readonly channels: ChannelRegistry,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { tenant } = context.switchToHttp().getRequest<TenantRequest>();
    if (this.channels.configured(await this.settings.channelSettings(tenant.id)).length === 0) {
      throw noDeliveryChannel();
    }
    return true;
  }
}
