import { DeliveryAttemptDto, DeliveryDto, DeliveryWithAttemptsDto, HandoffDetailDto, HandoffDto } from './dto/handoff.dto';
import { adminConversationUrl } from '../conversations/admin-conversation-url';
import { DeliveryAttempt } from '../delivery/entities/delivery-attempt.entity';
import { Delivery } from '../delivery/entities/delivery.entity';
import { HandoffWithDeliveries } from './handoffs.service';

export function toHandoffDto({ handoff, deliveries, followUps }: HandoffWithDeliveries, adminBaseUrl: string): HandoffDto {
  const { id, conversationId, visitorEmail, reason, status, createdAt, resolvedAt, firstReplyAt, erasedAt } = handoff;
  return {
    id,
    conversationId,
    adminConversationUrl: adminConversationUrl(adminBaseUrl, conversationId),
    visitorEmail,
    reason,
    status,
    createdAt,
    resolvedAt,
    firstReplyAt,
    erasedAt,
    deliveries: deliveries.map(toDeliveryDto),
    followUps,
  };
}

export function toHandoffDetailDto(handoff: HandoffWithDeliveries, adminBaseUrl: string): HandoffDetailDto {
  return { ...toHandoffDto(handoff, adminBaseUrl), deliveries: handoff.deliveries.map(toDeliveryWithAttemptsDto) };
}

export function toDeliveryDto(delivery: Delivery): DeliveryDto {
  const { id, kind, channel, messageIds, status, attempts, lastError, responseStatus, durationMs, deliveredAt, externalId, externalUrl, createdAt, erasedAt } =
    delivery;
  return { id, kind, channel, messageIds, status, attempts, lastError, responseStatus, durationMs, deliveredAt, externalId, externalUrl, createdAt, erasedAt };
}

export function toDeliveryWithAttemptsDto(delivery: Delivery): DeliveryWithAttemptsDto {
  return { ...toDeliveryDto(delivery), attemptLog: (delivery.attemptLog ?? []).map(toAttemptDto) };
}

function toAttemptDto(attempt: DeliveryAttempt): DeliveryAttemptDto {
  const { startedAt, outcome, responseStatus, responseBody, error, durationMs } = attempt;
  return { startedAt, outcome, responseStatus, responseBody, error, durationMs };
}
