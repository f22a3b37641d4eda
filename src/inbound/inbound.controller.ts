import { Controller, HttpCode, HttpStatus, Param, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ErrorCode } from '../common/errors/error-code';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { InboundAddressRateLimit } from '../rate-limit/rate-limit.decorators';
import { InboundReceiptDto } from './dto/inbound.dto';
import { InboundService } from './inbound.service';

/** Where helpdesks send agents' answers: each tenant's helpdesk channel has its own address. */
@ApiTags('Inbound')
@Controller('v1/inbound')
export class InboundController {
  constructor(private readonly inbound: InboundService) {}

  /**
   * A helpdesk's request: a Zendesk or Freshdesk webhook with the body template of the channel
   * item (`inboundBodyTemplate`), or a Slack Events API request. 200 for every request taken,
   * ignored (an unknown ticket or thread, a bot, an edit, the service's own comment) or taken
   * before; Slack's `url_verification` gets its challenge back.
   */
  @Post(':channel/:token')
  @HttpCode(HttpStatus.OK)
  @InboundAddressRateLimit()
  @ApiBody({ description: 'What the helpdesk sends.', schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({ type: InboundReceiptDto })
  @ApiErrors(
    { status: HttpStatus.BAD_REQUEST, description: `Malformed JSON, or not the body the helpdesk sends (\`${ErrorCode.ValidationFailed}\`).` },
    { status: HttpStatus.UNAUTHORIZED, description: `A missing or wrong signature, or a timestamp more than 5 minutes off (\`${ErrorCode.Unauthorized}\`).` },
    { status: HttpStatus.NOT_FOUND, description: `No such address (\`${ErrorCode.NotFound}\`), also once it was replaced.` },
    { status: HttpStatus.PAYLOAD_TOO_LARGE, description: `A body over 64 KB (\`${ErrorCode.PayloadTooLarge}\`).` },
  )
  async receiveHelpdeskRequest(
    @Param('channel') channel: string,
    @Param('token') token: string,
    @Req() request: RawBodyRequest<FastifyRequest>,
  ): Promise<InboundReceiptDto> {
    return this.inbound.receive(channel, token, {
      headers: request.headers,
      rawBody: request.rawBody ?? Buffer.alloc(0),
      body: request.body,
      now: new Date(),
    });
  }
}
