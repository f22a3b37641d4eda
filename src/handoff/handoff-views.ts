import { DeliveryAttemptDto, DeliveryDto, DeliveryWithAttemptsDto, HandoffDetailDto, HandoffDto } from './dto/handoff.dto';
import { adminConversationUrl } from '../conversations/admin-conversation-url';
import { DeliveryAttempt } from '../delivery/entities/delivery-attempt.entity';
import { Delivery } from '../delivery/entities/delivery.entity';
import { Handoff } from './entities/handoff.entity';

export function toHandoffDto(handoff: Handoff, deliveries: Delivery[], adminBaseUrl: string): HandoffDto {
  const { id, conversationId, visitorEmail, reason, status, createdAt, resolvedAt } = handoff;
  return {
    id,
    conversationId,
    adminConversationUrl: adminConversationUrl(adminBaseUrl, conversationId),
    visitorEmail,
    reason,
    status,
    createdAt,
    resolvedAt,
    deliveries: deliveries.map(toDeliveryDto),
  };
}

export function toHandoffDetailDto(handoff: Handoff, deliveries: Delivery[], adminBaseUrl: string): HandoffDetailDto {
  return {
    ...toHandoffDto(handoff, [], adminBaseUrl),
    deliveries: deliveries.map(toDeliveryWithAttemptsDto),
  };
}

export function toDeliveryDto(delivery: Delivery): DeliveryDto {
  const { channel, status, attempts, lastError, responseStatus, durationMs, deliveredAt, externalId, externalUrl } = delivery;
  return { channel, status, attempts, lastError, responseStatus, durationMs, deliveredAt, externalId, externalUrl };
}

function toDeliveryWithAttemptsDto(delivery: Delivery): DeliveryWithAttemptsDto {
  return { ...toDeliveryDto(delivery), attemptLog: (delivery.attemptLog ?? []).map(toAttemptDto) };
}

function toAttemptDto(attempt: DeliveryAttempt): DeliveryAttemptDto {
  const { startedAt, outcome, responseStatus, responseBody, error, durationMs } = attempt;
  return { startedAt, outcome, responseStatus, responseBody, error, durationMs };
}
