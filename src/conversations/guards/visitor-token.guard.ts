import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { notFound, unauthorized } from '../../common/errors/app-error';
import { bearerToken } from '../../tenants/guards/bearer-token';
import { TenantRequest } from '../../tenants/guards/tenant-request';
import { ConversationsService } from '../conversations.service';
import { Conversation } from '../entities/conversation.entity';

interface VisitorRequest extends TenantRequest {
  conversation: Conversation;
}

/**
 * After the widget key guard: the visitor token must be the one of the conversation in the path,
 * within the widget key's tenant. Another conversation's token, another tenant's conversation and a
 * forged token all get the same 404.
 */
@Injectable()
export class VisitorTokenGuard implements CanActivate {
  constructor(private readonly conversations: ConversationsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<VisitorRequest>();
    const token = bearerToken(request);
    if (!token) throw unauthorized('The visitor token of the conversation is required (Authorization: Bearer <token>).');
    const conversation = await this.conversations.findForVisitor(request.tenant.id, String((request.params as { id?: unknown }).id), token);
    if (!conversation) throw notFound('Conversation');
    request.conversation = conversation;
    return true;
  }
}

/** The conversation established by VisitorTokenGuard. */
export const CurrentConversation = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Conversation =>
    context.switchToHttp().getRequest<VisitorRequest>().conversation,
);
