import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { TenantContext } from '../tenant-context';

export interface TenantRequest extends FastifyRequest {
  tenant: TenantContext;
}

/** The tenant established by the route's guard; never taken from the request body. */
export const CurrentTenant = createParamDecorator(
  (_data: unknown, context: ExecutionContext): TenantContext =>
    context.switchToHttp().getRequest<TenantRequest>().tenant,
);
