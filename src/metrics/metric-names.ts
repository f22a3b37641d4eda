/** Prometheus metric names: operators' dashboards depend on them, so they never change. */
export const Metrics = {
  deliveries: 'wilow_deliveries_total',
  deliveryAttempts: 'wilow_delivery_attempts_total',
  deliveryLatency: 'wilow_delivery_latency_seconds',
  queueJobs: 'wilow_delivery_queue_jobs',
  followUps: 'wilow_follow_ups_total',
  firstReply: 'wilow_handoff_first_reply_seconds',
  retentionErased: 'wilow_retention_erased_conversations_total',
  httpDuration: 'wilow_http_request_duration_seconds',
} as const;
