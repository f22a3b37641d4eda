import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../../tenants/guards/auth.decorators';
import { HandoffEventListDto } from '../dto/event.dto';
import { EventCatalogue } from './event-catalogue';

/** The event catalogue: what a webhook may receive, for receivers to validate against and admins to subscribe to. */
@ApiTags('Admin: handoff channels')
@AdminAuth()
@Controller('v1/admin/handoff/events')
export class AdminHandoffEventsController {
  constructor(private readonly catalogue: EventCatalogue) {}

  /**
   * Every event a webhook can receive, with the JSON Schema of its body. The webhook's `events`
   * setting (`PUT /v1/admin/handoff/channels/webhook`) takes null (every event, present and future)
   * or a list of these names that includes `handoff.created`.
   */
  @Get()
  @ApiOkResponse({ type: HandoffEventListDto })
  listHandoffEvents(): HandoffEventListDto {
    return { items: this.catalogue.events().map(({ name, description, schema }) => ({ event: name, description, schema: { ...schema } })) };
  }
}
