import { DeliveryAttemptDto, DeliveryDto, DeliveryWithAttemptsDto, HandoffDetailDto, HandoffDto } from './dto/handoff.dto';
import { DeliveryAttempt } from './entities/delivery-attempt.entity';
import { Delivery } from './entities/delivery.entity';
import { Handoff } from './entities/handoff.entity';

/** The admin Conversations page of a thread: the deep link in every delivery and in the API. */
export function adminConversationUrl(adminBaseUrl: string, conversationId: string): string {
  return `${adminBaseUrl}/admin/conversations?id=${encodeURIComponent(conversationId)}`;
}

export function toHandoffDto(handoff: Handoff, adminBaseUrl: string): HandoffDto {
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
    deliveries: (handoff.deliveries ?? []).map(toDeliveryDto),
  };
}

export function toHandoffDetailDto(handoff: Handoff, adminBaseUrl: string): HandoffDetailDto {
  return {
    ...toHandoffDto(handoff, adminBaseUrl),
    deliveries: (handoff.deliveries ?? []).map(toDeliveryWithAttemptsDto),
  };
}

export function toDeliveryDto(delivery: Delivery): DeliveryDto {
  const { channel, status, attempts, lastError, responseStatus, durationMs, deliveredAt } = delivery;
  return { channel, status, attempts, lastError, responseStatus, durationMs, deliveredAt };
}

function toDeliveryWithAttemptsDto(delivery: Delivery): DeliveryWithAttemptsDto {
  return { ...toDeliveryDto(delivery), attemptLog: (delivery.attemptLog ?? []).map(toAttemptDto) };
}

function toAttemptDto(attempt: DeliveryAttempt): DeliveryAttemptDto {
  const { startedAt, outcome, responseStatus, responseBody, error, durationMs } = attempt;
  return { startedAt, outcome, responseStatus, responseBody, error, durationMs };
}
