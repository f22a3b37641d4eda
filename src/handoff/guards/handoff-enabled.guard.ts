import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { ErrorCode } from '../../common/errors/error-code';
import { TenantRequest } from '../../tenants/guards/tenant-request';
import { isHandoffAvailable } from '../../tenants/tenant-context';

export const HANDOFF_DISABLED_MESSAGE = "We're not taking new chats right now. Please try again later.";

/** 403 HANDOFF_DISABLED unless Wilow entitles the tenant and its admin enabled handoff. */
@Injectable()
export class HandoffEnabledGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { tenant } = context.switchToHttp().getRequest<TenantRequest>();
    if (!isHandoffAvailable(tenant)) {
      throw new AppError(HttpStatus.FORBIDDEN, ErrorCode.HandoffDisabled, HANDOFF_DISABLED_MESSAGE);
    }
    return true;
  }
}
