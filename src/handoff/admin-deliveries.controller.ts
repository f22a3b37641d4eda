import { Controller, HttpCode, HttpStatus, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { notFound } from '../common/errors/app-error';
import { isUuid } from '../common/validation/uuid';
import { DeliveryService } from '../delivery/delivery.service';
import { AdminAuth } from '../tenants/guards/auth.decorators';
import { CurrentTenant } from '../tenants/guards/tenant-request';
import { TenantContext } from '../tenants/tenant-context';
import { DeliveryDto } from './dto/handoff.dto';
import { toDeliveryDto } from './handoff-views';
import { RedeliverRoute } from './redeliver-route.decorator';

@ApiTags('Admin: handoffs')
@AdminAuth()
@Controller('v1/admin/deliveries')
export class AdminDeliveriesController {
  constructor(private readonly delivery: DeliveryService) {}

  /**
   * Sends any delivery of the tenant's handoffs again now: a follow-up, a resolution, a visitor
   * email, or the handoff itself (one admin send for the limit).
   */
  @RedeliverRoute(':id/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  async redeliverDelivery(@CurrentTenant() tenant: TenantContext, @Param('id') id: string): Promise<DeliveryDto> {
    if (!isUuid(id)) throw notFound('Delivery');
    return toDeliveryDto(await this.delivery.redeliver(tenant.id, id));
  }
}
