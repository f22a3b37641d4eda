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
  OriginNotAllowed = 'ORIGIN_NOT_ALLOWED',
  ServiceUnavailable = 'SERVICE_UNAVAILABLE',
  InternalError = 'INTERNAL_ERROR',
}
