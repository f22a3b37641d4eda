/**
 * Stable, machine-readable error codes. Clients branch on these, so a code is never renamed
 * or reused for another meaning; add new ones instead.
 */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  RateLimited = 'RATE_LIMITED',
  PlatformApiDisabled = 'PLATFORM_API_DISABLED',
  HandoffDisabled = 'HANDOFF_DISABLED',
  HandoffNotEntitled = 'HANDOFF_NOT_ENTITLED',
  NoDeliveryChannel = 'NO_DELIVERY_CHANNEL',
  ChannelNotConfigured = 'CHANNEL_NOT_CONFIGURED',
  WebhookUrlRejected = 'WEBHOOK_URL_REJECTED',
  MessageLimitReached = 'MESSAGE_LIMIT_REACHED',
  /** A person of the team is answering: the assistant must not talk over them. */
  AgentActive = 'AGENT_ACTIVE',
  /** An agent's reply needs an open handoff. */
  NoOpenHandoff = 'NO_OPEN_HANDOFF',
  /** The handoff's conversation was erased: there is nothing left to hand to the team again. */
  HandoffErased = 'HANDOFF_ERASED',
  /** What the delivery carried was erased: sending it again would send nothing of it. */
  DeliveryErased = 'DELIVERY_ERASED',
  OriginNotAllowed = 'ORIGIN_NOT_ALLOWED',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  InternalError = 'INTERNAL_ERROR',
}
