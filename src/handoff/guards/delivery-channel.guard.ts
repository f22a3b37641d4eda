import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-code';
import { ChannelSettingsService } from '../../delivery/channel-settings/channel-settings.service';
import { TenantRequest } from '../../tenants/guards/tenant-request';

export function noDeliveryChannel(): AppError {
  return new AppError(
    HttpStatus.PRECONDITION_FAILED,
    ErrorCode.NoDeliveryChannel,
    "Handoff isn't available: no delivery channel is configured for this workspace.",
  );
}

/** 412 NO_DELIVERY_CHANNEL when handoff is on but no channel could deliver a handoff now. */
@Injectable()
export class DeliveryChannelGuard implements CanActivate {
  constructor(private readonly channels: ChannelSettingsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const { tenant } = context.switchToHttp().getRequest<TenantRequest>();
    if ((await this.channels.configuredChannels(tenant.id)).length === 0) throw noDeliveryChannel();
    return true;
  }
}
