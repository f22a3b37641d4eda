import { Body, Controller, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCode } from '../common/errors/error-code';
import { ApiErrors } from '../common/openapi/api-errors.decorator';
import { PostedReplyDto, ReplyDto, toMessageDto } from '../conversations/dto/message.dto';
import { MessageSource } from '../conversations/entities/message.entity';
import { MESSAGE_LIMIT_RESPONSE } from '../conversations/message-limit';
import { TenantRateLimit } from '../rate-limit/rate-limit.decorators';
import { RateLimits } from '../rate-limit/rate-limit.names';
import { AdminAuth } from '../tenants/guards/auth.decorators';
import { CurrentTenant } from '../tenants/guards/tenant-request';
import { TenantContext } from '../tenants/tenant-context';
import { RepliesService } from './replies.service';

@ApiTags('Admin')
@Controller('v1/admin/conversations')
export class AdminRepliesController {
  constructor(private readonly replies: RepliesService) {}

  /**
   * Answers the visitor as a person of the team (role `agent`, source `admin`): the console's
   * "Send reply", or any system with an admin key (a custom helpdesk). The visitor sees it in the
   * widget; the conversation's mode becomes `agent`, so the assistant stops posting; the answer
   * goes to the handoff's other channels as a follow-up.
   */
  @Post(':id/replies')
  @TenantRateLimit(RateLimits.tenantReplies)
  @AdminAuth()
  @ApiCreatedResponse({ type: PostedReplyDto })
  @ApiErrors(HttpStatus.BAD_REQUEST, HttpStatus.NOT_FOUND, MESSAGE_LIMIT_RESPONSE, {
    status: HttpStatus.CONFLICT,
    description: `The conversation has no open handoff to answer (\`${ErrorCode.NoOpenHandoff}\`), or holds its limit of messages (\`${ErrorCode.MessageLimitReached}\`).`,
  })
  async replyToConversation(@CurrentTenant() tenant: TenantContext, @Param('id') id: string, @Body() body: ReplyDto): Promise<PostedReplyDto> {
    return { message: toMessageDto(await this.replies.reply(tenant.id, id, body, MessageSource.Admin)) };
  }
}
