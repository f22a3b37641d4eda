/** One message of the transcript as delivered: the conversation up to the handoff, oldest first. */
export interface TranscriptEntry {
  role: 'user' | 'assistant';
  content: string;
  createdAt: Date;
}

/** Everything a channel delivers, built once from the database for each delivery. */
export interface HandoffPayload {
  handoffId: string;
  tenantId: string;
  /** The tenant's account name, shown in emails. */
  tenantName: string;
  conversationId: string;
  visitorEmail: string | null;
  reason: string | null;
  /** The moment of the handoff; the transcript stops there. */
  createdAt: Date;
  transcript: TranscriptEntry[];
  /** `<ADMIN_BASE_URL>/admin/conversations?id=<conversationId>` */
  adminConversationUrl: string;
  /** A synthetic handoff fired by an admin's Test button. */
  test: boolean;
}

/** A tenant's delivery settings, with the webhook secret already decrypted. */
export interface ChannelSettings {
  email: string | null;
  webhookUrl: string | null;
  webhookSecret: string | null;
}

export interface DeliveryContext {
  /** Sent to the receiver (`X-Wilow-Delivery`, `webhook-id`) so it can deduplicate. */
  deliveryId: string;
}

/** What was learnt from the peer, recorded on the attempt. */
export interface PeerResponse {
  responseStatus?: number;
  /** At most 2 KB of what the peer answered. */
  responseBody?: string;
}

/**
 * The result of one attempt. Channels never retry by themselves: they say whether a retry
 * could help, and the queue decides when.
 */
export type DeliveryOutcome =
  | ({ status: 'delivered' } & PeerResponse)
  | ({ status: 'transient_failure'; error: string } & PeerResponse)
  | ({ status: 'permanent_failure'; error: string } & PeerResponse);

/**
 * A way of getting a handoff to the tenant's team. Adding one (a native Zendesk or Slack
 * channel) is a new subclass registered in ChannelsModule; nothing else changes.
 */
export abstract class DeliveryChannel {
  /** Stored on each delivery row; never renamed once in use. */
  abstract readonly name: string;

  /**
   * Whether deliveries go to an endpoint the tenant runs (a webhook), which may be slow or hang:
   * then one tenant may hold only a share of a worker's delivery slots on this channel at once.
   * False for a service of ours that every tenant shares, such as the mail server.
   */
  readonly tenantEndpoint: boolean = false;

  /** Whether the tenant's settings send handoffs through this channel. */
  abstract isConfigured(settings: ChannelSettings): boolean;

  abstract deliver(payload: HandoffPayload, settings: ChannelSettings, context: DeliveryContext): Promise<DeliveryOutcome>;
}
